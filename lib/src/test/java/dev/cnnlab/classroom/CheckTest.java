package dev.cnnlab.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CheckTest {
    // expected answers computed, as a lesson would, by code rather than typed in
    static final Lesson LESSON = new Lesson("99-test", List.of(
            new Exercise("sum", "1+...+9", () -> java.util.stream.IntStream.rangeClosed(1, 9).sum(), 0, "add them all"),
            new Exercise("grid", "a 2x3 grid", () -> new double[][] {{1, 2, 3}, {4, 5, 6}}, 1e-6, "rows first"),
            new Exercise("word", "a word", () -> "valid", 0, "")));

    @Test
    void rightAnswersPass() {
        assertTrue(Check.evaluate(LESSON, "sum", 45).passed());
        assertTrue(Check.evaluate(LESSON, "sum", 45.0f).passed());
        assertTrue(Check.evaluate(LESSON, "grid", new int[][] {{1, 2, 3}, {4, 5, 6}}).passed());
        assertTrue(Check.evaluate(LESSON, "grid", List.of(List.of(1, 2, 3), List.of(4, 5, 6.0000001))).passed());
        assertTrue(Check.evaluate(LESSON, "word", " Valid ").passed());
    }

    @Test
    void wrongShapeIsNamed() {
        Feedback f = Check.evaluate(LESSON, "grid", new double[][] {{1, 2}, {4, 5}});
        assertFalse(f.passed());
        assertEquals("your answer is 2x2 but the result is 2x3. Hint: rows first", f.message());
        assertEquals("your answer is a number but the result is 2x3. Hint: rows first",
                Check.evaluate(LESSON, "grid", 7).message());
    }

    @Test
    void wrongCellIsNamedWithTheDifference() {
        Feedback f = Check.evaluate(LESSON, "grid", new double[][] {{1, 2, 3}, {4, 7, 9}});
        assertEquals("cell [1][1] is too large (by between a tenth and a half) — 2 of 6 values are wrong. Hint: rows first",
                f.message());
        assertEquals("[check] 99-test/grid: FAIL — " + f.message(), f.toString());
        assertTrue(f.toHtml().contains("grid"));
        assertEquals("your value is too small (slightly, by less than a tenth). Hint: add them all",
                Check.evaluate(LESSON, "sum", 44).message());
    }

    @Test
    void badInputGetsAClearMessage() {
        var e = assertThrows(IllegalArgumentException.class, () -> Check.evaluate(LESSON, "ex9", 1));
        assertEquals("lesson 99-test has no exercise 'ex9'; its exercises are [sum, grid, word]", e.getMessage());
        assertEquals("ragged answer: rows of different lengths (3 and 2). Hint: rows first",
                Check.evaluate(LESSON, "grid", new double[][] {{1, 2, 3}, {4, 5}}).message());
        assertEquals("the answer is empty (null). Hint: add them all", Check.evaluate(LESSON, "sum", null).message());
        Lessons.register(LESSON);
        assertEquals(LESSON, Check.lesson("99"));
        assertThrows(IllegalArgumentException.class, () -> Check.lesson("nope"));
    }

    @Test
    void theGradersReportChecksAgainAgainstTheBuiltInLessonsAndIsSigned() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.out;
        try {
            Check.lesson("01-convolution");
            int[][] right = Corr2dAnswer.X_CORR_K;
            Check.check("ex1", right);
            right[0][0] = -99;                       // changing the array after the check does not count
            // a notebook that redefines the lesson so that 0 is "right" gains nothing: grading uses the library's
            Lessons.register(new Lesson("01-convolution", List.of(new Exercise("ex2", "", () -> 0, 0, ""))));
            Check.lesson("01-convolution");
            Check.check("ex2", 0);
            System.setOut(new java.io.PrintStream(buf, true));
            Check.report("k1");
        } finally {
            System.setOut(before);
            Lessons.restoreBuiltins();
        }
        String out = buf.toString();
        String lines = "[grade] 01-convolution/ex1: PASS\n[grade] 01-convolution/ex2: FAIL\n";
        assertTrue(out.startsWith(lines), out);
        String signed = out.substring(0, out.indexOf("[grade-mac] "));
        assertTrue(signed.contains("[feedback] 01-convolution/ex1: correct.\n"), out);
        assertTrue(signed.contains("[feedback] 01-convolution/ex2: "), out);
        // the MAC is HMAC-SHA256 of the lines under the key; checked against the JDK's Mac in the test's own code
        assertTrue(out.endsWith("[grade-mac] " + hmac("k1", signed) + System.lineSeparator()), out);
        assertFalse(out.contains(hmac("k2", signed)), "another key gives another MAC");
    }

    @Test
    void hiddenTestsCountOnlyForTheGradersRunAndAreSigned() {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.out;
        int[] studentsVariable = {3};
        try {
            Check.hidden("run0", "01-convolution", "t-forged", () -> true);  // a student's own call: another run
            Check.hidden("run1", "01-convolution", "t-holds", () -> studentsVariable[0] == 3);
            Check.hidden("run1", "01-convolution", "t-wrong", () -> studentsVariable[0] == 4);
            Check.hidden("run1", "01-convolution", "t-throws", () -> studentsVariable[5] == 0);
            System.setOut(new java.io.PrintStream(buf, true));
            Check.report("k1", "run1");
        } finally {
            System.setOut(before);
        }
        String out = buf.toString();
        String signed = out.substring(0, out.indexOf("[grade-mac] "));
        assertTrue(signed.contains("[grade] 01-convolution/t-holds: PASS\n"), out);
        assertTrue(signed.contains("[grade] 01-convolution/t-wrong: FAIL\n"), out);
        assertTrue(signed.contains("[grade] 01-convolution/t-throws: FAIL\n"), out);
        assertTrue(signed.contains("[feedback] 01-convolution/t-throws: hidden test failed (ArrayIndexOutOfBoundsException).\n"), out);
        assertFalse(out.contains("t-forged"), out);
        assertTrue(out.endsWith("[grade-mac] " + hmac("k1", signed) + System.lineSeparator()), out);
    }

    static String hmac(String key, String text) {
        try {
            javax.crypto.Mac m = javax.crypto.Mac.getInstance("HmacSHA256");
            m.init(new javax.crypto.spec.SecretKeySpec(key.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(m.doFinal(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** Notebook 01's ex1 worked by hand: X = [[3,0,1,2],[1,5,8,9],[2,7,2,5],[0,1,3,1]] cross-correlated with K = [[1,0],[0,-1]]. */
    static final class Corr2dAnswer {
        static final int[][] X_CORR_K = {{3 - 5, 0 - 8, 1 - 9}, {1 - 7, 5 - 2, 8 - 5}, {2 - 1, 7 - 3, 2 - 1}};
    }
}
