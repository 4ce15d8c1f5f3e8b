package dev.cnnlab.classroom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Lesson 12's answers, computed by hand here, pass; the usual mistakes fail. */
class ModernCnnExercisesTest {
    static final Lesson LESSON = ModernCnnExercises.lesson();

    @Test
    void handComputedAnswersPass() {
        assertTrue(Check.evaluate(LESSON, "ex1", 2 * 16).passed());
        // mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5
        assertTrue(Check.evaluate(LESSON, "ex2", 3 / Math.sqrt(3.5)).passed());
        // branch 4,640 + 128 + 9,248 + 128, shortcut 544 + 128
        assertTrue(Check.evaluate(LESSON, "ex3", 14_816L).passed());
    }

    @Test
    void wrongAnswersFail() {
        // Check's message today names the expected value (issue 25, fix 2, is being changed in Check itself)
        assertFalse(Check.evaluate(LESSON, "ex1", 64).passed(), "running statistics are not trainable");
        assertFalse(Check.evaluate(LESSON, "ex2", 3 / Math.sqrt(3.5 * 4 / 3)).passed(), "divided by N-1");
        assertFalse(Check.evaluate(LESSON, "ex3", 14_624L).passed(), "batch norm counted with 2 numbers per channel");
    }
}
