package dev.cnnlab.kernel.magics;

import java.util.ArrayList;
import java.util.List;

/** A kernel stand-in for magic tests: Java parts are recorded, not run; magics in run cells run. */
final class FakeContext implements MagicContext {
    final Magics magics;
    final List<String> java = new ArrayList<>();
    final List<String> printed = new ArrayList<>();
    final List<String> classPath = new ArrayList<>();

    FakeContext(Magics magics) {
        this.magics = magics;
    }

    /** Runs a cell as the kernel would: its magics here, its Java recorded. */
    void run(String cell) {
        magics.run(cell, this, java::add, c -> true);
    }

    @Override
    public void runCell(String code) {
        run(code);
    }

    @Override
    public void println(String text) {
        printed.add(text);
    }

    @Override
    public List<String> classPath() {
        return classPath;
    }

    @Override
    public void addToClasspath(String path) {
        classPath.add(path);
    }

    @Override
    public List<String> imports() {
        return List.of();
    }
}
