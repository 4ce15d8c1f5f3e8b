package dev.cnnlab.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.execution.LocalExecutionControlProvider;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.BaseKernelBuilder;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * The cnnlab Jupyter kernel (placeholder until the kernel issue lands: local JShell, plain text results).
 */
public final class CnnlabKernel extends BaseKernel {
    private final JShell shell;

    private CnnlabKernel(String name, String version, HistoryManager history, JupyterIO io,
                         CommManager comms, Renderer renderer, MagicParser magics, MagicsRegistry registry,
                         StringStyler errorStyler) {
        super(name, version,
                new LanguageInfo.Builder("java").version(Runtime.version().toString())
                        .mimetype("text/x-java-source").fileExtension(".jshell").pygments("java")
                        .codemirror("text/x-java").build(),
                List.of(), history, io, comms, renderer, magics, registry, false, errorStyler);
        this.shell = JShell.builder()
                .executionEngine(new LocalExecutionControlProvider(), null)
                .out(System.out).err(System.err).build();
        shell.addToClasspath(System.getProperty("java.class.path"));
    }

    @Override
    public Object evalRaw(String code) {
        String value = null;
        String rest = code;
        while (!rest.isBlank()) {
            var info = shell.sourceCodeAnalysis().analyzeCompletion(rest);
            for (SnippetEvent e : shell.eval(info.source())) {
                if (e.exception() != null) throw new RuntimeException(e.exception().getMessage(), e.exception());
                if (e.status() == Snippet.Status.REJECTED) {
                    throw new IllegalArgumentException("compile error: " + shell.diagnostics(e.snippet())
                            .map(d -> d.getMessage(null)).reduce("", (a, d) -> a + d + "\n"));
                }
                value = e.value();
            }
            rest = info.remaining();
        }
        return value;
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return null;
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_YES;
    }

    /** Starts the kernel on the given Jupyter connection file. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) throw new IllegalArgumentException("usage: CnnlabKernel CONNECTION_FILE");
        var props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        var connection = new JupyterConnection(props);
        var kernel = new Builder().name("cnnlab").version("0.1.0").build();
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }

    private static final class Builder extends BaseKernelBuilder<Builder, CnnlabKernel> {
        @Override
        public CnnlabKernel build() {
            return new CnnlabKernel(buildName(), buildVersion(), buildHistoryManager(),
                    buildJupyterIO(buildJupyterIOEncoding()), buildCommManager(), buildRenderer(),
                    new MagicParser("(?<=(?:^|=))\\s*%", "%%", buildMagicTranspiler()), buildMagicsRegistry(), buildErrorStyler());
        }
    }
}
