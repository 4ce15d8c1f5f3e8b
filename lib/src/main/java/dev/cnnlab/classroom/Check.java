package dev.cnnlab.classroom;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentSkipListMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.cnnlab.display.Display;

/**
 * Instant feedback on exercises. At the top of a notebook: {@code Check.lesson("01-convolution");} then in
 * an exercise cell: {@code check("ex1", answer);} — it says what is wrong (the shape, which cell, too large or
 * too small and roughly by what factor, a hint) — never the expected value.
 */
public final class Check {
    private static volatile Lesson current;
    /** The last answer checked for each "lesson/id" of this session, as checked (later changes do not count). */
    private static final Map<String, Answer> ANSWERS = new ConcurrentSkipListMap<>();
    /** Results of the grader's hidden tests, keyed "RUN/lesson/id": only those of the report's run count. */
    private static final Map<String, String> HIDDEN = new ConcurrentSkipListMap<>();

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
        try {
            ANSWERS.put(current.name() + "/" + id, Answer.of(answer));
        } catch (IllegalArgumentException e) {
            ANSWERS.remove(current.name() + "/" + id); // not an answer the checker can read: it fails
        }
        Display.show(evaluate(current, id, answer));
    }

    /**
     * For {@code ./cnnlab grade}: runs one of a teacher's hidden tests (nbgrader's idea: a check the student copy
     * does not contain) in the student's session, after the student's last cell, and keeps whether it held for the
     * report of grading run {@code run}. A test that throws fails. Students gain nothing by calling it: only
     * results filed under the grader's run id, which no student cell sees, are reported.
     *
     * @param run    the grading run's id (random, made by the grader)
     * @param lesson the lesson the test belongs to
     * @param id     the test's id, unique in the lesson
     * @param test   the check, over the session's variables
     */
    public static void hidden(String run, String lesson, String id, BooleanSupplier test) {
        String result;
        try {
            result = test.getAsBoolean() ? "PASS" : "FAIL";
        } catch (RuntimeException | Error e) {
            result = "FAIL (" + e.getClass().getSimpleName() + ")";
        }
        HIDDEN.put(run + "/" + lesson + "/" + id, result);
    }

    /**
     * For {@code ./cnnlab grade}, which runs it after a submission's last cell: checks again every answer this
     * session gave to {@link #check}, against the lessons as the library defines them (whatever the notebook
     * registered), and prints one {@code [grade] LESSON/ID: PASS|FAIL} line per answer, one per hidden test of
     * {@code run}, a {@code [feedback] LESSON/ID: ...} line per answer (what {@link #check} said, never the expected
     * value), and a last line {@code [grade-mac] HEX}, the HMAC-SHA256 of those lines under {@code key}. The grader
     * makes a fresh key for each notebook and keeps only a report whose MAC it can verify, so a printed "PASS"
     * counts for nothing.
     */
    public static void report(String key, String run) {
        Lessons.restoreBuiltins();
        StringBuilder lines = new StringBuilder(), feedback = new StringBuilder();
        for (Map.Entry<String, Answer> e : ANSWERS.entrySet()) {
            String lessonName = e.getKey().substring(0, e.getKey().lastIndexOf('/'));
            String id = e.getKey().substring(e.getKey().lastIndexOf('/') + 1);
            boolean pass;
            String said;
            try {
                Exercise ex = Lessons.get(lessonName).exercise(id);
                String problem = compare(Answer.of(ex.expected()), e.getValue(), ex.tolerance());
                pass = problem == null;
                said = pass ? "correct." : problem + "." + (ex.hint() == null || ex.hint().isBlank() ? "" : " Hint: " + ex.hint());
            } catch (RuntimeException ex) {
                pass = false;
                said = "could not be checked: " + ex.getMessage();
            }
            lines.append("[grade] ").append(e.getKey()).append(": ").append(pass ? "PASS" : "FAIL").append('\n');
            feedback.append("[feedback] ").append(e.getKey()).append(": ").append(said.replace('\n', ' ')).append('\n');
        }
        String prefix = run + "/";
        for (Map.Entry<String, String> e : HIDDEN.entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            String name = e.getKey().substring(prefix.length());
            lines.append("[grade] ").append(name).append(": ").append(e.getValue().startsWith("PASS") ? "PASS" : "FAIL").append('\n');
            feedback.append("[feedback] ").append(name).append(": hidden test ")
                    .append(e.getValue().startsWith("PASS") ? "passed." : "failed" + e.getValue().substring(4) + ".").append('\n');
        }
        String text = lines.append(feedback).toString();
        System.out.print(text);
        System.out.println("[grade-mac] " + hmac(key, text));
        System.out.flush();
    }

    /** {@link #report(String, String)} without hidden tests. */
    public static void report(String key) {
        report(key, "");
    }

    static String hmac(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }

    /** Checks without showing: the feedback for {@code answer}. */
    public static Feedback evaluate(Lesson lesson, String id, Object answer) {
        Exercise ex = lesson.exercise(id);
        String problem;
        try {
            problem = compare(Answer.of(ex.expected()), Answer.of(answer), ex.tolerance());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem == null) return new Feedback(lesson.name(), id, true, "well done.");
        String hint = ex.hint() == null || ex.hint().isBlank() ? "" : " Hint: " + ex.hint();
        return new Feedback(lesson.name(), id, false, problem + "." + hint);
    }

    /**
     * Null when equal, else a sentence saying what differs: the shape, which cell, too large or too small and by
     * roughly what factor, in words. It never states the expected value, nor anything it could be read back from
     * (an exact difference, an exact ratio).
     */
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
        String more = wrong.size() > 1 ? " — " + wrong.size() + " of " + e.length + " values are wrong" : "";
        return where + " " + howFar(e[i], a[i]) + more;
    }

    /** "is too large (about twice the right value)": direction and a rough factor, never the value itself. */
    static String howFar(double expected, double actual) {
        if (Double.isNaN(actual)) return "is not a number (NaN)";
        if (Double.isInfinite(actual)) return "is infinite";
        String direction = actual > expected ? "is too large" : "is too small";
        if (expected == 0) return direction;
        if (actual == 0) return direction + " (it is not zero)";
        if (Math.signum(actual) != Math.signum(expected)) return direction + " (it has the wrong sign)";
        double ratio = Math.abs(actual / expected);
        boolean bigger = ratio > 1;
        double f = bigger ? ratio : 1 / ratio;
        String factor;
        if (f < 1.001) factor = "very slightly: check rounding and float precision";
        else if (f < 1.1) factor = "slightly, by less than a tenth";
        else if (f < 1.5) factor = "by between a tenth and a half";
        else if (f < 2.5) factor = bigger ? "about twice the right size" : "about half the right size";
        else if (f < 7) factor = bigger ? "several times the right size" : "several times smaller than it should be";
        else if (f < 15) factor = bigger ? "about ten times the right size" : "about ten times smaller than it should be";
        else factor = bigger ? "far more than ten times the right size" : "far more than ten times smaller than it should be";
        return direction + " (" + factor + (expected < 0 && f >= 1.5 ? ", in magnitude" : "") + ")";
    }

    private static String show(Answer a) {
        return a.scalar() instanceof String s ? "\"" + s + "\"" : String.valueOf(a.scalar());
    }
}
