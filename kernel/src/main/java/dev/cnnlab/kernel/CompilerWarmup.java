package dev.cnnlab.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

import jdk.jshell.JShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first part of the warm-up, while the agent JVM starts (before any cell can run): a scratch JShell that
 * runs in this JVM (JShell's {@code local} engine) compiles {@link Warmup} snippets, so that javac's methods are
 * compiled by the JIT before the real JShell needs them. It ends when the agent is ready; the scratch JShell,
 * with all it compiled, is then closed, and the real one never sees it. It gets through only a few snippets in
 * the second the agent takes, but they take a fresh kernel's first 50 cells from about 20 to about 15 ms when
 * they come without a pause (bench/README.md, "Fast first cells"); {@code CNNLAB_WARMUP_EARLY=0} leaves it out,
 * {@code CNNLAB_WARMUP=0} both parts.
 */
final class CompilerWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(CompilerWarmup.class);

    private CompilerWarmup() {}

    /** Starts compiling in the background until {@code agent} completes (or {@code max} snippets ran). */
    static void startUntil(CompletableFuture<?> agent, int max) {
        if (max == 0) return;
        Thread t = new Thread(() -> run(agent, max), "cnnlab-compiler-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run(CompletableFuture<?> agent, int max) {
        long t0 = System.nanoTime();
        int ran = 0;
        PrintStream none = new PrintStream(OutputStream.nullOutputStream());
        try (JShell s = JShell.builder().executionEngine("local").out(none).err(none)
                .in(java.io.InputStream.nullInputStream()).build()) {
            s.eval("import java.util.*;");
            while (ran < max && !agent.isDone()) {
                String code = Warmup.snippet(ran++);
                var sca = s.sourceCodeAnalysis();
                var info = sca.analyzeCompletion(code);
                s.eval(info.source() != null ? info.source() : code);
            }
        } catch (RuntimeException e) {
            LOG.info("compiler warm-up ended: {}", e.toString());
        }
        LOG.info("javac warm-up while the agent started: {} snippets in {} ms", ran,
                (System.nanoTime() - t0) / 1_000_000);
    }
}
