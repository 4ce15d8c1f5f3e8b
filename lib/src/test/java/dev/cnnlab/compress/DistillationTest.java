package dev.cnnlab.compress;

import java.util.Random;

import ai.djl.ndarray.NDManager;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;
import static org.junit.jupiter.api.Assertions.*;

class DistillationTest {
    @Test
    void lossOfAHandComputedExample() {
        // teacher logits (2, 0), student (0, 0), label 0, T = 2, alpha = 0.5:
        // soft teacher = softmax(1, 0) = (0.731059, 0.268941), soft student = (0.5, 0.5)
        // KL = 0.731059 ln(1.462117) + 0.268941 ln(0.537883) = 0.110944
        // loss = 0.5 * 4 * 0.110944 + 0.5 * ln 2 = 0.568462
        double l = Distillation.loss(new float[][] {{2, 0}}, new float[][] {{0, 0}}, new int[] {0}, 2, 0.5);
        assertEquals(0.568462, l, 1e-6);
        // alpha 0 is plain cross-entropy; a student equal to the teacher has KL 0
        assertEquals(Math.log(2), Distillation.loss(new float[][] {{2, 0}}, new float[][] {{0, 0}}, new int[] {1}, 2, 0), 1e-9);
        assertEquals(0, Distillation.loss(new float[][] {{3, 1}}, new float[][] {{3, 1}}, new int[] {0}, 5, 1), 1e-9);
    }

    @Test
    void theTrainingLoopsLossMatchesTheHostReference() {
        Random r = new Random(1);
        float[][] t = new float[5][4], s = new float[5][4];
        int[] y = new int[5];
        for (int i = 0; i < 5; i++) {
            y[i] = r.nextInt(4);
            for (int j = 0; j < 4; j++) {
                t[i][j] = (float) r.nextGaussian() * 3;
                s[i][j] = (float) r.nextGaussian();
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            var engine = DistillationLoss.of(m.create(t), m.create(s), m.create(y).oneHot(4), 3, 0.6);
            assertEquals(Distillation.loss(t, s, y, 3, 0.6), engine.getFloat(), 1e-5);
        }
    }

    @Test
    void studentLearnsFromTheTeacherWhichStaysUnchanged() {
        ImageData train = Tiny.bars(300, 4, 5), test = Tiny.bars(200, 4, 6);
        Net teacher = Tiny.trained();
        float[] before = Tiny.weights(teacher);
        Table t = Distillation.of(teacher, null).temperature(3).alpha(0.5).epochs(2).learningRate(1e-2)
                .compare(DistillationTest::student, train, test);
        assertEquals(3, t.rowCount());
        assertEquals("student distilled", t.stringColumn("model").get(2));
        assertEquals(4 * 9 + 4 + 4 * 9 * 4 + 4, t.longColumn("params").get(1)); // flatten(4x3x3) -> dense(4)
        assertTrue(t.doubleColumn("accuracy %").get(2) > 50, t.print());
        try (Net s = student()) {
            double[] losses = Distillation.of(teacher, s).epochs(2).learningRate(1e-2).run(train);
            assertEquals(2, losses.length);
            assertTrue(losses[1] < losses[0], "loss falls: " + losses[0] + " -> " + losses[1]);
        }
        assertArrayEquals(before, Tiny.weights(teacher));
    }

    @Test
    void distillingIntoAPrunedNetKeepsItsZerosAndLeavesTheTeacher() {
        ImageData train = Tiny.bars(300, 4, 5), test = Tiny.bars(200, 4, 6);
        Net teacher = Tiny.trained();
        float[] before = Tiny.weights(teacher);
        try (PrunedNet p = MagnitudePruning.of(teacher).sparsity(0.5).global().run()) {
            double sparsity = p.sparsity();
            float[] pruned = Tiny.weights(p.net());
            double[] losses = Distillation.of(teacher, null).temperature(3).alpha(0.5).epochs(2).learningRate(1e-2)
                    .run(p, train);
            assertEquals(2, losses.length);
            assertEquals(sparsity, p.sparsity(), 0.0, "masks held: the same weights are zero");
            float[] after = Tiny.weights(p.net());
            int moved = 0;
            for (int i = 0; i < after.length; i++) if (after[i] != pruned[i]) moved++;
            assertTrue(moved > 0, "distillation changed no weight");
            double acc = dev.cnnlab.train.Evaluation.of(p.net(), test).accuracy();
            assertTrue(acc > 0.5, "accuracy after distillation " + acc);
        }
        assertArrayEquals(before, Tiny.weights(teacher));
    }

    @Test
    void badSettingsAreRefused() {
        try (Net teacher = Tiny.net(); Net other = Sequential.input(1, 8, 8).flatten().dense(3).build()) {
            var e = assertThrows(CompressionException.class, () -> Distillation.of(teacher, other));
            assertTrue(e.getMessage().contains("4 outputs"), e.getMessage());
            assertThrows(CompressionException.class, () -> Distillation.of(teacher, null).temperature(0));
            assertThrows(CompressionException.class, () -> Distillation.of(teacher, null).alpha(1.5));
            assertThrows(CompressionException.class, () -> Distillation.of(teacher, teacher));
        }
    }

    static Net student() {
        return Sequential.input(1, 8, 8).conv2d(4, 3).relu().maxPool(2).flatten().dense(4).softmax().seed(7).build();
    }
}
