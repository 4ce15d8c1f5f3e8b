package dev.cnnlab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.cnnlab.kernel.magics.MagicContext;
import dev.cnnlab.kernel.magics.MagicException;
import dev.cnnlab.kernel.magics.Magics;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cnnlab Jupyter kernel: jjava-jupyter for the protocol, {@link CellEvaluator} (JShell with a remote
 * agent JVM) for cells, {@link Magics} for %-commands, {@link CodeAnalysis} for completion and inspection.
 */
public final class CnnlabKernel extends BaseKernel {
    private static final Logger LOG = LoggerFactory.getLogger(CnnlabKernel.class);

    private final CellHistory history;
    private final CellEvaluator evaluator;
    private final CodeAnalysis analysis;
    private final Magics magics = Magics.standard();

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
                new CellRun(null, 0));
        this.analysis = new CodeAnalysis(evaluator::shell);
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        String code = request.getCode();
        int count = request.isSilent() ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(code, count));
        if (request.shouldStoreHistory() && !request.isSilent()) history.add(code);
        CellRun run = new CellRun(env, count);
        evaluator.setListener(run);
        try {
            runCell(code, run);
            run.publishResult();
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (CellError e) {
            replyError(env, count, e.ename, e.evalue(), e.traceback);
        } catch (MagicException e) {
            String msg = e.getMessage();
            replyError(env, count, "MagicError", msg, List.of("\u001b[31mMagicError\u001b[0m: " + msg));
        } catch (RuntimeException e) {
            LOG.warn("internal error running a cell", e);
            replyError(env, count, e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    List.of("kernel error: " + e));
        } finally {
            evaluator.setListener(new CellRun(null, 0));
        }
    }

    private void replyError(ShellReplyEnvironment env, int count, String ename, String evalue, List<String> tb) {
        env.publish(new PublishError(ename, evalue, tb));
        ErrorReply reply = new ErrorReply(ename, evalue, tb);
        reply.setExecutionCount(count);
        env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }

    /** Runs a cell: magics in the kernel, Java in the agent. Also used by %load and %time. */
    private void runCell(String code, CellRun run) {
        if (!Magics.hasMagic(code)) {
            evaluator.eval(code);
            return;
        }
        MagicContext ctx = new MagicContext() {
            @Override
            public void runCell(String c) {
                CnnlabKernel.this.runCell(c, run);
            }

            @Override
            public void println(String text) {
                run.text("stdout", text + "\n");
            }

            @Override
            public List<String> classPath() {
                return evaluator.classPath();
            }

            @Override
            public void addToClasspath(String path) {
                evaluator.addToClasspath(path);
            }
        };
        magics.run(code, ctx, evaluator::eval, c -> IS_COMPLETE_YES.equals(analysis.isComplete(c)));
    }

    @Override
    public Object evalRaw(String code) {
        throw new UnsupportedOperationException("cells run through handleExecuteRequest");
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return analysis.inspect(code, at);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return analysis.complete(code, at);
    }

    @Override
    public String isComplete(String code) {
        try {
            return analysis.isComplete(code);
        } catch (RuntimeException e) {
            return IS_COMPLETE_MAYBE;
        }
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
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
        connection.connect();
        kernel.evaluator.startAsync();  // the agent JVM starts while Jupyter gets kernel_info
        installSigintHandler(kernel);
        Runtime.getRuntime().addShutdownHook(new Thread(kernel.evaluator::close, "cnnlab-shutdown"));
        connection.waitUntilClose();
        kernel.evaluator.close();
        System.exit(0);
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
                        buildCommManager(), buildRenderer(), buildMagicsRegistry(), buildErrorStyler(),
                        new CellHistory(), AgentSetup.fromEnvironment());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
