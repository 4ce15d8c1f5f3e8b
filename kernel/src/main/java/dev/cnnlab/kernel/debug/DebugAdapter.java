package dev.cnnlab.kernel.debug;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.jdi.request.StepRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's side of the Jupyter debugger protocol: Debug Adapter Protocol requests, as JupyterLab's debugger
 * sends them in {@code debug_request} messages, answered from {@link AgentDebugger} (JDI on the agent) and
 * {@link CellSources} (cell files). Besides standard DAP it answers Jupyter's {@code debugInfo} and
 * {@code dumpCell}. Requests it cannot serve are answered with {@code success: false} and a message.
 */
public final class DebugAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(DebugAdapter.class);

    private final AgentDebugger debugger;
    private final CellSources sources;
    private final AtomicInteger seq = new AtomicInteger(1);
    private volatile Consumer<JsonObject> events = e -> { };

    /** An adapter over the agent's debugger, with cell files in {@code sources}. */
    public DebugAdapter(AgentDebugger debugger, CellSources sources) {
        this.debugger = debugger;
        this.sources = sources;
        debugger.onEvent(this::emit);
    }

    /** Where DAP events go ({@code debug_event} messages on IOPub). */
    public void onEvent(Consumer<JsonObject> sink) {
        this.events = sink;
    }

    private void emit(JsonObject event) {
        event.addProperty("seq", seq.getAndIncrement());
        events.accept(event);
    }

    /** The file a cell with this code is named by: breakpoints set on it apply when the cell runs. */
    public String pathOf(String code) {
        return sources.pathOf(code);
    }

    /** Answers one DAP request (the content of a debug_request) with its response (a debug_reply's content). */
    public JsonObject handle(JsonObject request) {
        String command = request.has("command") ? request.get("command").getAsString() : "";
        JsonObject args = request.has("arguments") && request.get("arguments").isJsonObject()
                ? request.getAsJsonObject("arguments") : new JsonObject();
        JsonObject response = new JsonObject();
        response.addProperty("seq", seq.getAndIncrement());
        response.addProperty("type", "response");
        response.add("request_seq", request.has("seq") ? request.get("seq") : null);
        response.addProperty("command", command);
        try {
            JsonElement body = answer(command, args);
            response.addProperty("success", true);
            response.add("body", body == null ? new JsonObject() : body);
        } catch (UnsupportedOperationException | IllegalArgumentException | IllegalStateException | IOException e) {
            response.addProperty("success", false);
            response.addProperty("message", e.getMessage());
        } catch (Exception e) {  // a JDI failure must be an answer, never a silent client
            LOG.info("debug request {} failed: {}", command, e.toString());
            response.addProperty("success", false);
            response.addProperty("message", command + " failed: " + e);
        }
        return response;
    }

    private JsonElement answer(String command, JsonObject args) throws Exception {
        switch (command) {
            case "initialize": return capabilities();
            case "attach": {
                debugger.setAttached(true);
                JsonObject initialized = new JsonObject();
                initialized.addProperty("type", "event");
                initialized.addProperty("event", "initialized");
                emit(initialized);
                return null;
            }
            case "disconnect":
                debugger.setAttached(false);
                return null;
            case "configurationDone", "setExceptionBreakpoints", "setFunctionBreakpoints": return null;
            case "debugInfo": return debugInfo();
            case "dumpCell": {
                JsonObject body = new JsonObject();
                body.addProperty("sourcePath", sources.dump(string(args, "code")));
                return body;
            }
            case "source": {
                JsonObject source = args.has("source") ? args.getAsJsonObject("source") : new JsonObject();
                String content = sources.read(string(source, "path"));
                if (content == null) throw new IllegalArgumentException("no such cell source: " + source);
                JsonObject body = new JsonObject();
                body.addProperty("content", content);
                return body;
            }
            case "setBreakpoints": return setBreakpoints(args);
            case "threads": return withArray("threads", debugger.threads());
            case "stackTrace": {
                JsonArray frames = debugger.stackTrace(thread(args));
                JsonObject body = withArray("stackFrames", frames);
                body.addProperty("totalFrames", frames.size());
                return body;
            }
            case "scopes": return withArray("scopes", debugger.scopes(args.get("frameId").getAsInt()));
            case "variables": return withArray("variables", debugger.variables(args.get("variablesReference").getAsInt()));
            case "continue": {
                if (!debugger.resume(thread(args))) throw new IllegalStateException("thread " + thread(args) + " is not stopped");
                JsonObject body = new JsonObject();
                body.addProperty("allThreadsContinued", false);
                return body;
            }
            case "next": return step(args, StepRequest.STEP_OVER);
            case "stepIn": return step(args, StepRequest.STEP_INTO);
            case "stepOut": return step(args, StepRequest.STEP_OUT);
            case "inspectVariables": return withArray("variables", new JsonArray());
            default:
                throw new UnsupportedOperationException("the cnnlab kernel's debugger does not support " + command);
        }
    }

    private JsonElement step(JsonObject args, int depth) {
        if (!debugger.step(thread(args), depth)) throw new IllegalStateException("thread " + thread(args) + " is not stopped");
        return null;
    }

    private JsonObject setBreakpoints(JsonObject args) {
        String path = string(args.getAsJsonObject("source"), "path");
        List<Integer> lines = new ArrayList<>();
        if (args.has("breakpoints")) {
            for (JsonElement b : args.getAsJsonArray("breakpoints")) lines.add(b.getAsJsonObject().get("line").getAsInt());
        } else if (args.has("lines")) {
            for (JsonElement l : args.getAsJsonArray("lines")) lines.add(l.getAsInt());
        }
        JsonArray result = new JsonArray();
        for (int line : debugger.setBreakpoints(path, lines)) {
            JsonObject b = new JsonObject();
            b.addProperty("verified", true);  // a cell's class exists only once it runs: taken on trust until then
            b.addProperty("line", line);
            JsonObject source = new JsonObject();
            source.addProperty("path", path);
            b.add("source", source);
            result.add(b);
        }
        return withArray("breakpoints", result);
    }

    private JsonObject capabilities() {
        JsonObject c = new JsonObject();
        c.addProperty("supportsConfigurationDoneRequest", true);
        c.addProperty("supportsSetVariable", false);
        c.addProperty("supportsConditionalBreakpoints", false);
        c.addProperty("supportsStepBack", false);
        c.add("exceptionBreakpointFilters", new JsonArray());
        return c;
    }

    private JsonObject debugInfo() {
        JsonObject b = new JsonObject();
        b.addProperty("isStarted", debugger.isAttached());
        b.addProperty("hashMethod", "Murmur2");
        b.addProperty("hashSeed", Murmur2.SEED);
        b.addProperty("tmpFilePrefix", sources.prefix());
        b.addProperty("tmpFileSuffix", CellSources.SUFFIX);
        b.add("breakpoints", debugger.breakpointList());
        JsonArray threads = new JsonArray();
        debugger.stoppedThreads().forEach(threads::add);
        b.add("stoppedThreads", threads);
        b.addProperty("richRendering", false);
        b.add("exceptionPaths", new JsonArray());
        return b;
    }

    private static long thread(JsonObject args) {
        if (!args.has("threadId")) throw new IllegalArgumentException("threadId is missing");
        return args.get("threadId").getAsLong();
    }

    private static String string(JsonObject o, String key) {
        if (o == null || !o.has(key) || !o.get(key).isJsonPrimitive()) throw new IllegalArgumentException(key + " is missing");
        return o.get(key).getAsString();
    }

    private static JsonObject withArray(String key, JsonArray items) {
        JsonObject o = new JsonObject();
        o.add(key, items);
        return o;
    }
}
