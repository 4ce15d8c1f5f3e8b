package dev.cnnlab.kernel.magics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code %load FILE}: runs a script ({@code .jsh}, {@code .jshell}, {@code .java}, {@code .ijava}), or the code
 * cells of a notebook ({@code .ipynb}), as if typed into this cell; magics in it run too. As in IJava the extension
 * may be left out (tried in that order, the notebook last). A relative path is looked for along the
 * {@link SearchPath}: the folder of the file that says {@code %load} (when loading from a loaded file), the
 * notebook's folder, the current directory.
 */
public final class LoadMagic implements Magic {
    /** IJava's order: the script extensions, then a notebook. */
    static final List<String> EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava", ".ipynb");

    private final SearchPath searchPath;

    /** A {@code %load} that looks for relative paths along {@code searchPath}. */
    public LoadMagic(SearchPath searchPath) {
        this.searchPath = searchPath;
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String help() {
        return "%load FILE[.jsh|.jshell|.java|.ijava|.ipynb]: run a script, or the code cells of a notebook";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        String arg = args.strip();
        if (arg.length() > 1 && (arg.startsWith("\"") && arg.endsWith("\"") || arg.startsWith("'") && arg.endsWith("'"))) {
            arg = arg.substring(1, arg.length() - 1);
        }
        if (arg.isEmpty()) throw new MagicException("%load needs a file, e.g. %load helpers.jsh");
        Path file = find(arg, searchPath);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("%load: cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> cells = file.toString().endsWith(".ipynb") ? codeCells(text) : List.of(text);
        searchPath.loading(file, () -> {
            for (String cell : cells) if (!cell.isBlank()) ctx.runCell(cell);
        });
    }

    /** The file {@code arg} names: as given, then with each of {@link #EXTENSIONS}, in each search folder. */
    static Path find(String arg, SearchPath searchPath) {
        for (Path p : searchPath.candidates(arg)) {
            if (Files.isRegularFile(p)) return p;
            for (String ext : EXTENSIONS) {
                Path q = p.resolveSibling(p.getFileName() + ext);
                if (Files.isRegularFile(q)) return q;
            }
        }
        throw new MagicException("%load: no file " + arg + " in " + searchPath.describe()
                + " (also tried " + String.join(", ", EXTENSIONS) + ")");
    }

    static List<String> codeCells(String notebookJson) {
        List<String> out = new java.util.ArrayList<>();
        JsonElement root;
        try {
            root = JsonParser.parseString(notebookJson);
        } catch (RuntimeException e) {
            throw new MagicException("%load: not a notebook (invalid JSON): " + e.getMessage(), e);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("cells")) {
            throw new MagicException("%load: not a notebook: no \"cells\"");
        }
        for (JsonElement c : root.getAsJsonObject().getAsJsonArray("cells")) {
            JsonObject cell = c.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) continue;
            JsonElement src = cell.get("source");
            if (src == null) continue;
            if (src.isJsonArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonElement line : (JsonArray) src) sb.append(line.getAsString());
                out.add(sb.toString());
            } else {
                out.add(src.getAsString());
            }
        }
        return out;
    }
}
