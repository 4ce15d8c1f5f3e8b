package dev.cnnlab.kernel.agent;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import jdk.jshell.execution.RemoteExecutionControl;
import jdk.jshell.execution.Util;

/**
 * The agent JVM's main class: JShell's {@link RemoteExecutionControl} on a command socket with
 * {@code TCP_NODELAY}. JShell's own agent leaves Nagle's algorithm on, and its small command and reply writes
 * then wait for the peer's delayed ACK (about 40 ms on Linux) several times per cell — most of a trivial
 * cell's round trip. The kernel's side is {@code dev.cnnlab.kernel.AgentControl}, which finds the running
 * cell by this class's {@code invoke}/{@code varValue} frames to stop it.
 */
public final class AgentMain extends RemoteExecutionControl {
    private AgentMain() {}

    /** A value as JShell writes it ({@code "abc"} quoted, arrays spelled out): its protected helper, made visible. */
    static String valueText(Object value) {
        return valueString(value);
    }

    /** Connects to the kernel on {@code args[0]} (a loopback port) and serves JShell's commands. */
    public static void main(String[] args) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        Map<String, Consumer<OutputStream>> outputs = new HashMap<>();
        outputs.put("out", s -> System.setOut(new PrintStream(s, true, StandardCharsets.UTF_8)));
        outputs.put("err", s -> System.setErr(new PrintStream(s, true, StandardCharsets.UTF_8)));
        Map<String, Consumer<InputStream>> inputs = new HashMap<>();
        inputs.put("in", System::setIn);
        Util.forwardExecutionControlAndIO(new AgentMain(), in, out, outputs, inputs);
    }

    // Overridden so that these frames are declared by this class: the kernel's stop() looks for them.
    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
            InternalException {
        return super.invoke(className, methodName);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        return super.varValue(className, varName);
    }
}
