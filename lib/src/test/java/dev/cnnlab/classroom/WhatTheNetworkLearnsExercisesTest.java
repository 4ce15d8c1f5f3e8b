package dev.cnnlab.classroom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Lesson 14's answers, worked out by hand, pass; near misses fail. */
class WhatTheNetworkLearnsExercisesTest {
    private static final Lesson LESSON = WhatTheNetworkLearnsExercises.lesson();

    private static boolean passes(String id, Object answer) {
        return Check.evaluate(LESSON, id, answer).passed();
    }

    @Test
    void handAnswersPass() {
        // r: 5; +1 at jump 1 -> 6 (jump 2); +2 at jump 2 -> 10 (jump 4); +2 at jump 4 -> 18
        assertTrue(passes("ex1", new int[] {5, 6, 10, 18}));
        assertFalse(passes("ex1", new int[] {5, 6, 8, 10}), "sizes that forget the jump");
        // conv2d_1: r 8, j 2, f 0; rows 2u..2u+7 hold 10 for u = 2..5
        assertTrue(passes("ex2", new int[] {2, 5}));
        assertFalse(passes("ex2", new int[] {1, 5}));
        // alpha = (0.5, -0.5): relu(0.5·A0 - 0.5·A1) = relu([[0.5, -2], [0.5, 0.5]])
        assertTrue(passes("ex3", new double[][] {{0.5, 0}, {0.5, 0.5}}));
        assertFalse(passes("ex3", new double[][] {{0.5, -2}, {0.5, 0.5}}), "without the ReLU");
        assertTrue(Lessons.get("14").name().equals("14-what-the-network-learns"));
    }
}
