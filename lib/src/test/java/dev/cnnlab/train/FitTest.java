package dev.cnnlab.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.display.Progress;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.*;

class FitTest {
    static Net tiny(int outputs, boolean sigmoid) {
        Sequential s = Sequential.input(1, 8, 8).conv2d(4, 3).relu().maxPool(2).flatten().dense(outputs);
        return (sigmoid ? s.sigmoid() : s.softmax()).seed(1).build();
    }

    @Test
    void learnsASeparableProblem() {
        ImageData train = Synthetic.bars(400, 4, 1), test = Synthetic.bars(200, 4, 2);
        try (Net net = tiny(4, false)) {
            History h = Fit.of(net).adam(1e-2).batchSize(32).epochs(2).verbose(false).topK(2)
                    .run(new dev.cnnlab.data.Split(train, test));
            assertEquals(2, h.epochs().size());
            assertTrue(h.last().valAccuracy() > 0.9, h.toString());
            assertTrue(h.last().valTopK() >= h.last().valAccuracy());
            assertTrue(h.last().loss() < h.epochs().get(0).loss() || h.epochs().get(0).accuracy() > 0.9, h.toString());
            var t = h.table();
            assertEquals(2, t.rowCount());
            assertTrue(t.columnNames().containsAll(List.of("epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds")));
            assertEquals(4, h.plot().getSeriesMap().size());
            assertTrue(h.toHtml().contains("val_accuracy"));
        }
    }

    @Test
    void sigmoidHeadLearnsTwoClassesWithBinaryCrossEntropy() {
        ImageData train = Synthetic.bars(300, 2, 3);
        try (Net net = tiny(1, true)) {
            History h = Fit.of(net).sgd(0.1, 0.9).batchSize(16).epochs(2).validationSplit(0.2).verbose(false).run(train);
            assertTrue(h.last().valAccuracy() > 0.9, h.toString());
        }
    }

    @Test
    void sameSeedSameNumbersOnTheCpu() {
        ImageData train = Synthetic.bars(200, 3, 4);
        Augment aug = Augment.none().rotation(10).widthShift(0.1).zoom(0.1);
        double[] a, b;
        try (Net net = tiny(3, false)) {
            a = run(net, train, aug);
        }
        try (Net net = tiny(3, false)) {
            b = run(net, train, aug);
        }
        assertArrayEquals(a, b);
    }

    @Test
    void batchesGatheredOnTheDeviceEqualHostBatches() {
        ImageData train = Synthetic.bars(230, 3, 11);  // 230 = 11 full batches of 20 and a last one of 10
        double[][] runs = new double[2][];
        for (int i = 0; i < 2; i++) {
            try (Net net = tiny(3, false)) {
                History h = Fit.of(net).adam(1e-2).batchSize(20).epochs(2).seed(5).dataOnDevice(i == 0)
                        .verbose(false).run(train);
                runs[i] = new double[] {h.epochs().get(0).loss(), h.last().loss(), h.last().accuracy()};
            }
        }
        assertArrayEquals(runs[1], runs[0], 1e-6, "same order, same images: same training");
        try (Net net = tiny(3, false)) {
            var e = assertThrows(TrainingException.class, () -> Fit.of(net).dataOnDevice(true)
                    .augment(Augment.none().rotation(10)).verbose(false).run(train));
            assertTrue(e.getMessage().contains("augmentation"), e.getMessage());
        }
    }

    private static double[] run(Net net, ImageData train, Augment aug) {
        History h = Fit.of(net).adam(1e-2).batchSize(20).epochs(2).seed(9).augment(aug).verbose(false).run(train);
        return new double[] {h.epochs().get(0).loss(), h.last().loss(), h.last().accuracy()};
    }

    @Test
    void batchEndCallbacksRunAfterEveryStepAndCountThem() {
        ImageData train = Synthetic.bars(100, 4, 1);
        try (Net net = tiny(4, false)) {
            List<Long> seen = new java.util.ArrayList<>();
            Fit.of(net).batchSize(32).epochs(2).verbose(false)
                    .callbacks(Callback.afterEachStep(state -> seen.add(state.steps()))).run(train);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), seen, "4 batches of 32 (the last 4) x 2 epochs");
        }
    }

    @Test
    void theLoopReadsTheEngineOnlyEverySyncEveryBatches() {
        // the progress line is made exactly where the loop reads the device-side sums: nowhere else does it wait
        List<Long> updates = new java.util.ArrayList<>();
        Progress.setFactory((title, total) -> new Progress() {
            @Override
            public void update(long done, String status) {
                updates.add(done);
            }

            @Override
            public void close() {}
        });
        try (Net net = tiny(4, false)) {
            Fit.of(net).batchSize(10).epochs(1).syncEvery(3).run(Synthetic.bars(100, 4, 1));
        } finally {
            Progress.reset();
        }
        assertEquals(List.of(0L, 3L, 6L, 9L, 10L), updates, "10 batches: read after 3, 6, 9 and the last");
    }

    @Test
    void badInputIsExplained() {
        ImageData train = Synthetic.bars(50, 4, 5);
        try (Net net = tiny(3, false)) {
            var e = assertThrows(TrainingException.class, () -> Fit.of(net).verbose(false).run(train));
            assertTrue(e.getMessage().contains("label 3"), e.getMessage());
            assertThrows(TrainingException.class, () -> Fit.of(net).batchSize(0));
            assertThrows(TrainingException.class, () -> Fit.of(net).verbose(false).run(train.slice(0, 0)));
            ImageData rgb = new ImageData(new float[3 * 64], new int[] {0}, 3, 8, 8, List.of("a", "b", "c"));
            var m = assertThrows(ModelException.class, () -> Fit.of(net).verbose(false).run(rgb));
            assertTrue(m.getMessage().contains("1x8x8") && m.getMessage().contains("3x8x8"), m.getMessage());
        }
    }

    @Test
    void nanLossStopsWithAdvice() {
        ImageData train = Synthetic.bars(200, 4, 6);
        try (Net net = tiny(4, false)) {
            // an absurd learning rate overflows the weights to infinity, then the loss to NaN
            var e = assertThrows(TrainingException.class,
                    () -> Fit.of(net).sgd(1e30).batchSize(10).epochs(1).seed(1).verbose(false).run(train));
            assertTrue(e.getMessage().contains("epoch 1") && e.getMessage().contains("learning rate"), e.getMessage());
        }
    }

    @Test
    void interruptStopsBetweenBatchesAndReturnsHistory() {
        ImageData train = Synthetic.bars(100, 4, 7);
        try (Net net = tiny(4, false)) {
            Thread.currentThread().interrupt();
            History h = Fit.of(net).epochs(3).verbose(false).run(train);
            assertTrue(h.interrupted());
            assertTrue(h.epochs().isEmpty());
            assertFalse(Thread.currentThread().isInterrupted(), "the flag is handled");
            assertTrue(h.notes().get(0).contains("interrupted"), h.notes().toString());
        }
    }

    @Test
    void earlyStoppingRestoresBestWeightsAndCheckpointSavesAtomically(@TempDir Path dir) {
        ImageData train = Synthetic.bars(200, 4, 8), val = Synthetic.bars(100, 4, 9);
        Path best = dir.resolve("best.params");
        try (Net net = tiny(4, false)) {
            // a huge learning rate makes val_loss rise after the first epochs: early stop triggers
            EarlyStopping es = EarlyStopping.onValLoss(1);
            History h = Fit.of(net).sgd(2.0).batchSize(10).epochs(6).verbose(false)
                    .callbacks(es, Checkpoint.bestOnValLoss(best)).run(train, val);
            assertTrue(Files.isRegularFile(best));
            double bestLoss = h.epochs().stream().mapToDouble(EpochStats::valLoss).min().orElseThrow();
            double now = Validation.measure(net, val, 0)[0];
            assertEquals(bestLoss, now, 1e-4, h.toString());
            try (Net other = tiny(4, false)) {
                other.load(best);
                assertEquals(bestLoss, Validation.measure(other, val, 0)[0], 1e-4);
            }
        }
    }

    @Test
    void fitAgainContinuesFromTheTrainedWeightsAndCheckpointsEveryEpoch(@TempDir Path dir) {
        ImageData train = Synthetic.bars(200, 4, 10);
        Path last = dir.resolve("sub/last.params");
        try (Net net = tiny(4, false)) {
            History first = Fit.of(net).adam(1e-2).epochs(1).verbose(false).run(train);
            History second = Fit.of(net).adam(1e-2).epochs(1).verbose(false)
                    .callbacks(Checkpoint.everyEpoch(last)).run(train);
            assertTrue(second.last().loss() < first.last().loss(), first + "\n" + second);
            assertTrue(Files.isRegularFile(last));
        }
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(0.1f, LrSchedule.step(2, 0.5).rate(0.1f, 10 * 2 - 1, 10, 5), 1e-7f);
        assertEquals(0.05f, LrSchedule.step(2, 0.5).rate(0.1f, 10 * 2, 10, 5), 1e-7f);
        assertEquals(0.1f, LrSchedule.cosine(0).rate(0.1f, 0, 10, 5), 1e-7f);
        assertEquals(0.05f, LrSchedule.cosine(0).rate(0.1f, 25, 10, 5), 1e-6f);
        assertEquals(0f, LrSchedule.cosine(0).rate(0.1f, 50, 10, 5), 1e-7f);
    }
}
