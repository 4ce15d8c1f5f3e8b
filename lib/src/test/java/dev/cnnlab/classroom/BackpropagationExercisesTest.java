package dev.cnnlab.classroom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The answers of notebook 11's exercises, worked by hand, pass; a wrong cell fails. */
class BackpropagationExercisesTest {
    static final Lesson LESSON = BackpropagationExercises.lesson();

    @Test
    void handWorkedAnswersPass() {
        // dK[u][v] = 2·X[u][v] − X[u][v+1] + 0·X[u+1][v] + X[u+1][v+1], e.g. dK[0][1] = 2·2 − 0 + 0 + 3 = 7
        double[][] dk = {{1, 7, 0}, {0, -1, 7}, {3, 3, 1}};
        assertTrue(Check.evaluate(LESSON, "ex1", dk).passed());
        // GP goes to the windows' maxima 6 (1,1), 5 (1,2), 7 (2,0), 9 (2,2)
        double[][] dp = {{0, 0, 0, 0}, {0, 1, -2, 0}, {3, 0, 5, 0}, {0, 0, 0, 0}};
        assertTrue(Check.evaluate(LESSON, "ex2", dp).passed());
        // K − 0.1·dK
        double[][] step = {{0.9, -0.7, -1}, {2, 0.1, -2.7}, {0.7, -0.3, -1.1}};
        assertTrue(Check.evaluate(LESSON, "ex3", step).passed());
    }

    @Test
    void commonMistakesFail() {
        // the gradient added instead of subtracted
        assertFalse(Check.evaluate(LESSON, "ex3", new double[][] {{1.1, 0.7, -1}, {2, -0.1, -1.3}, {1.3, 0.3, -0.9}}).passed());
        // max-pool gradient spread like an average
        double[][] spread = new double[4][4];
        int[][] gp = BackpropagationExercises.GP;
        for (int r = 0; r < 4; r++) for (int c = 0; c < 4; c++) spread[r][c] = gp[r / 2][c / 2] / 4.0;
        assertFalse(Check.evaluate(LESSON, "ex2", spread).passed());
        // the kernel itself, not its gradient
        assertFalse(Check.evaluate(LESSON, "ex1", BackpropagationExercises.K).passed());
    }
}
