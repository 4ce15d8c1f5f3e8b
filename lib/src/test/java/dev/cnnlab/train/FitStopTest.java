package dev.cnnlab.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/** {@link Fit#stop()} called from another thread, as a notebook's Stop button does. */
class FitStopTest {
    private static final int BATCH = 10;

    /**
     * Holds the training thread after step {@code at} until another thread has called {@code fit.stop()}, so the
     * call lands in the middle of a known epoch; counts the steps taken.
     */
    private static final class StopFromAnotherThread implements Callback {
        final CountDownLatch reached = new CountDownLatch(1);
        final CountDownLatch called = new CountDownLatch(1);
        final AtomicLong steps = new AtomicLong();
        final AtomicLong stepsAtCall = new AtomicLong(-1);
        final long at;

        StopFromAnotherThread(long at) {
            this.at = at;
        }

        @Override
        public void onBatchEnd(TrainingState state) {
            steps.set(state.steps());
            if (state.steps() == at) {
                reached.countDown();
                try {
                    assertTrue(called.await(30, TimeUnit.SECONDS), "the stopping thread never called stop()");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }

        Thread stopper(Fit fit) {
            Thread t = new Thread(() -> {
                try {
                    reached.await();
                    stepsAtCall.set(steps.get());
                    fit.stop();
                    called.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-button");
            t.setDaemon(true);
            return t;
        }
    }

    @Test
    void stopFromAnotherThreadEndsAfterTheCurrentBatchAndKeepsFinishedEpochs() throws Exception {
        ImageData train = Synthetic.bars(100, 4, 11);     // 10 batches per epoch
        int perEpoch = 100 / BATCH;
        try (Net net = FitTest.tiny(4, false)) {
            var hook = new StopFromAnotherThread(perEpoch + 3);  // epoch 2, after its 3rd batch
            Fit fit = Fit.of(net).adam(1e-2).batchSize(BATCH).epochs(5).verbose(false).callbacks(hook);
            Thread stopper = hook.stopper(fit);
            stopper.start();
            History h = fit.run(train);
            stopper.join(10_000);

            assertEquals(perEpoch + 3, hook.stepsAtCall.get());
            assertTrue(hook.steps.get() - hook.stepsAtCall.get() <= 1,
                    "ran " + (hook.steps.get() - hook.stepsAtCall.get()) + " batches after stop()");
            assertTrue(h.stopped(), h.toString());
            assertFalse(h.interrupted(), "a stop is not an interrupt");
            assertEquals(1, h.epochs().size(), "epoch 1 finished, epoch 2 did not: " + h);
            assertEquals(1, h.last().epoch());
            assertTrue(h.notes().contains("stopped by request in epoch 2 after batch 3 of 10; that epoch is not in the table"),
                    h.notes().toString());
            assertTrue(h.notes().contains("the model keeps the weights it had when stopped"), h.notes().toString());
            assertFalse(Thread.currentThread().isInterrupted());

            // the next run on the same Fit starts unstopped
            History again = Fit.of(net).batchSize(BATCH).epochs(1).verbose(false).run(train);
            assertFalse(again.stopped());
            History rerun = fit.run(train);
            assertFalse(rerun.stopped(), "a stop belongs to the run it was called in: " + rerun);
            assertEquals(5, rerun.epochs().size());
        }
    }

    @Test
    void stopBetweenEpochsKeepsThemAllAndSaysSo() throws Exception {
        ImageData train = Synthetic.bars(60, 4, 12);
        try (Net net = FitTest.tiny(4, false)) {
            var hook = new StopFromAnotherThread(2 * 6);   // the last batch of epoch 2
            Fit fit = Fit.of(net).batchSize(BATCH).epochs(4).verbose(false).callbacks(hook);
            hook.stopper(fit).start();
            History h = fit.run(train);
            assertTrue(h.stopped());
            assertEquals(2, h.epochs().size(), h.toString());
            assertTrue(h.notes().contains("stopped by request after epoch 2"), h.notes().toString());
        }
    }

    @Test
    void earlyStoppingRestoresItsBestEpochAfterAStopInTheMiddleOfAnEpoch() throws Exception {
        ImageData train = Synthetic.bars(100, 4, 13), val = Synthetic.bars(60, 4, 14);
        try (Net net = FitTest.tiny(4, false)) {
            EarlyStopping es = EarlyStopping.onValLoss(10);
            var hook = new StopFromAnotherThread(2 * 10 + 4);     // epoch 3, after its 4th batch
            Fit fit = Fit.of(net).adam(1e-2).batchSize(BATCH).epochs(6).verbose(false).callbacks(es, hook);
            hook.stopper(fit).start();
            History h = fit.run(train, val);
            assertTrue(h.stopped());
            assertEquals(2, h.epochs().size(), h.toString());
            // the 4 batches of epoch 3 moved the weights: they are put back even if epoch 2 was the best
            double bestLoss = h.epochs().stream().mapToDouble(EpochStats::valLoss).min().orElseThrow();
            assertEquals(bestLoss, Validation.measure(net, val, 0)[0], 1e-4, h.toString());
            assertTrue(h.notes().stream().anyMatch(n -> n.startsWith("restored the weights of epoch " + es.bestEpoch())),
                    h.notes().toString());
        }
    }
}
