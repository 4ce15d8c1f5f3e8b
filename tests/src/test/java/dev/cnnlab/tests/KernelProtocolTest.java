package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The cnnlab kernel through real Jupyter clients (jupyter_client, jupyter_kernel_test, raw pyzmq): each
 * test runs one Python unittest module against a kernel started from this checkout's launcher.
 */
class KernelProtocolTest {
    static final String JAVA25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    /**
     * jupyter_kernel_test is not on every wheel index, and Debian's 0.4.5 calls jupyter_core's {@code run_sync} on
     * blocking channels, which jupyter_core 5.9 in the venv refuses: so this suite runs on Debian's own Python,
     * where jupyter_kernel_test and jupyter_client come as a pair.
     */
    @Test
    void conformanceSuite() throws Exception {
        assertTrue(Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/jupyter_kernel_test")),
                "Debian's python3-jupyter-kernel-test is not installed (./cnnlab test installs it)");
        PythonSuite.run("/usr/bin/python3", "test_conformance", Map.of(), 10);
    }

    @Test
    void executionDisplayErrorsMagicsAndAnalysis() throws Exception {
        PythonSuite.run("test_kernel", Map.of(), 10);
    }

    @Test
    void signaturesAreCheckedAndGarbageIsSurvived() throws Exception {
        PythonSuite.run("test_security", Map.of(), 10);
    }

    /**
     * Jupyter widgets (protocol 2, ipywidgets 8) through jupyter_client: comm_open and state against ipywidgets'
     * own models, comm_info, request_state, an update running the Java observer, a click reaching a running cell,
     * a failing callback, interact, and nbclient saving widget state in the notebook (test_widgets.py).
     */
    @Test
    void widgetsSpeakTheJupyterWidgetProtocol() throws Exception {
        PythonSuite.run("test_widgets", Map.of(), 10);
    }

    /**
     * JupyterLab's debugger through jupyter_client (test_debugger.py): the DAP sequence JupyterLab sends, a breakpoint
     * in a loop stopping at the right cell line and file, the loop counter in the frame's locals, {@code next} one
     * line, {@code continue} to an ok reply; no stop without a session or after {@code disconnect}.
     */
    @Test
    void debuggerFollowsTheJupyterDebugProtocol() throws Exception {
        PythonSuite.run("test_debugger", Map.of(), 10);
    }

    /** tests/src/test/resources/ijava-compat.ipynb, an IJava notebook, cell by cell (about 40 s). */
    @Test
    void ijavaNotebookRunsUnchanged() throws Exception {
        PythonSuite.run("test_ijava_compat", Map.of(), 10);
    }

    static final String JAVA17 = "/usr/lib/jvm/java-17-openjdk-amd64/bin/java";

    @Test
    void interruptOnJava17() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(JAVA17)), "Java 17 not installed at " + JAVA17);
        String out = PythonSuite.run("test_interrupt", Map.of("CNNLAB_TEST_JAVA", JAVA17), 10);
        assertTrue(out.contains("agent java \"17\""), "the kernel did not run on Java 17:\n" + out);
    }

    @Test
    void interruptOnJava25() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(JAVA25)), "Java 25 not installed at " + JAVA25);
        String out = PythonSuite.run("test_interrupt", Map.of("CNNLAB_TEST_JAVA", JAVA25), 10);
        assertTrue(out.contains("agent java \"25\""), "the kernel did not run on Java 25:\n" + out);
    }
}
