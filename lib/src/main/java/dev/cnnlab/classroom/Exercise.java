package dev.cnnlab.classroom;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One exercise of a lesson: what to do, how the right answer is computed (by the library, never typed in),
 * how close a numeric answer must be, and a hint shown when the answer is wrong.
 *
 * @param id        short id used in the notebook, e.g. {@code "ex1"}
 * @param task      the task in one sentence
 * @param expected  computes the correct answer
 * @param tolerance absolute tolerance for numbers (0 for exact)
 * @param hint      what to look at when the answer is wrong
 */
public record Exercise(String id, String task, Supplier<Object> expected, double tolerance, String hint) {
    /** Validates the fields. */
    public Exercise {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(expected, "expected");
        if (tolerance < 0) throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }
}
