package dev.cnnlab.kernel;

import java.util.List;

/**
 * A cell that failed, as Jupyter shows it: an error name, a message and the traceback lines (compile errors
 * with the cell's line and column, runtime exceptions with frames trimmed to the cell's code).
 */
final class CellError extends RuntimeException {
    final String ename;
    final List<String> traceback;

    CellError(String ename, String evalue, List<String> traceback) {
        super(evalue, null, false, false);
        this.ename = ename;
        this.traceback = List.copyOf(traceback);
    }

    String evalue() {
        return getMessage();
    }
}
