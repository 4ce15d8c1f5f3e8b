package dev.cnnlab.classroom;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One exercise of a lesson: what to do, how the right answer is computed (by the library, never typed in), how
 * close a numeric answer must be, and a hint shown when the answer is wrong. The right answer is not part of the
 * public API: {@link Check} compares with it, a notebook cannot read it.
 */
public final class Exercise {
    private final String id;
    private final String task;
    private final Supplier<Object> expected;
    private final double tolerance;
    private final String hint;

    /**
     * @param id        short id used in the notebook, e.g. {@code "ex1"}
     * @param task      the task in one sentence
     * @param expected  computes the correct answer
     * @param tolerance absolute tolerance for numbers (0 for exact)
     * @param hint      what to look at when the answer is wrong
     */
    public Exercise(String id, String task, Supplier<Object> expected, double tolerance, String hint) {
        this.id = Objects.requireNonNull(id, "id");
        this.task = task;
        this.expected = Objects.requireNonNull(expected, "expected");
        if (tolerance < 0) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
        this.tolerance = tolerance;
        this.hint = hint;
    }

    /** Short id used in the notebook, e.g. {@code "ex1"}. */
    public String id() {
        return id;
    }

    /** The task in one sentence. */
    public String task() {
        return task;
    }

    /** Absolute tolerance for numbers (0 for exact). */
    public double tolerance() {
        return tolerance;
    }

    /** What to look at when the answer is wrong. */
    public String hint() {
        return hint;
    }

    /** The correct answer, for {@link Check} only. */
    Object expected() {
        return expected.get();
    }

    @Override
    public String toString() {
        return "Exercise[" + id + ": " + task + "]";
    }
}
