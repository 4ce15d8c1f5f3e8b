package dev.cnnlab.kernel.debug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.StepRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Breakpoints, stops and steps in the agent JVM, through JDI, in cell coordinates. While no debugger session is
 * attached it does nothing at all: no line maps are computed, no requests exist, no event stops a thread. Once
 * attached, each snippet a cell runs gets a {@link CellLineMap} just before it is evaluated; when JShell loads
 * its class into the agent, the cell's breakpoints become JDI breakpoints in that class (before its code runs).
 * A breakpoint or step event keeps the cell's thread suspended until {@link #resume} or {@link #step}; frames
 * and variables ({@link DebugValues}) are read while it is.
 */
public final class AgentDebugger {
    private static final Logger LOG = LoggerFactory.getLogger(AgentDebugger.class);

    private VirtualMachine vm;
    private volatile boolean attached;
    private volatile boolean lettingGo;
    private Consumer<JsonObject> events = e -> { };
    private final Map<String, Set<Integer>> breakpoints = new LinkedHashMap<>();  // cell path -> cell lines
    private final Map<String, CellLineMap> classes = new HashMap<>();  // loaded snippet class -> its cell lines
    private final Map<String, List<BreakpointRequest>> requests = new HashMap<>();
    private final Map<Long, ThreadReference> stopped = new LinkedHashMap<>();
    private final DebugValues values = new DebugValues();
    private volatile CellLineMap pending;

    /** The agent JVM to debug (on each start of the agent: what was known of the old one is forgotten). */
    public synchronized void agentStarted(VirtualMachine vm) {
        this.vm = vm;
        classes.clear();
        requests.clear();
        stopped.clear();
        values.clear();
    }

    /** Where {@code stopped} and {@code continued} events go (DAP event messages). */
    public synchronized void onEvent(Consumer<JsonObject> sink) {
        this.events = sink;
    }

    /** Starts or ends the session; ending it removes every request and lets stopped threads go. */
    public synchronized void setAttached(boolean on) {
        attached = on;
        lettingGo = false;
        if (!on) {
            breakpoints.clear();
            deleteAllRequests();
            resumeAll();
        }
    }

    /** Whether a client is attached: only then do cells compute line maps. */
    public boolean isAttached() {
        return attached;
    }

    /** The snippet about to be evaluated (null after it): its classes get the cell's breakpoints when loaded. */
    public void snippetStarting(CellLineMap map) {
        pending = map;
    }

    /**
     * JShell loaded (or redefined) these classes into the agent for the snippet now being evaluated, or is about to
     * run one (a declaration evaluated again with the same code is not loaded again, only run).
     */
    public synchronized void classesLoaded(List<String> names) {
        CellLineMap map = pending;
        if (map == null || !attached || vm == null) return;
        for (String name : names) {
            classes.put(name, map);
            install(name);
        }
    }

    /** Replaces the breakpoints of one cell file; returns the lines kept. */
    public synchronized List<Integer> setBreakpoints(String path, List<Integer> lines) {
        breakpoints.put(path, new TreeSet<>(lines));
        for (Map.Entry<String, CellLineMap> e : classes.entrySet()) {
            if (e.getValue().path().equals(path)) install(e.getKey());
        }
        return List.copyOf(breakpoints.get(path));
    }

    /** Every breakpoint, as debugInfo lists them: {@code [{source, breakpoints: [{line}]}]}. */
    public synchronized JsonArray breakpointList() {
        JsonArray all = new JsonArray();
        breakpoints.forEach((path, lines) -> {
            if (lines.isEmpty()) return;
            JsonObject o = new JsonObject();
            o.addProperty("source", path);
            JsonArray bs = new JsonArray();
            for (int line : lines) {
                JsonObject b = new JsonObject();
                b.addProperty("line", line);
                bs.add(b);
            }
            o.add("breakpoints", bs);
            all.add(o);
        });
        return all;
    }

    /** (Re)creates the JDI breakpoints of one loaded snippet class from its cell's breakpoints. */
    private void install(String className) {
        for (BreakpointRequest r : requests.getOrDefault(className, List.of())) manager().deleteEventRequest(r);
        requests.remove(className);
        CellLineMap map = classes.get(className);
        Set<Integer> lines = breakpoints.getOrDefault(map.path(), Set.of());
        if (lines.isEmpty() || !map.coversAny(lines)) return;
        List<ReferenceType> types = vm.classesByName(className);
        if (types.isEmpty()) return;
        List<BreakpointRequest> made = new ArrayList<>();
        for (int line : lines) {
            try {
                List<Location> code = List.of();
                for (int wrapperLine : map.wrapperLines(line)) {
                    code = types.get(0).locationsOfLine(wrapperLine);
                    if (!code.isEmpty()) break;
                }
                Set<String> methods = new java.util.HashSet<>();
                for (Location at : code) {
                    if (!methods.add(at.method().name() + at.method().signature())) continue;  // one per method
                    BreakpointRequest r = manager().createBreakpointRequest(at);
                    r.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                    r.enable();
                    made.add(r);
                }
            } catch (AbsentInformationException e) {
                LOG.info("{} has no line numbers: no breakpoint at cell line {}", className, line);
            }
        }
        requests.put(className, made);
    }

    private EventRequestManager manager() {
        return vm.eventRequestManager();
    }

    private void deleteAllRequests() {
        if (vm == null) return;
        try {
            manager().deleteEventRequests(new ArrayList<>(manager().breakpointRequests()));
            manager().deleteEventRequests(new ArrayList<>(manager().stepRequests()));
        } catch (VMDisconnectedException ignored) {
            // the agent is gone, and its requests with it
        }
        requests.clear();
    }

    /**
     * A breakpoint or step event from the JDI reader. Returns true when the thread stays suspended (a client will
     * resume it); false lets the reader resume it (no session, an interrupt in progress, a step that left the cell).
     */
    public boolean onStop(LocatableEvent event) {
        if (!(event instanceof BreakpointEvent) && !(event instanceof StepEvent)) return false;
        JsonObject body = new JsonObject();
        synchronized (this) {
            if (event instanceof StepEvent) manager().deleteEventRequest(event.request());
            if (!attached || lettingGo || cellLine(event.location()) < 0) return false;
            ThreadReference thread = event.thread();
            stopped.put(thread.uniqueID(), thread);
            body.addProperty("reason", event instanceof StepEvent ? "step" : "breakpoint");
            body.addProperty("threadId", thread.uniqueID());
            body.addProperty("allThreadsStopped", false);
        }
        events.accept(event("stopped", body));
        return true;
    }

    private static JsonObject event(String name, JsonObject body) {
        JsonObject e = new JsonObject();
        e.addProperty("type", "event");
        e.addProperty("event", name);
        e.add("body", body);
        return e;
    }

    /** The cell line of a location in a snippet class, or -1 (library code, an unmapped snippet). */
    private int cellLine(Location at) {
        CellLineMap map = classes.get(at.declaringType().name());
        return map == null ? -1 : map.cellLine(at.lineNumber());
    }

    /** Resumes a stopped thread ({@code continue}); false when it is not stopped. */
    public synchronized boolean resume(long threadId) {
        ThreadReference t = stopped.remove(threadId);
        if (t == null) return false;
        values.clear();
        JsonObject body = new JsonObject();
        body.addProperty("threadId", threadId);
        body.addProperty("allThreadsContinued", false);
        events.accept(event("continued", body));  // before the thread runs: its next stop comes after this
        t.resume();
        return true;
    }

    /**
     * Steps a stopped thread by one cell line: {@code depth} is {@link StepRequest#STEP_OVER} ({@code next}),
     * {@code STEP_INTO} or {@code STEP_OUT}. Only snippet classes count: a step never stops in library code.
     */
    public synchronized boolean step(long threadId, int depth) {
        ThreadReference t = stopped.remove(threadId);
        if (t == null) return false;
        for (StepRequest r : new ArrayList<>(manager().stepRequests())) {
            if (r.thread().equals(t)) manager().deleteEventRequest(r);
        }
        StepRequest r = manager().createStepRequest(t, StepRequest.STEP_LINE, depth);
        r.addClassFilter("REPL.*");
        r.addCountFilter(1);
        r.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        r.enable();
        values.clear();
        t.resume();
        return true;
    }

    /** Lets every stopped thread go and stops nothing more until {@link #cellEnded}: an interrupt wins. */
    public synchronized void letGo() {
        if (!attached) return;
        lettingGo = true;
        resumeAll();
    }

    /** A cell ended: steps still pending (the cell ran off its end) must not stop the next cell. */
    public synchronized void cellEnded() {
        pending = null;
        lettingGo = false;
        if (vm == null) return;
        try {
            manager().deleteEventRequests(new ArrayList<>(manager().stepRequests()));
        } catch (VMDisconnectedException ignored) {
            // nothing to clean up
        }
    }

    private void resumeAll() {
        for (ThreadReference t : stopped.values()) {
            try {
                t.resume();
            } catch (VMDisconnectedException ignored) {
                // gone with the agent
            }
        }
        stopped.clear();
        values.clear();
    }

    /** The ids of the stopped threads. */
    public synchronized List<Long> stoppedThreads() {
        return List.copyOf(stopped.keySet());
    }

    /** {@code threads}: the stopped threads (others run and have no frames to show). */
    public synchronized JsonArray threads() {
        JsonArray all = new JsonArray();
        for (Map.Entry<Long, ThreadReference> e : stopped.entrySet()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.getKey());
            o.addProperty("name", e.getValue().name());
            all.add(o);
        }
        return all;
    }

    /** {@code stackTrace}: the frames of a stopped thread that are in cells, innermost first. */
    public synchronized JsonArray stackTrace(long threadId) throws IncompatibleThreadStateException {
        ThreadReference t = stopped.get(threadId);
        JsonArray frames = new JsonArray();
        if (t == null) return frames;
        List<StackFrame> all = t.frames();
        for (int i = 0; i < all.size(); i++) {
            Location at = all.get(i).location();
            CellLineMap map = classes.get(at.declaringType().name());
            int line = map == null ? -1 : map.cellLine(at.lineNumber());
            if (line < 0) continue;
            String method = at.method().name();
            JsonObject f = new JsonObject();
            f.addProperty("id", values.frame(t, i));
            f.addProperty("name", "do_it$".equals(method) ? "<cell>" : method);
            f.addProperty("line", line);
            f.addProperty("column", 1);
            JsonObject source = new JsonObject();
            source.addProperty("name", java.nio.file.Path.of(map.path()).getFileName().toString());
            source.addProperty("path", map.path());
            f.add("source", source);
            frames.add(f);
        }
        return frames;
    }

    /** {@code scopes} of a frame: its locals. */
    public synchronized JsonArray scopes(int frameId) {
        return values.scopes(frameId);
    }

    /** {@code variables} of a reference from {@link #scopes} or an earlier {@code variables}. */
    public synchronized JsonArray variables(int reference) throws IncompatibleThreadStateException, AbsentInformationException {
        return values.variables(reference);
    }
}
