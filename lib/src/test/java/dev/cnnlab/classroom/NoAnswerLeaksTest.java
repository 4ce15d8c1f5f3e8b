package dev.cnnlab.classroom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every exercise of every built-in lesson, answered wrongly in many ways: the feedback (text and HTML) never
 * contains the expected value in any of its usual written forms.
 */
class NoAnswerLeaksTest {

    @Test
    void noWrongAnswerRevealsTheExpectedValue() {
        int checked = 0;
        for (Lesson lesson : Lessons.builtins()) {
            assertFalse(lesson.exercises().isEmpty(), lesson.name() + " has no exercises");
            for (Exercise ex : lesson.exercises()) {
                Answer expected = Answer.of(ex.expected());
                Set<String> forms = secretForms(expected);
                assertFalse(forms.isEmpty(), lesson.name() + "/" + ex.id());
                for (Object wrong : wrongAnswers(expected)) {
                    Feedback f = Check.evaluate(lesson, ex.id(), wrong);
                    if (f.passed()) continue;               // a change that keeps this value (x/2 + 0.25 at 0.5)
                    for (String text : List.of(f.toString(), f.toHtml())) {
                        String scanned = text.replaceAll("\\[\\d+\\]", " ");   // cell indices are not values
                        for (String form : forms) {
                            assertFalse(contains(scanned, form), lesson.name() + "/" + ex.id() + ": the answer "
                                    + describe(wrong) + " got feedback that shows the expected value as \"" + form
                                    + "\": " + text);
                        }
                    }
                    checked++;
                }
            }
        }
        assertTrue(checked > 200, "only " + checked + " wrong answers were tried");
    }

    @Test
    void theFeedbackStillSaysWhichWayAndRoughlyHowFar() {
        assertTrue(Check.howFar(16, 32).equals("is too large (about twice the right size)"), Check.howFar(16, 32));
        assertTrue(Check.howFar(16, 0).equals("is too small (it is not zero)"), Check.howFar(16, 0));
        assertTrue(Check.howFar(16, 17).equals("is too large (slightly, by less than a tenth)"), Check.howFar(16, 17));
        assertTrue(Check.howFar(16, 1.6).equals("is too small (about ten times smaller than it should be)"));
        assertTrue(Check.howFar(16, -16).equals("is too small (it has the wrong sign)"));
        assertTrue(Check.howFar(-10, -5).equals("is too large (about half the right size, in magnitude)"));
        assertTrue(Check.howFar(0, 3).equals("is too large"));
    }

    /** The expected value as a student might read it: the whole value and, where distinctive, each element. */
    static Set<String> secretForms(Answer expected) {
        Set<String> forms = new LinkedHashSet<>();
        if (expected.scalar() != null) {
            forms.add(String.valueOf(expected.scalar()));
            return forms;
        }
        double[] v = expected.values();
        boolean scalar = expected.shape().length == 0;
        for (double x : v) {
            boolean distinctive = x != Math.rint(x) || Math.abs(x) > 10;
            if (scalar || distinctive) forms.addAll(numberForms(Math.abs(x)));
        }
        if (!scalar) {
            String[] items = Arrays.stream(v).mapToObj(Answer::format).toArray(String[]::new);
            forms.add(String.join(", ", items));
            forms.add(String.join(" ", items));
            forms.add(Arrays.toString(v));
        }
        return forms;
    }

    static Set<String> numberForms(double x) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(Answer.format(x));
        forms.add(Double.toString(x));
        forms.add(Float.toString((float) x));
        if (x == Math.rint(x)) {
            forms.add(Long.toString((long) x));
            forms.add(String.format(Locale.ROOT, "%,d", (long) x));
        } else {
            for (int digits = 2; digits <= 6; digits++) {
                forms.add(String.format(Locale.ROOT, "%." + digits + "g", x).replaceAll("(\\.\\d*?)0+$", "$1"));
                forms.add(String.format(Locale.ROOT, "%." + digits + "f", x));
            }
        }
        forms.removeIf(f -> f.isEmpty() || f.equals("0") || f.equals("0.0"));
        return forms;
    }

    /** {@code form} as a number of its own: not part of a longer number. */
    static boolean contains(String text, String form) {
        return Pattern.compile("(?<![\\d.])" + Pattern.quote(form) + "(?![\\d])").matcher(text).find()
                || (form.contains(",") && text.contains(form));
    }

    /** Zero, off by one, a little off, doubled, halved, negated, one cell changed, the wrong shape, text, null. */
    static List<Object> wrongAnswers(Answer expected) {
        List<Object> out = new ArrayList<>();
        if (expected.scalar() != null) {
            out.add("not " + expected.scalar());
            out.add(0);
            out.add(null);
            return out;
        }
        int[] shape = expected.shape();
        double[] v = expected.values();
        List<DoubleUnaryOperator> changes = List.of(x -> 0, x -> x + 1, x -> x - 1, x -> x * 1.05 + 0.01,
                x -> 2 * x + 0.5, x -> x / 2 + 0.25, x -> -x - 1, x -> 10 * x + 3, x -> x + 100);
        for (DoubleUnaryOperator c : changes) {
            double[] w = Arrays.stream(v).map(c).toArray();
            out.add(nest(w, shape));
        }
        if (v.length > 1) {
            double[] w = v.clone();
            w[w.length - 1] += 3;                        // one cell wrong, the others right
            out.add(nest(w, shape));
            out.add(Arrays.copyOf(v, v.length - 1));     // the wrong shape, with the right values in it
            out.add(v[0]);
        } else {
            out.add(new double[] {v[0], v[0], v[0]});   // the right value, but three times
        }
        out.add(null);
        out.add("text");
        return out;
    }

    static Object nest(double[] flat, int[] shape) {
        if (shape.length == 0) return flat[0];
        return nest(flat, shape, 0, 0);
    }

    private static Object nest(double[] flat, int[] shape, int depth, int offset) {
        int stride = 1;
        for (int d = depth + 1; d < shape.length; d++) stride *= shape[d];
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < shape[depth]; i++) {
            row.add(depth == shape.length - 1 ? (Object) flat[offset + i] : nest(flat, shape, depth + 1, offset + i * stride));
        }
        return row;
    }

    private static String describe(Object o) {
        if (o instanceof double[] d) return Arrays.toString(d);
        return String.valueOf(o);
    }
}
