package dev.cnnlab.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.sun.jdi.BooleanValue;
import com.sun.jdi.ClassNotLoadedException;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.InvalidTypeException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import jdk.jshell.execution.JdiExecutionControl;
import jdk.jshell.execution.JdiInitiator;
import jdk.jshell.execution.Util;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import dev.cnnlab.kernel.agent.AgentMain;
import dev.cnnlab.kernel.debug.AgentDebugger;
import dev.cnnlab.kernel.debug.AgentEvents;

/**
 * The kernel's side of the agent JVM: JShell's JDI execution engine, rebuilt on public
 * {@code jdk.jshell.execution} pieces so that the command socket has {@code TCP_NODELAY} (see
 * {@link AgentMain}; JShell's eval of {@code 1 + 1} went from ~200 ms to ~32 ms). JDI is kept for what only it can do on every
 * Java version: stop a cell stuck in {@code while (true) {}} by throwing JShell's stop exception into the
 * cell's thread, notice when the agent JVM dies ({@link AgentEvents}), and debug cells ({@link AgentDebugger}).
 */
final class AgentControl extends JdiExecutionControl {
    /**
     * The provider, for {@code JShell.Builder.executionEngine(provider, params)}; {@code debugger} is told of each
     * agent JVM and of the classes loaded into it.
     */
    static ExecutionControlProvider provider(AgentDebugger debugger) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "cnnlab-agent";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
                return create(env, Integer.parseInt(parameters.getOrDefault("timeout", "60000")), debugger);
            }
        };
    }

    private static final String AGENT = AgentMain.class.getName();
    private final Object stopLock = new Object();
    private boolean userCodeRunning;
    private final AgentDebugger debugger;
    private VirtualMachine vm;
    private Process process;

    private AgentControl(ObjectOutput out, ObjectInput in, VirtualMachine vm, Process process, AgentDebugger debugger) {
        super(out, in);
        this.vm = vm;
        this.process = process;
        this.debugger = debugger;
    }

    private static ExecutionControl create(ExecutionEnv env, int timeoutMs, AgentDebugger debugger) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(timeoutMs);
            // two connections: JDI's debugger link (it listens on a port of its own) and this command socket
            JdiInitiator jdi = new JdiInitiator(listener.getLocalPort(), env.extraRemoteVMOptions(), AGENT, false,
                    InetAddress.getLoopbackAddress().getHostAddress(), timeoutMs, Map.of());
            VirtualMachine vm = jdi.vm();
            List<Consumer<String>> onDeath = new ArrayList<>();
            debugger.agentStarted(vm);
            AgentEvents.start(vm, debugger, why -> onDeath.forEach(h -> h.accept(why)));  // in place of JShell's reader
            Socket socket = listener.accept();
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();  // out before in, as the agent does: else both wait
            Map<String, OutputStream> outputs = new HashMap<>();
            outputs.put("out", env.userOut());
            outputs.put("err", env.userErr());
            Map<String, InputStream> inputs = new HashMap<>();
            inputs.put("in", env.userIn());
            return Util.remoteInputOutput(socket.getInputStream(), out, outputs, inputs, (in, cmdOut) -> {
                AgentControl control = new AgentControl(cmdOut, in, vm, jdi.process(), debugger);
                onDeath.add(why -> env.closeDown());
                onDeath.add(why -> control.disposeVm());
                return control;
            });
        }
    }

    /** Loads snippet classes; the debugger then sets the cell's breakpoints in them, before their code runs. */
    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        super.load(cbcs);
        if (debugger.isAttached()) debugger.classesLoaded(Arrays.stream(cbcs).map(ClassBytecodes::name).toList());
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, EngineTerminationException {
        super.redefine(cbcs);  // a redefined class loses its breakpoints: they are set again
        if (debugger.isAttached()) debugger.classesLoaded(Arrays.stream(cbcs).map(ClassBytecodes::name).toList());
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException,
            InternalException {
        // a snippet evaluated again unchanged is not loaded again: its breakpoints are set here
        if (debugger.isAttached()) debugger.classesLoaded(List.of(className));
        synchronized (stopLock) {
            userCodeRunning = true;
        }
        try {
            return super.invoke(className, methodName);
        } finally {
            synchronized (stopLock) {
                userCodeRunning = false;
            }
        }
    }

    /** Throws JShell's stop exception into the thread running the cell (JDI's ThreadReference.stop). */
    @Override
    public void stop() throws EngineTerminationException, InternalException {
        synchronized (stopLock) {
            if (!userCodeRunning) return;
            VirtualMachine machine = vm();
            machine.suspend();
            try {
                for (ThreadReference thread : machine.allThreads()) {
                    ObjectReference agent = agentFrame(thread);
                    if (agent == null) continue;
                    Field inClientCode = agent.referenceType().fieldByName("inClientCode");
                    Field expectingStop = agent.referenceType().fieldByName("expectingStop");
                    Field stopException = agent.referenceType().fieldByName("stopException");
                    if (((BooleanValue) agent.getValue(inClientCode)).value()) {
                        agent.setValue(expectingStop, machine.mirrorOf(true));
                        ObjectReference stop = (ObjectReference) agent.getValue(stopException);
                        machine.resume();
                        thread.stop(stop);
                        agent.setValue(expectingStop, machine.mirrorOf(false));
                    }
                    return;
                }
            } catch (ClassNotLoadedException | IncompatibleThreadStateException | InvalidTypeException e) {
                throw new InternalException("could not stop the cell: " + e);
            } finally {
                machine.resume();
            }
        }
    }

    /** The agent object whose invoke/varValue frame is on this thread's stack, or null. */
    private static ObjectReference agentFrame(ThreadReference thread) throws IncompatibleThreadStateException {
        for (StackFrame frame : thread.frames()) {
            String method = frame.location().method().name();
            if (AGENT.equals(frame.location().declaringType().name())
                    && ("invoke".equals(method) || "varValue".equals(method))) {
                return frame.thisObject();
            }
        }
        return null;
    }

    @Override
    public void close() {
        super.close();
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p != null) {
            try {
                p.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        disposeVm();
    }

    private synchronized void disposeVm() {
        try {
            if (vm != null) vm.dispose();
        } catch (VMDisconnectedException ignored) {
            // already gone
        } finally {
            vm = null;
            if (process != null) process.destroy();
            process = null;
        }
    }

    @Override
    protected synchronized VirtualMachine vm() throws EngineTerminationException {
        if (vm == null) throw new EngineTerminationException("the agent JVM has exited");
        return vm;
    }
}
