package dev.cnnlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Two training children run epoch by epoch in turn: while one trains an epoch, the other waits, blocked on its
 * stdin. This VM's speed drifts by up to 2x over minutes, so running one side's five epochs after the other's
 * measured the drift as much as the stacks (the same code gave 0.96x to 2.15x PyTorch). In turn, each side's
 * epoch e runs next to the other's, and the order alternates (A B, B A, A B, ...) so neither side always runs
 * first.
 *
 * <p>Protocol: a child started with {@code --lockstep} prints a line {@value #WAIT} and reads one line from
 * stdin before every epoch and once after the last, then evaluates and exits; everything else is as for
 * {@link ChildRun#run}.
 */
final class Lockstep {
    /** The line a child prints when it waits for its turn. */
    static final String WAIT = "LOCKSTEP wait";

    private Lockstep() {}

    /**
     * Runs {@code a} and {@code b} (both with {@code --lockstep}) for {@code epochs} epochs in turn and returns
     * their RESULT figures, in the order given. A child that fails gives its exit code under {@code exit}; the
     * other one carries on alone.
     */
    static List<Map<String, String>> run(List<String> a, List<String> b, int threads, int epochs)
            throws IOException, InterruptedException {
        Child ca = new Child("A", ChildRun.start(a, threads)), cb = new Child("B", ChildRun.start(b, threads));
        try {
            ca.awaitTurnEnd();  // both have loaded their data (at the same time: not timed) and wait for epoch 1
            cb.awaitTurnEnd();
            for (int e = 1; e <= epochs; e++) {
                Child first = e % 2 == 1 ? ca : cb, second = first == ca ? cb : ca;
                first.go();
                first.awaitTurnEnd();
                second.go();
                second.awaitTurnEnd();
            }
            ca.go();           // evaluation, peak RSS and exit: one after the other too
            ca.finish();
            cb.go();
            cb.finish();
        } finally {
            ca.process.destroy();
            cb.process.destroy();
        }
        return List.of(ca.results, cb.results);
    }

    /** One child: its figures, and a permit for each time it says it waits (or ends). */
    private static final class Child {
        final Process process;
        final Map<String, String> results = new LinkedHashMap<>();
        final Semaphore turnEnded = new Semaphore(0);
        final Thread reader;
        volatile boolean ended;

        Child(String tag, Process process) {
            this.process = process;
            reader = new Thread(() -> read(tag), "lockstep-" + tag);
            reader.setDaemon(true);
            reader.start();
        }

        private void read(String tag) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.err.println("  " + tag + "| " + line);
                    if (line.equals(WAIT)) turnEnded.release();
                    else if (line.startsWith("RESULT ")) {
                        synchronized (results) {
                            ChildRun.parse(line.substring(7), results);
                        }
                    }
                }
            } catch (IOException e) {
                System.err.println("  " + tag + "| (output lost: " + e.getMessage() + ")");
            } finally {
                ended = true;
                turnEnded.release(1_000); // a child that died never blocks the other
            }
        }

        void awaitTurnEnd() throws InterruptedException {
            turnEnded.acquire();
        }

        void go() {
            if (ended) return;
            try {
                OutputStream in = process.getOutputStream();
                in.write('\n');
                in.flush();
            } catch (IOException e) {
                // it has just died: its reader thread records the end, finish() its exit code
            }
        }

        void finish() throws InterruptedException {
            int rc = process.waitFor();
            reader.join();
            if (rc != 0) {
                System.err.println("  | (exit code " + rc + ")");
                synchronized (results) {
                    results.put("exit", "" + rc);
                }
            }
        }
    }
}
