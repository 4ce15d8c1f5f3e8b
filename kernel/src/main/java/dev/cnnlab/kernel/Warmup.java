package dev.cnnlab.kernel;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idle warm-up: while the kernel waits for its first cells, runs throw-away snippets of the kinds cells are made
 * of, so that javac in this JVM (C1 compiles a method only after it has run a few times) and the agent's side
 * of loading and invoking a snippet are compiled before the user's cells need them. A fresh kernel's first
 * {@code 1 + 1} cells otherwise take 2–3x as long as later ones (figures: bench/README.md, "Fast first cells").
 *
 * <p>It runs only while no request is being handled and the kernel has been idle for {@link #IDLE_MS} ms; a
 * request that uses JShell ({@link #requestStarted}) waits for at most the one snippet in flight, and the
 * warm-up resumes once the kernel is idle again. Snippets leave no trace (see
 * {@link CellEvaluator#warmUp(String)}): no variable, output or execution count. {@code CNNLAB_WARMUP} sets the
 * number of snippets ({@value #DEFAULT_SNIPPETS} by default, 0 turns it off). A fresh agent, started after the
 * previous one died, is warmed up again the same way.
 */
final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    /** Snippets run when {@code CNNLAB_WARMUP} is not set. */
    static final int DEFAULT_SNIPPETS = 60;
    /** How long the kernel must have been idle before a warm-up snippet runs: back-to-back cells never wait. */
    static final long IDLE_MS = 100;
    /** Names of everything a warm-up snippet declares (dropped right after it ran). */
    static final String PREFIX = "$cnnlabWarm";

    /** The agent's current start (null before the first), and a way to run one snippet on it. */
    private final java.util.function.Supplier<java.util.concurrent.CompletableFuture<?>> agentStart;
    private final java.util.function.Predicate<String> warmUp;
    private final int snippets;
    private final Object lock = new Object();  // held while a snippet runs, and by requests before they start
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long idleSince = System.nanoTime();
    private volatile boolean stopped;

    Warmup(CellEvaluator evaluator, int snippets) {
        this(evaluator::agentStart, evaluator::warmUp, snippets);
    }

    /** For tests: {@code warmUp} runs one snippet and answers false when the warm-up must end. */
    Warmup(java.util.function.Supplier<java.util.concurrent.CompletableFuture<?>> agentStart,
           java.util.function.Predicate<String> warmUp, int snippets) {
        this.agentStart = agentStart;
        this.warmUp = warmUp;
        this.snippets = Math.max(0, snippets);
    }

    /** The number of snippets {@code CNNLAB_WARMUP} asks for (a non-negative integer), else the default. */
    static int snippetsFromEnvironment(String value) {
        if (value == null || value.isBlank()) return DEFAULT_SNIPPETS;
        try {
            return Math.max(0, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return DEFAULT_SNIPPETS;
        }
    }

    /**
     * The source of the {@code i}-th warm-up snippet: expressions as the kernel runs them (see
     * {@code CellEvaluator.evalAsDeclaration}), a {@code var}, a method, a statement, a String and a default-imported
     * class, each with its own names (declaring a name again would make JShell redefine its class in the agent).
     * A trailing {@code ;} keeps any value from being shown.
     */
    static String snippet(int i) {
        String n = PREFIX + i;
        return switch (i % 8) {
            case 0 -> (i + 1) + " + " + (i + 1) + ";";
            case 1 -> "var " + n + " = " + i + " * 2;";
            case 2 -> "\"cell \" + " + i + ";";
            case 3 -> "List.of(" + i + ", 2, 3).size();";
            case 4 -> "double " + n + " = Math.sqrt(" + i + ".0) + 0.5;";
            case 5 -> "int " + n + "(int x) { return x + " + i + "; }";
            case 6 -> "for (int " + n + " = 0; " + n + " < 3; " + n + "++) { }";
            default -> "String.valueOf(" + i + ").length() + new int[] {1, 2}.length;";
        };
    }

    /** How many snippets it runs (0: none). */
    int snippets() {
        return snippets;
    }

    /** Starts the warm-up thread; it waits for the agent, then runs while the kernel is idle. */
    void start() {
        if (snippets == 0) return;
        Thread t = new Thread(this::run, "cnnlab-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Called before a request uses JShell: waits for the warm-up snippet in flight, if any, and keeps others from
     * starting until {@link #requestEnded}.
     */
    void requestStarted() {
        requests.incrementAndGet();
        synchronized (lock) {
            // nothing: holding the lock once means no snippet is running, and none starts while requests > 0
        }
    }

    /** Called when a request that {@link #requestStarted started} has its reply. */
    void requestEnded() {
        idleSince = System.nanoTime();
        requests.decrementAndGet();
    }

    /** Ends the warm-up for good (kernel shutdown). */
    void stop() {
        stopped = true;
    }

    /** Warms each agent in turn: the first, and the fresh one started after an agent died or failed to start. */
    private void run() {
        java.util.concurrent.CompletableFuture<?> warmed = null;
        try {
            while (!stopped) {
                var start = agentStart.get();
                if (start == null || start == warmed) {
                    Thread.sleep(warmed == null ? 50 : 500);   // main() starts the first agent right after start()
                    continue;
                }
                warmed = start;
                warm(start);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void warm(java.util.concurrent.CompletableFuture<?> start) throws InterruptedException {
        long t0 = System.nanoTime();
        int ran = 0;
        try {
            start.get();  // a failed start: nothing to warm; the next cell reports it and starts another agent
            while (ran < snippets && !stopped && agentStart.get() == start) {
                long idleMs = (System.nanoTime() - idleSince) / 1_000_000;
                if (requests.get() > 0 || idleMs < IDLE_MS) {
                    Thread.sleep(requests.get() > 0 ? IDLE_MS : Math.max(1, IDLE_MS - idleMs));
                    continue;
                }
                synchronized (lock) {
                    if (requests.get() > 0 || stopped) continue;  // a request came in meanwhile: it goes first
                    if (!warmUp.test(snippet(ran))) return;
                }
                ran++;
            }
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.info("no warm-up: the agent did not start");
        } catch (RuntimeException e) {
            LOG.info("warm-up ended: {}", e.toString());
        } finally {
            LOG.info("warm-up: {} snippets, {} ms since the agent's start began", ran, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** All snippets, for tests. */
    static List<String> snippets(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(Warmup::snippet).toList();
    }
}
