package dev.cnnlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import dev.cnnlab.kernel.debug.AgentDebugger;
import dev.cnnlab.kernel.debug.CellLineMap;
import dev.cnnlab.kernel.debug.CellSources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs cells in JShell with its remote execution agent: cells execute in a separate JVM (the agent) that
 * {@code JShell.stop()} can stop on any Java version, that can run out of memory or call {@code System.exit}
 * without taking the kernel down, and whose stdout/stderr stream back while the cell runs. When the agent
 * dies a fresh one is started and the cell says so. Values are rendered in the agent (see
 * {@code agent.AgentRenderer}) and come back as frames on stdout.
 */
final class CellEvaluator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CellEvaluator.class);
    static final long INTERRUPT_GRACE_MS = 700;
    static final long STOP_RETRY_MS = 300;
    static final int STOP_TRIES = 40;
    static final String AGENT_DIED = "The Java process that runs the cells exited (System.exit, a crash or the"
            + " operating system ended it). A fresh one has been started: variables, methods and classes defined"
            + " so far are gone; re-run the cells you need.";

    private final List<String> classPath;
    private final List<String> vmOptions;
    private final List<String> startupSnippets;
    private final CellOutput output;
    private final AgentChannel agentChannel;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cnnlab-cell-timer");
        t.setDaemon(true);
        return t;
    });
    private final List<String> addedClassPath = new ArrayList<>();
    private final DefaultImports imports = new DefaultImports(this::classPath);
    private volatile CompletableFuture<JShell> shell;
    private volatile JShell current;
    private volatile ReplClassFiles classFiles;
    private final AgentDebugger debugger = new AgentDebugger();
    private final CellSources cellSources = CellSources.forThisProcess();
    private volatile String debugPath;  // the running cell's file while a debugger is attached, else null
    private volatile boolean agentDead;
    private volatile boolean running;
    private volatile boolean interruptRequested;
    private volatile long cellSerial;
    private long valueSerial;

    CellEvaluator(List<String> classPath, List<String> vmOptions, List<String> startupSnippets,
                  OutputDemux.Listener listener) throws IOException {
        this.classPath = List.copyOf(classPath);
        this.vmOptions = List.copyOf(vmOptions);
        this.startupSnippets = List.copyOf(startupSnippets);
        this.output = new CellOutput(listener);
        this.agentChannel = new AgentChannel();
        // stream text while a cell runs, in small batches
        timer.scheduleWithFixedDelay(output::flushText, 30, 30, TimeUnit.MILLISECONDS);
    }

    /** Starts the agent in the background (the kernel answers kernel_info meanwhile). */
    void startAsync() {
        shell = CompletableFuture.supplyAsync(this::launch);
    }

    /** The agent's start since the last {@link #startAsync} (null before): done when it is ready or failed. */
    CompletableFuture<JShell> agentStart() {
        return shell;
    }

    /** The JShell, waiting for the agent if it is still starting. */
    JShell shell() {
        if (shell == null) startAsync();
        try {
            return shell.join();
        } catch (java.util.concurrent.CompletionException e) {
            startAsync();  // try again on the next request
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("agent JVM failed to start", cause);
            String msg = "the Java process that runs cells did not start: " + cause.getMessage()
                    + " (check CNNLAB_JAVA_OPTS; the kernel retries on the next cell)";
            throw new CellError("AgentStartFailed", msg, List.of(msg));
        }
    }

    private JShell launch() {
        long t0 = System.nanoTime();
        String cp = String.join(java.io.File.pathSeparator, classPath);
        List<String> remote = new ArrayList<>(vmOptions);
        remote.add("-cp");
        remote.add(cp);
        JShell s = JShell.builder()
                .out(output.stdout())
                .err(output.stderr())
                .in(InputStream.nullInputStream())
                .executionEngine(AgentControl.provider(debugger), java.util.Map.of("timeout", "60000"))
                .compilerOptions("-g")  // local variables for the debugger (javac's default has lines only)
                .remoteVMOptions(remote.toArray(String[]::new))
                .build();
        s.addToClasspath(cp);  // not a compiler option: that would hide jars added later by %maven/%jars
        s.onShutdown(dead -> {
            if (dead == current) agentDead = true;
        });
        for (String extra : addedClassPath) s.addToClasspath(extra);
        imports.restart();
        for (String snippet : startupSnippets) {
            List<SnippetEvent> events = s.eval(snippet);
            imports.startup(events);
            for (SnippetEvent e : events) {
                if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                    LOG.debug("start-up snippet skipped: {}", snippet.strip());  // e.g. a package not present
                }
            }
        }
        s.eval("dev.cnnlab.kernel.agent.Notebook.$init(" + agentChannel.port() + ");");
        classFiles = ReplClassFiles.of(s);
        current = s;
        agentDead = false;
        LOG.info("agent ready in {} ms", (System.nanoTime() - t0) / 1_000_000);
        return s;
    }

    /** Adds a jar or directory to the cells' class path (compiler and agent), also after a restart. */
    void addToClasspath(String path) {
        addedClassPath.add(path);
        shell().addToClasspath(path);
    }

    /** The cells' class path (start-up entries and added ones). */
    List<String> classPath() {
        List<String> all = new ArrayList<>(classPath);
        all.addAll(addedClassPath);
        return all;
    }

    /** Sets who receives the output of the cell about to run (see {@link CellOutput#setListener}). */
    void setListener(OutputDemux.Listener next) {
        output.setListener(next);
    }

    /** Starts a cell's stream output: its {@link OutputBudget} counts from zero. */
    void beginCellOutput() {
        output.beginCell();
    }

    /** Tells {@code to} on stderr how much text was dropped over the budget since the last report, if any. */
    void reportDroppedOutput(OutputDemux.Listener to) {
        output.reportDropped(to);
    }

    /**
     * Runs the snippets of {@code code} in order; the value of a final expression is sent back as a
     * {@code result} frame. Throws {@link CellError} for compile errors, exceptions, interrupts and a dead agent.
     */
    void eval(String code) {
        long serial = ++cellSerial;
        interruptRequested = false;
        running = true;  // from here on an interrupt counts: also while the agent is still starting
        JShell s = null;
        try {
            s = shellForCell();
            debugPath = debugger.isAttached() ? cellSources.pathOf(code) : null;
            evalSnippets(s, code);
        } finally {
            running = false;
            if (debugPath != null) {
                debugPath = null;
                debugger.cellEnded();
            }
            output.drain();
            if (s != null && cellSerial == serial && interruptRequested) clearInterruptFlag(s);
            if (agentDead) restartAfterDeath();
        }
    }

    /**
     * The JShell for a cell, waiting for the agent if it is still starting (the first cell of a notebook opened
     * right after the kernel: kernel_info is answered before the agent is up). An interrupt meanwhile ends the
     * cell at once, without waiting for the agent; the agent keeps starting for the next cell.
     */
    private JShell shellForCell() {
        CompletableFuture<JShell> starting = shell;
        if (starting == null) {
            startAsync();
            starting = shell;
        }
        while (!starting.isDone()) {
            if (interruptRequested) throw interrupted();
            try {
                starting.get(50, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still starting
            } catch (ExecutionException e) {
                break;  // shell() reports the failure
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return shell();
    }

    private void evalSnippets(JShell s, String code) {
        SourceCodeAnalysis sca = s.sourceCodeAnalysis();
        Map<String, CellErrors.Origin> origins = new HashMap<>();
        String rest = code;
        int offset = 0;
        while (true) {
            if (interruptRequested) throw interrupted();
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            var origin = new CellErrors.Origin(code, offset);  // JShell's source keeps the leading whitespace
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) return;
            if (!info.completeness().isComplete() && info.completeness() != SourceCodeAnalysis.Completeness.UNKNOWN) {
                throw CellErrors.incomplete(origin);
            }
            String source = info.source() != null ? info.source() : rest;
            boolean last = info.remaining().isBlank();
            boolean showValue = last && !CellValue.hiddenBySemicolon(rest, info);
            List<SnippetEvent> events = evalAsDeclaration(s, source, showValue, origin.codeLine());
            boolean shown = events != null && showValue;
            if (events == null) events = evalInAgent(s, source, origin.lineAt(origin.offset()), Integer.MAX_VALUE);
            if (interruptRequested) throw interrupted();
            output.writeErr(RedefinitionNotice.of(s, events));
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) continue;  // updates of dependent snippets: told above
                Snippet snippet = e.snippet();
                origins.put(snippet.id(), origin);
                if (e.status() == Snippet.Status.REJECTED) throw CellErrors.compile(s, snippet, origin);
                if (e.exception() != null) throw CellErrors.runtime(s, e.exception(), origins);
                if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    // an expression whose type is missing from the class path (e.g. a library's optional jar left
                    // out) comes back as a recoverable statement: it cannot run, so it is a compile error
                    if (!(snippet instanceof jdk.jshell.DeclarationSnippet decl)) throw CellErrors.compile(s, snippet, origin);
                    String missing = String.join(", ", s.unresolvedDependencies(decl).toList());
                    output.writeErr(decl.name() + " was defined, but cannot be used until " + missing + " is declared\n");
                }
                if (showValue && !shown) sendResult(s, snippet, e.value());
            }
            imports.userSnippet(s, events);  // the user's star imports win over the kernel's defaults
            offset += rest.length() - info.remaining().length();
            rest = info.remaining();
            if (last) return;
        }
    }

    /**
     * Runs a {@link Warmup} snippet as a cell's code runs (the same passes and agent calls), without a trace: its
     * value is never shown (the snippet ends with {@code ;}), whatever it declares is dropped and its classes
     * pruned, nothing is counted. The caller makes sure no request runs meanwhile.
     * Returns false when the agent is not there (not ready, failed or gone): the warm-up then ends.
     */
    boolean warmUp(String code) {
        CompletableFuture<JShell> starting = shell;
        if (starting == null || !starting.isDone() || starting.isCompletedExceptionally() || agentDead) return false;
        JShell s = starting.join();
        long before = s.snippets().count();
        try {
            evalSnippets(s, code);
        } catch (CellError e) {
            LOG.info("warm-up snippet failed: {}: {}", e.ename, e.evalue());
        } finally {
            if (!agentDead) {  // whatever it declared, $N values included, goes (snippets() is in creation order)
                s.snippets().skip(before).filter(sn -> sn instanceof jdk.jshell.DeclarationSnippet
                        && s.status(sn).isActive()).toList().forEach(s::drop);
                classFiles.prune(s);
            }
        }
        return !agentDead;
    }

    /**
     * Evaluates one snippet. For the debugger: its first line is line {@code cellLine} of the cell, and its first
     * {@code cellLines} lines are the cell's (the rest was added by the kernel).
     */
    private List<SnippetEvent> evalInAgent(JShell s, String source, int cellLine, int cellLines) {
        List<SnippetEvent> events = null;
        try {
            String path = debugPath;
            if (path != null) debugger.snippetStarting(CellLineMap.before(s, source, path, cellLine, cellLines));
            events = s.eval(source);
        } catch (IllegalStateException closed) {  // the agent went away mid-call
            agentDead = true;
        } finally {
            debugger.snippetStarting(null);
        }
        if (agentDead) throw new CellError("AgentExited", AGENT_DIED, List.of(AGENT_DIED));
        classFiles.prune(s);
        return events;
    }

    /**
     * Runs an expression as the declaration {@code Object $cnnlabValueN = Notebook.$shown(expr);}, which sends its
     * value, or with {@code $ran} when no value is shown (e.g. {@code chart.addSeries(...);} in the middle of a
     * cell), then drops that variable. JShell's expression path takes four javac passes (parse, the expression's
     * type, analysis, code), a statement as well (parse, a trial analysis, analysis, code), an explicitly typed
     * variable three. The variable holds null, so no value is kept alive by it or by {@code $N} variables.
     * Returns null when that is not valid (a declaration, a void call, a lambda, a statement, an unresolved name):
     * nothing ran, and the snippet takes JShell's usual path, with its usual errors. Declarations never compile
     * as an argument, so they always take that path and stay visible to later cells. The expression starts on the
     * snippet's first line, so stack-trace lines are the cell's; the line break lets a trailing {@code //} comment
     * end.
     */
    private List<SnippetEvent> evalAsDeclaration(JShell s, String source, boolean showValue, int cellLine) {
        String expr = source.strip();
        while (expr.endsWith(";")) expr = expr.substring(0, expr.length() - 1).stripTrailing();
        if (expr.isEmpty() || expr.endsWith("}")) return null;  // blocks, declarations, anonymous classes
        String method = showValue ? "$shown" : "$ran";
        List<SnippetEvent> events = evalInAgent(s, "Object " + CellValue.VARIABLE + (++valueSerial)
                + " = dev.cnnlab.kernel.agent.Notebook." + method + "(" + expr + "\n);", cellLine, (int) expr.lines().count());
        if (events.isEmpty()) return null;
        Snippet.Status status = events.get(0).status();
        // dropped once run: the next cell's variable is a new one, which JShell loads; declaring the same one again
        // would have it redefine the loaded class in the agent through JDI, which costs more than the pass saved.
        // A RECOVERABLE_* one (JShell rejects an initializer with a missing name, but were it kept waiting for the
        // name) would run when the name is declared: dropped too, and it takes the usual path.
        if (status.isActive()) s.drop(events.get(0).snippet());
        return status == Snippet.Status.VALID ? events : null;
    }

    /** The debugger of this evaluator's agent JVMs (idle until a client attaches). */
    AgentDebugger debugger() {
        return debugger;
    }

    /** Where cells' source files go for the debugger. */
    CellSources cellSources() {
        return cellSources;
    }

    /**
     * Publishes the last expression's value (see {@link CellValue}): simple values by JShell's value string, others
     * rendered in the agent.
     */
    private void sendResult(JShell s, Snippet snippet, String value) {
        CellValue.Named named = CellValue.of(snippet);
        if (named == null || value == null) return;
        if (named.simple()) {
            output.writeFrame(CellValue.resultFrame(value));
            return;
        }
        s.eval("dev.cnnlab.kernel.agent.Notebook.$result(" + named.name() + ");");
        classFiles.prune(s);
    }

    private CellError interrupted() {
        String msg = "interrupted: the cell was stopped; variables defined before it are kept";
        return new CellError("Interrupted", msg, List.of("\u001b[31mInterrupted\u001b[0m: " + msg));
    }

    /** A cell that ignored the cooperative interrupt must not leave the flag set for the next one. */
    private void clearInterruptFlag(JShell s) {
        if (agentDead) return;
        s.eval("if (Thread.interrupted()) { }");
        classFiles.prune(s);
    }

    /** The side line to the agent (interrupts, widget messages). */
    AgentChannel agentChannel() {
        return agentChannel;
    }

    /**
     * Interrupts the running cell: first cooperatively (Thread.interrupt in the agent, so sleeps and training
     * loops stop cleanly), then after {@value #INTERRUPT_GRACE_MS} ms with {@code JShell.stop()}.
     */
    void interrupt() {
        if (!running) return;
        interruptRequested = true;
        long serial = cellSerial;
        agentChannel.interrupt();
        timer.schedule(() -> stopIfStillRunning(serial, 1), INTERRUPT_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * {@code JShell.stop()} for a cell still running after the cooperative interrupt. Repeated every
     * {@value #STOP_RETRY_MS} ms (up to {@value #STOP_TRIES} times): a stop that comes while the cell is still being
     * compiled, before its code runs in the agent, does nothing.
     */
    private void stopIfStillRunning(long serial, int attempt) {
        if (!running || cellSerial != serial) return;
        JShell s = current;
        if (s != null) {
            if (attempt == 1) LOG.info("cell ignored the interrupt for {} ms: stopping it", INTERRUPT_GRACE_MS);
            s.stop();
        }
        if (attempt < STOP_TRIES) {
            timer.schedule(() -> stopIfStillRunning(serial, attempt + 1), STOP_RETRY_MS, TimeUnit.MILLISECONDS);
        } else {
            LOG.warn("cell still running {} stops after the interrupt", STOP_TRIES);
        }
    }

    private void restartAfterDeath() {
        LOG.warn("agent JVM died; starting a fresh one");
        JShell old = current;
        current = null;
        try {
            if (old != null) old.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
        startAsync();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            agentChannel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        JShell s = current;
        if (s != null) s.close();
    }
}
