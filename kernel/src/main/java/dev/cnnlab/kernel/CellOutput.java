package dev.cnnlab.kernel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's stdout and stderr on the kernel side: two {@link OutputDemux}es sharing one {@link OutputBudget},
 * the listener they report to (the cell that was last when text was printed), and the notice for text dropped
 * over the budget. Text is streamed in small batches while a cell runs (see {@link #flushText}).
 */
final class CellOutput {
    private final OutputBudget budget = OutputBudget.fromEnvironment();
    private final OutputDemux out;
    private final OutputDemux err;
    private volatile OutputDemux.Listener listener;

    CellOutput(OutputDemux.Listener listener) {
        this.listener = listener;
        this.out = new OutputDemux("stdout", listener, budget);
        this.err = new OutputDemux("stderr", listener, budget);
    }

    /** The agent's stdout, for JShell's builder. */
    PrintStream stdout() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** The agent's stderr, for JShell's builder. */
    PrintStream stderr() {
        return new PrintStream(err, true, StandardCharsets.UTF_8);
    }

    /** Hands buffered text on (called every few tens of ms while cells run). */
    void flushText() {
        out.flushText();
        err.flushText();
    }

    /** At the end of a cell: everything buffered goes out. */
    void drain() {
        out.drain();
        err.drain();
    }

    /** Writes a kernel-made frame into the stdout stream, in order with the agent's output. */
    void writeFrame(byte[] frame) {
        out.write(frame, 0, frame.length);
    }

    /** Writes a kernel notice (a redefinition, a missing name) to stderr. */
    void writeErr(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0) err.write(b, 0, b.length);
    }

    /**
     * Sets who receives the output of the cell about to run. It keeps receiving what background threads print
     * after the cell, until the next call: text still buffered, and the note for text dropped since the cell
     * ended, go to the previous listener first, so every line stays under the cell that was last when it was
     * printed, in order.
     */
    synchronized void setListener(OutputDemux.Listener next) {
        flushText();
        reportDropped(listener);
        listener = next;
        out.setListener(next);
        err.setListener(next);
    }

    /** Starts a cell's stream output: its {@link OutputBudget} counts from zero. */
    void beginCell() {
        budget.reset();
    }

    /** Tells {@code to} on stderr how much text was dropped over the budget since the last report, if any. */
    void reportDropped(OutputDemux.Listener to) {
        long dropped = budget.takeDropped();
        if (dropped > 0) to.text("stderr", budget.notice(dropped));
    }
}
