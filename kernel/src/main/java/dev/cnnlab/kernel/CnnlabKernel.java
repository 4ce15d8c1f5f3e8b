package dev.cnnlab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cnnlab.kernel.debug.DebugAdapter;
import dev.cnnlab.kernel.magics.MagicException;
import dev.cnnlab.kernel.magics.Magics;
import dev.cnnlab.kernel.magics.SearchPath;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.reply.CompleteReply;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.InspectReply;
import org.dflib.jjava.jupyter.messages.reply.IsCompleteReply;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cnnlab Jupyter kernel: jjava-jupyter for the protocol, {@link CellEvaluator} (JShell with a remote
 * agent JVM) for cells, {@link Magics} for %-commands (both through {@link CellRunner}), {@link CodeAnalysis}
 * for completion and inspection, {@link DebugAdapter} for JupyterLab's debugger.
 */
public final class CnnlabKernel extends BaseKernel {
    private static final Logger LOG = LoggerFactory.getLogger(CnnlabKernel.class);

    private final CellHistory history;
    private final CellEvaluator evaluator;
    private final CodeAnalysis analysis;
    private final CellRunner cells;
    private final Warmup warmup;
    private final WidgetComms widgets;
    private final DebugAdapter debug;

    private CnnlabKernel(String name, String version, org.dflib.jjava.jupyter.kernel.JupyterIO io,
                         org.dflib.jjava.jupyter.kernel.comm.CommManager comms,
                         org.dflib.jjava.jupyter.kernel.display.Renderer renderer,
                         org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry registry,
                         org.dflib.jjava.jupyter.kernel.util.StringStyler errorStyler,
                         CellHistory history, AgentSetup setup) throws java.io.IOException {
        super(name, version,
                new LanguageInfo.Builder("java").version(Runtime.version().toString())
                        .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java")
                        .codemirror("text/x-java").build(),
                List.of(new HelpLink("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                        new HelpLink("DJL", "https://docs.djl.ai/")),
                history, io, comms, renderer, null, registry, false, errorStyler);
        this.history = history;
        this.evaluator = new CellEvaluator(setup.classPath(), setup.vmOptions(), setup.startupSnippets(),
                new CellRun(null, 0, null));
        this.analysis = new CodeAnalysis(evaluator::shell);
        // jupyter_server names the notebook in JPY_SESSION_NAME (a kernel has no other way to know it)
        this.cells = new CellRunner(evaluator, analysis, SearchPath.notebookDirFrom(System.getenv("JPY_SESSION_NAME")));
        this.warmup = new Warmup(evaluator, Warmup.snippetsFromEnvironment(System.getenv("CNNLAB_WARMUP")));
        this.widgets = new WidgetComms(comms, evaluator.agentChannel());
        this.debug = new DebugAdapter(evaluator.debugger(), evaluator.cellSources());
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        warmup.requestStarted();  // a warm-up snippet in flight ends first; none starts until the reply
        try {
            execute(env, message);
        } finally {
            warmup.requestEnded();
        }
    }

    private void execute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        String code = request.getCode();
        int count = request.isSilent() ? executionCount.get() : executionCount.getAndIncrement();
        env.setStatusBusy();  // idle is published before the reply: a client holding the reply has all output
        env.publish(new PublishExecuteInput(code, count));
        if (request.shouldStoreHistory() && !request.isSilent()) history.add(code);
        CellRun run = new CellRun(env, count, widgets);
        evaluator.setListener(run);
        try {
            cells.run(code, run);
            run.publishResult();
            env.setStatusIdle();
            env.reply(new ExecuteReply(count, Map.of()));
        } catch (CellError e) {
            replyError(env, count, e.ename, e.evalue(), e.traceback);
        } catch (MagicException e) {
            String msg = e.getMessage();
            replyError(env, count, "MagicError", msg, List.of("\u001b[31mMagicError\u001b[0m: " + msg));
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("internal error running a cell", e);
            replyError(env, count, e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    List.of("kernel error: " + e));
        }
        // the listener stays: what background threads print from now on goes to this cell (ipykernel does so too)
    }

    private void replyError(ShellReplyEnvironment env, int count, String ename, String evalue, List<String> tb) {
        env.publish(new PublishError(ename, evalue, tb));
        env.setStatusIdle();
        ErrorReply reply = new ErrorReply(ename, evalue, tb);
        reply.setExecutionCount(count);
        env.replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }

    @Override
    protected void handleKernelInfoRequest(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setStatusBusy();
        env.setStatusIdle();
        env.reply(new OkReplies.KernelInfo(Header.PROTOCOL_VERISON, name, version, getLanguageInfo(), getBanner(),
                getHelpLinks()));
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setStatusBusy();
        java.util.Set<HistoryManager.ResultFlag> flags = java.util.EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> history.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                var r = (HistoryRequest.Range) request;
                yield history.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                var q = (HistoryRequest.Search) request;
                if (q.filterUnique()) flags.add(HistoryManager.ResultFlag.UNIQUE);
                yield history.search(q.getPattern(), q.getMaxReturnLength(), flags);
            }
        };
        env.setStatusIdle();
        env.reply(new Message(env.getContext(), HistoryReply.MESSAGE_TYPE, new OkReplies.History(entries)));
    }

    // Replies below follow their idle status (jjava's defaults send idle after the reply): a client that has the
    // reply has all IOPub messages of the request, so a late idle is never mistaken for the next request's.

    @Override
    protected void handleCompleteRequest(ShellReplyEnvironment env, Message<CompleteRequest> message) {
        var req = message.getContent();
        env.setStatusBusy();
        CompleteReply reply;
        try {
            ReplacementOptions o = complete(req.getCode(), req.getCursorPos());
            reply = o == null ? new CompleteReply(List.of(), req.getCursorPos(), req.getCursorPos(), Map.of())
                    : new CompleteReply(o.getReplacements(), o.getSourceStart(), o.getSourceEnd(), Map.of());
        } catch (RuntimeException e) {
            LOG.info("completion failed: {}", e.toString());
            reply = new CompleteReply(List.of(), req.getCursorPos(), req.getCursorPos(), Map.of());
        }
        env.setStatusIdle();
        env.reply(reply);
    }

    @Override
    protected void handleInspectRequest(ShellReplyEnvironment env, Message<InspectRequest> message) {
        var req = message.getContent();
        env.setStatusBusy();
        DisplayData data;
        try {
            data = inspect(req.getCode(), req.getCursorPos(), req.getDetailLevel() > 0);
        } catch (RuntimeException e) {
            LOG.info("inspection failed: {}", e.toString());
            data = null;
        }
        env.setStatusIdle();
        env.reply(new InspectReply(data != null, DisplayData.emptyIfNull(data)));
    }

    @Override
    protected void handleIsCodeCompeteRequest(ShellReplyEnvironment env, Message<IsCompleteRequest> message) {
        env.setStatusBusy();
        String r = isComplete(message.getContent().getCode());
        IsCompleteReply reply = switch (r) {
            case IS_COMPLETE_YES -> IsCompleteReply.VALID_CODE;
            case IS_COMPLETE_BAD -> IsCompleteReply.INVALID_CODE;
            case IS_COMPLETE_MAYBE -> IsCompleteReply.UNKNOWN;
            default -> IsCompleteReply.getIncompleteReplyWithIndent(r);
        };
        env.setStatusIdle();
        env.reply(reply);
    }

    @Override
    public Object evalRaw(String code) {
        throw new UnsupportedOperationException("cells run through handleExecuteRequest");
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        warmup.requestStarted();  // JShell serves one thread at a time
        try {
            return analysis.inspect(code, at);
        } finally {
            warmup.requestEnded();
        }
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        warmup.requestStarted();
        try {
            return analysis.complete(code, at);
        } finally {
            warmup.requestEnded();
        }
    }

    @Override
    public String isComplete(String code) {
        warmup.requestStarted();
        try {
            return analysis.isComplete(code);
        } catch (RuntimeException e) {
            return IS_COMPLETE_MAYBE;
        } finally {
            warmup.requestEnded();
        }
    }

    @Override
    public void interrupt() {
        evaluator.debugger().letGo();  // a cell stopped at a breakpoint must be able to end
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        warmup.stop();
        evaluator.close();
        super.onShutdown(isRestarting);
    }

    /** Starts the kernel on the given Jupyter connection file. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) throw new IllegalArgumentException("usage: CnnlabKernel CONNECTION_FILE");
        var props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        var connection = new SecureConnection(props);
        var kernel = new Builder().name("cnnlab").version("0.1.0").build();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        DebugMessages.install(connection, kernel.debug);  // debug_request on the control channel
        connection.connect();
        kernel.evaluator.startAsync();  // the agent JVM starts while Jupyter gets kernel_info
        if (!"0".equals(System.getenv("CNNLAB_WARMUP_EARLY")) && kernel.warmup.snippets() > 0) {
            CompilerWarmup.startUntil(kernel.evaluator.agentStart(), kernel.warmup.snippets());  // javac, meanwhile
        }
        kernel.warmup.start();  // then, while no cell runs, javac and the agent warm up
        installSigintHandler(kernel);
        exitWithParent(kernel);
        Runtime.getRuntime().addShutdownHook(new Thread(kernel.evaluator::close, "cnnlab-shutdown"));
        connection.waitUntilClose();
        kernel.evaluator.close();
        System.exit(0);
    }

    /**
     * Like ipykernel's parent poller: when the process that started the kernel (JPY_PARENT_PID, set by
     * jupyter_client) is gone, the kernel and its agent exit instead of lingering as orphans.
     */
    private static void exitWithParent(CnnlabKernel kernel) {
        String pid = System.getenv("JPY_PARENT_PID");
        if (pid == null || !pid.matches("\\d+")) return;
        var parent = ProcessHandle.of(Long.parseLong(pid));
        if (parent.isEmpty()) return;
        parent.get().onExit().thenRun(() -> {
            LOG.warn("parent process {} exited: shutting down", pid);
            kernel.evaluator.close();
            System.exit(0);
        });
    }

    /** SIGINT interrupts the cell (as in ipykernel) instead of ending the JVM. */
    private static void installSigintHandler(CnnlabKernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> kernel.interrupt());
        } catch (RuntimeException | LinkageError e) {
            LOG.info("SIGINT handler not installed: {}", e.toString());
        }
    }

    private static final class Builder extends BaseKernelBuilder<Builder, CnnlabKernel> {
        @Override
        public CnnlabKernel build() {
            try {
                return new CnnlabKernel(buildName(), buildVersion(), buildJupyterIO(buildJupyterIOEncoding()),
                        WidgetComms.concurrentManager(), buildRenderer(), buildMagicsRegistry(), buildErrorStyler(),
                        new CellHistory(), AgentSetup.fromEnvironment());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
