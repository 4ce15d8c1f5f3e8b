package dev.cnnlab.classroom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.cnnlab.display.Display;

/**
 * Instant feedback on exercises. At the top of a notebook: {@code Check.lesson("01-convolution");} then in
 * an exercise cell: {@code check("ex1", answer);} — it says what is wrong (shape, which cell, by how much),
 * not just "false".
 */
public final class Check {
    private static volatile Lesson current;

    private Check() {}

    /** Selects the lesson whose exercises {@link #check} uses. */
    public static Lesson lesson(String name) {
        current = Lessons.get(name);
        return current;
    }

    /**
     * Checks {@code answer} against exercise {@code id} of the current lesson and shows the feedback (once: it
     * returns nothing, so a cell ending in {@code check(...)} does not show it twice).
     */
    public static void check(String id, Object answer) {
        if (current == null) {
            throw new IllegalStateException("no lesson selected: run the notebook's first cell (Check.lesson(...)) first");
        }
        Display.show(evaluate(current, id, answer));
    }

    /** Checks without showing: the feedback for {@code answer}. */
    public static Feedback evaluate(Lesson lesson, String id, Object answer) {
        Exercise ex = lesson.exercise(id);
        String problem;
        try {
            problem = compare(Answer.of(ex.expected().get()), Answer.of(answer), ex.tolerance());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem == null) return new Feedback(lesson.name(), id, true, "well done.");
        String hint = ex.hint() == null || ex.hint().isBlank() ? "" : " Hint: " + ex.hint();
        return new Feedback(lesson.name(), id, false, problem + "." + hint);
    }

    /** Null when equal, else a sentence saying what differs. */
    static String compare(Answer expected, Answer actual, double tol) {
        if (expected.scalar() != null || actual.scalar() != null) {
            if (Objects.equals(expected.scalar(), actual.scalar())) return null;
            if (expected.scalar() instanceof String s && actual.scalar() instanceof String a
                    && s.trim().equalsIgnoreCase(a.trim())) return null;
            return "your answer is " + show(actual) + " but it should be something else";
        }
        if (actual.values().length == 0 && actual.shape().length == 0) return "the answer is empty (null)";
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return "your answer is " + actual.describeShape() + " but the result is " + expected.describeShape();
        }
        List<Integer> wrong = new ArrayList<>();
        double[] e = expected.values(), a = actual.values();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(e[i] - a[i]) <= tol + 1e-9 * Math.abs(e[i]))) wrong.add(i);
        }
        if (wrong.isEmpty()) return null;
        int i = wrong.get(0);
        String where = expected.shape().length == 0 ? "your value" : "cell " + expected.index(i);
        String off = e[i] != 0 ? String.format(java.util.Locale.ROOT, " (off by %s)", Answer.format(a[i] - e[i])) : "";
        String more = wrong.size() > 1 ? " — " + wrong.size() + " of " + e.length + " values are wrong" : "";
        return where + " is " + Answer.format(a[i]) + " but should be " + Answer.format(e[i]) + off + more;
    }

    private static String show(Answer a) {
        return a.scalar() instanceof String s ? "\"" + s + "\"" : String.valueOf(a.scalar());
    }
}
