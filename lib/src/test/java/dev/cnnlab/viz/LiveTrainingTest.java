package dev.cnnlab.viz;

import java.util.List;
import java.util.Random;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.train.Callback;
import dev.cnnlab.train.Fit;
import dev.cnnlab.train.History;
import dev.cnnlab.train.TrainingState;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class LiveTrainingTest {
    /** 80 1x8x8 images, class k has a bright row 2k. */
    static ImageData bars() {
        Random r = new Random(5);
        float[] px = new float[80 * 64];
        int[] labels = new int[80];
        for (int i = 0; i < 80; i++) {
            labels[i] = i % 4;
            for (int j = 0; j < 64; j++) px[i * 64 + j] = 0.2f * r.nextFloat();
            for (int x = 0; x < 8; x++) px[i * 64 + 2 * labels[i] * 8 + x] += 0.8f;
        }
        return new ImageData(px, labels, 1, 8, 8, List.of("a", "b", "c", "d"));
    }

    static Net tiny() {
        return Sequential.input(1, 8, 8).conv2d(4, 3).relu().maxPool(2).flatten().dense(4).softmax().seed(1).build();
    }

    @Test
    void withoutAFrontEndNobodyStopsAndTrainingRunsToTheEnd() {
        try (Net net = tiny()) {
            var live = LiveTraining.of(Fit.of(net).batchSize(10).epochs(3).verbose(false));
            History h = live.run(bars());
            assertFalse(h.stopped());
            assertEquals(3, h.epochs().size());
            String shown = live.widget().toStaticHtml();
            assertTrue(shown.contains("done: 3 epoch(s)"), shown);
            assertTrue(shown.contains("data:image/png;base64"), "the final curves");
        }
    }

    @Test
    void theStopButtonEndsTheRunAfterTheCurrentBatch() {
        try (Net net = tiny()) {
            Fit fit = Fit.of(net).batchSize(10).epochs(4).verbose(false);
            var live = LiveTraining.of(fit);
            long[] stepsAtClick = {-1}, lastStep = {0};
            fit.callbacks(new Callback() {
                @Override
                public void onBatchEnd(TrainingState s) {
                    lastStep[0] = s.steps();
                    if (s.steps() == 8 + 5) {   // epoch 2, batch 5: the user presses Stop
                        stepsAtClick[0] = s.steps();
                        live.stopButton().click();
                    }
                }
            });
            History h = live.run(bars());
            assertTrue(h.stopped(), h.toString());
            assertEquals(stepsAtClick[0], lastStep[0], "no batch ran after the click");
            assertEquals(1, h.epochs().size());
            assertEquals(Boolean.TRUE, live.stopButton().get("disabled"));
            String shown = live.widget().toStaticHtml();
            assertTrue(shown.contains("stopped by request: 1 epoch(s) kept"), shown);
            assertTrue(shown.contains("stopped by request in epoch 2 after batch 5 of 8"), shown);
        }
    }
}
