package dev.cnnlab.kernel.magics;

import java.util.List;

/** What a magic may do in the kernel: run code as a cell, print, and change the cells' class path. */
public interface MagicContext {
    /** Runs {@code code} like a cell (Java and magics), output going to the current cell. */
    void runCell(String code);

    /** Prints a line of text in the current cell's output. */
    void println(String text);

    /** The cells' class path. */
    List<String> classPath();

    /** Adds a jar or directory to the cells' class path. */
    void addToClasspath(String path);

    /** The imports in force, as their sources. */
    List<String> imports();
}
