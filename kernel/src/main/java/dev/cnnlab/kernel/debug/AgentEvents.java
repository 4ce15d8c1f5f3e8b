package dev.cnnlab.kernel.debug;

import java.util.function.Consumer;

import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.VMDisconnectEvent;

/**
 * The one reader of the agent JVM's JDI event queue (in place of JShell's own, which resumes every event): it
 * tells the kernel when the agent is gone, and hands breakpoint and step events to the {@link AgentDebugger},
 * which may keep the cell's thread suspended until the client says {@code continue} or {@code next}. Every other
 * event set is resumed at once, so without breakpoints nothing waits.
 */
public final class AgentEvents {
    private AgentEvents() {}

    /** Starts the reader thread for {@code vm}; {@code onExit} gets a reason once the agent is gone. */
    public static void start(VirtualMachine vm, AgentDebugger debugger, Consumer<String> onExit) {
        Thread t = new Thread(() -> read(vm, debugger, onExit), "cnnlab-jdi-events");
        t.setDaemon(true);
        t.start();
    }

    private static void read(VirtualMachine vm, AgentDebugger debugger, Consumer<String> onExit) {
        try {
            while (true) {
                EventSet set = vm.eventQueue().remove();
                boolean keep = false;
                for (Event e : set) {
                    if (e instanceof VMDisconnectEvent) {
                        onExit.accept("the agent JVM exited");
                        return;
                    }
                    if (e instanceof LocatableEvent le && debugger.onStop(le)) keep = true;
                }
                if (!keep) set.resume();
            }
        } catch (VMDisconnectedException e) {
            onExit.accept("the agent JVM exited");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
