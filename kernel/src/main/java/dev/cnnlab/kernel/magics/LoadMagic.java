package dev.cnnlab.kernel.magics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * {@code %load FILE}: runs a {@code .jsh}/{@code .java} script, or the code cells of a notebook
 * ({@code .ipynb}, the extension may be left out as in IJava), as if typed into this cell.
 */
public final class LoadMagic implements Magic {
    @Override
    public String name() {
        return "load";
    }

    @Override
    public String help() {
        return "%load FILE[.jsh|.java|.ipynb]: run a script, or the code cells of a notebook";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        String arg = args.strip();
        if (arg.length() > 1 && (arg.startsWith("\"") && arg.endsWith("\"") || arg.startsWith("'") && arg.endsWith("'"))) {
            arg = arg.substring(1, arg.length() - 1);
        }
        if (arg.isEmpty()) throw new MagicException("%load needs a file, e.g. %load helpers.jsh");
        Path file = find(arg);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (file.toString().endsWith(".ipynb")) {
                for (String cell : codeCells(text)) if (!cell.isBlank()) ctx.runCell(cell);
            } else {
                ctx.runCell(text);
            }
        } catch (IOException e) {
            throw new MagicException("%load: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Path find(String arg) {
        Path p = Path.of(arg);
        if (Files.isRegularFile(p)) return p;
        for (String ext : new String[] {".jsh", ".ipynb", ".java"}) {
            Path q = Path.of(arg + ext);
            if (Files.isRegularFile(q)) return q;
        }
        throw new MagicException("%load: no such file: " + p.toAbsolutePath() + " (also tried .jsh, .ipynb, .java)");
    }

    static java.util.List<String> codeCells(String notebookJson) {
        java.util.List<String> out = new java.util.ArrayList<>();
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
