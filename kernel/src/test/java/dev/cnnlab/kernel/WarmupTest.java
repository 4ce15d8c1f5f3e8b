package dev.cnnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/** The warm-up's snippets compile, show no value and declare only names the kernel drops afterwards. */
class WarmupTest {
    @Test
    void cnnlabWarmupSetsTheNumberOfSnippets() {
        assertEquals(Warmup.DEFAULT_SNIPPETS, Warmup.snippetsFromEnvironment(null));
        assertEquals(Warmup.DEFAULT_SNIPPETS, Warmup.snippetsFromEnvironment("many"));
        assertEquals(0, Warmup.snippetsFromEnvironment("0"));
        assertEquals(5, Warmup.snippetsFromEnvironment(" 5 "));
        assertEquals(0, Warmup.snippetsFromEnvironment("-3"));
    }

    @Test
    void everySnippetCompilesAndDeclaresOnlyWarmupNames() {
        List<String> snippets = Warmup.snippets(16);
        Set<String> declared = new TreeSet<>();
        try (JShell s = JShell.builder().executionEngine("local").build()) {
            s.eval("import java.util.*;");
            for (String code : snippets) {
                String typed = code.strip();
                assertTrue(typed.endsWith(";") || typed.endsWith("}"), "shows no value: " + code);
                for (SnippetEvent e : s.eval(code)) {
                    assertEquals(Snippet.Status.VALID, e.status(), code);
                    assertEquals(null, e.exception(), code);
                    // expressions: $N here, the kernel's own form (a dropped variable) in a kernel
                    if (e.snippet() instanceof jdk.jshell.DeclarationSnippet d
                            && e.snippet().subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) declared.add(d.name());
                }
            }
        }
        assertTrue(declared.stream().allMatch(n -> n.startsWith(Warmup.PREFIX)), "declared: " + declared);
    }

    @Test
    void aFreshAgentIsWarmedAgain() throws Exception {
        var agent = new java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<?>>(
                java.util.concurrent.CompletableFuture.completedFuture("first agent"));
        var ran = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var warmup = new Warmup(agent::get, code -> ran.add(agent.get().join() + ": " + code), 3);
        warmup.start();
        try {
            waitFor(() -> ran.size() == 3);
            agent.set(java.util.concurrent.CompletableFuture.completedFuture("second agent"));  // the first one died
            waitFor(() -> ran.size() == 6);
            Thread.sleep(700);  // and no more than its snippets run
        } finally {
            warmup.stop();
        }
        assertEquals(List.of("first agent", "first agent", "first agent", "second agent", "second agent", "second agent"),
                ran.stream().map(r -> r.substring(0, r.indexOf(':'))).toList());
        assertEquals(Warmup.snippet(0), ran.get(3).substring(ran.get(3).indexOf(": ") + 2), "the second agent starts from snippet 0");
    }

    private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the warm-up did not get there in 20 s");
            Thread.sleep(10);
        }
    }
}
