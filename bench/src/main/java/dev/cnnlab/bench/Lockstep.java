package dev.cnnlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * Training children run epoch by epoch in turn: while one trains an epoch, the others wait, blocked on their
 * stdin. This VM's speed drifts by up to 2x over minutes, so running one side's five epochs after the other's
 * measured the drift as much as the stacks (the same code gave 0.96x to 2.15x PyTorch). In turn, each side's
 * epoch e runs next to the others', and the order rotates (A B C, B C A, C A B, ...) so no side always runs first.
 *
 * <p>Protocol: a child started with {@code --lockstep} prints a line {@value #WAIT} and reads one line from
 * stdin before every epoch and once after the last, then evaluates and exits; everything else is as for
 * {@link ChildRun#run}.
 */
final class Lockstep {
    /** The line a child prints when it waits for its turn. */
    static final String WAIT = "LOCKSTEP wait";

    /**
     * One side: its command and the environment it adds to the shared thread settings (e.g. the engine).
     *
     * @param cmd the command line, with {@code --lockstep}
     * @param env extra environment variables
     */
    record Side(List<String> cmd, Map<String, String> env) {
        Side(List<String> cmd) {
            this(cmd, Map.of());
        }
    }

    private Lockstep() {}

    /** Two sides, {@code a} first in epoch 1: see {@link #run(List, int, int)}. */
    static List<Map<String, String>> run(List<String> a, List<String> b, int threads, int epochs)
            throws IOException, InterruptedException {
        return run(List.of(new Side(a), new Side(b)), threads, epochs);
    }

    /**
     * Runs the sides (each with {@code --lockstep}) for {@code epochs} epochs in turn and returns their RESULT
     * figures, in the order given. A child that fails gives its exit code under {@code exit}; the others carry on.
     */
    static List<Map<String, String>> run(List<Side> sides, int threads, int epochs)
            throws IOException, InterruptedException {
        List<Child> children = new ArrayList<>();
        try {
            for (int i = 0; i < sides.size(); i++) {
                Side s = sides.get(i);
                children.add(new Child(String.valueOf((char) ('A' + i)), ChildRun.start(s.cmd(), threads, s.env())));
            }
            // all have loaded their data (at the same time: not timed) and wait for epoch 1
            for (Child c : children) c.awaitTurnEnd();
            for (int e = 1; e <= epochs; e++) {
                for (int k = 0; k < children.size(); k++) {
                    Child c = children.get((e - 1 + k) % children.size());
                    c.go();
                    c.awaitTurnEnd();
                }
            }
            for (Child c : children) {  // evaluation, peak RSS and exit: one after the other too
                c.go();
                c.finish();
            }
        } finally {
            for (Child c : children) c.process.destroy();
        }
        return children.stream().map(c -> c.results).toList();
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
