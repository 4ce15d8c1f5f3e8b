package dev.cnnlab.kernel.debug;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the debugger keeps a cell's source: {@code <tmp>/cnnlab_<pid>/<murmur2 of the code>.java}, the scheme
 * JupyterLab also computes from {@code debugInfo}'s {@code tmpFilePrefix}, {@code hashSeed} and
 * {@code tmpFileSuffix}. A cell is named by its code, so a breakpoint set on a cell before it runs finds it.
 */
public final class CellSources {
    /** The suffix JupyterLab appends to a cell's hash. */
    public static final String SUFFIX = ".java";

    private final Path dir;

    /** Cell files under {@code dir} (created on the first dump). */
    public CellSources(Path dir) {
        this.dir = dir;
    }

    /** The kernel's folder in the system's temporary directory, one per kernel process. */
    public static CellSources forThisProcess() {
        return new CellSources(Path.of(System.getProperty("java.io.tmpdir"), "cnnlab_" + ProcessHandle.current().pid()));
    }

    /** What JupyterLab puts before a cell's hash: the folder and a separator. */
    public String prefix() {
        return dir.toString() + java.io.File.separator;
    }

    /** The file a cell with this code is named by (it need not exist). */
    public String pathOf(String code) {
        return prefix() + Murmur2.hash(code, Murmur2.SEED) + SUFFIX;
    }

    /** Writes the cell's code to its file (a temporary file, then renamed) and returns the path. */
    public String dump(String code) throws IOException {
        Files.createDirectories(dir);
        Path target = Path.of(pathOf(code));
        Path tmp = Files.createTempFile(dir, ".cell", ".tmp");
        Files.writeString(tmp, code, StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target.toString();
    }

    /** The content of a dumped cell file, or null when {@code path} is not one of this kernel's cells. */
    public String read(String path) {
        Path p = Path.of(path).normalize();
        if (!p.startsWith(dir) || !Files.isRegularFile(p)) return null;
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
