package dev.cnnlab.widgets;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.display.MimeRenderable;

/**
 * The connection between widgets and the front end, and the helpers that build widget UIs:
 * {@link #interact}, {@link #jslink}, {@link #link}. The kernel's agent calls {@link #install} once and passes
 * every widget comm message to {@link #receive}; without it, widgets work as plain objects and send nothing.
 */
public final class Widgets {
    private static volatile WidgetTransport transport;
    private static final Map<String, Widget> OPEN = new ConcurrentHashMap<>();
    private static volatile Function<Object, Map<String, String>> renderer = Widgets::plainBundle;

    private Widgets() {}

    /** Connects widgets to the front end (the kernel's agent calls this once at start-up). */
    public static void install(WidgetTransport t) {
        transport = Objects.requireNonNull(t, "transport");
    }

    /** Back to "no front end" and the default renderer: nothing is sent, widgets open again on a new transport (tests). */
    public static void reset() {
        transport = null;
        OPEN.clear();
        renderer = Widgets::plainBundle;
    }

    /** True when a front end is connected, so widgets open comms and send their changes. */
    public static boolean isConnected() {
        return transport != null;
    }

    /**
     * A {@code comm_msg} from the front end for widget {@code commId}: {@code update} (sets state, runs observers),
     * {@code request_state} (answers the full state) or {@code custom} (a button's click). The agent calls this on
     * one thread in arrival order. Never throws: a bad message or a failing callback is reported.
     */
    public static void receive(String commId, String dataJson, List<byte[]> buffers) {
        Widget w = OPEN.get(commId);
        if (w == null) {
            System.err.println("widget message for comm " + commId + ", which is not an open widget (closed?): ignored");
            return;
        }
        try {
            JsonObject data = JsonParser.parseString(dataJson).getAsJsonObject();
            String method = data.has("method") ? data.get("method").getAsString() : "";
            switch (method) {
                case "update" -> update(w, data, buffers);
                case "request_state" -> {
                    WidgetJson.Message m = w.stateMessage("update");
                    WidgetTransport t = transport;
                    if (t != null) t.send(commId, m.json(), m.buffers());
                }
                case "custom" -> {
                    Object content = WidgetJson.toJava(data.get("content"));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> c = content instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                    w.onCustom(c);
                }
                default -> throw new WidgetException(w.name() + ": unknown widget message method '" + method + "'");
            }
        } catch (Throwable e) {
            report(w, "message from the front end", e);
        }
    }

    /** The front end closed {@code commId}; the widget opens a new comm if it is shown again. */
    public static void closedByFrontend(String commId) {
        Widget w = OPEN.remove(commId);
        if (w != null) w.closedByFrontend();
    }

    /**
     * Installs how {@link Output#append} turns values into MIME bundles (the kernel installs its renderer). The
     * default shows {@link MimeRenderable} bundles as they are, {@link HtmlRenderable} as HTML, anything else as text.
     */
    public static void setRenderer(Function<Object, Map<String, String>> r) {
        renderer = Objects.requireNonNull(r, "renderer");
    }

    /**
     * Calls {@code f} now and after every change of a control's value, and shows what it returns in an
     * {@link Output} below the controls (replacing the previous result, as ipywidgets' {@code interact}).
     * <pre>{@code
     * var stride = new IntSlider("stride", 1, 1, 3);
     * var padding = new Dropdown<>("padding", List.of("valid", "same"));
     * Widgets.interact(() -> Conv2d.explain(x, k, stride.value(), padding.value()), stride, padding);
     * }</pre>
     * An exception from {@code f} or from an observer of a control is shown in the output, not thrown.
     *
     * @return the controls above the output, ready to display
     */
    public static Interact interact(Supplier<?> f, Widget... controls) {
        return new Interact(f, controls);
    }

    /**
     * Links {@code source.sourceKey} to {@code target.targetKey} in the browser (a {@code LinkModel}, as
     * ipywidgets' {@code jslink}): both stay equal without a round trip through the kernel. Display the returned
     * widgets, or keep the link; close it to unlink.
     */
    public static Link jslink(Widget source, String sourceKey, Widget target, String targetKey) {
        return new Link(source, sourceKey, target, targetKey);
    }

    /**
     * Links {@code a.aKey} and {@code b.bKey} in the kernel (traitlets' {@code link}): {@code b} takes {@code a}'s
     * value now, then a change of either is set on the other.
     */
    public static void link(Widget a, String aKey, Widget b, String bKey) {
        b.set(bKey, a.get(aKey));
        a.observe(aKey, c -> b.set(bKey, c.newValue()));
        b.observe(bKey, c -> a.set(aKey, c.newValue()));
    }

    // ---- for the widgets ----

    static WidgetTransport transport() {
        return transport;
    }

    static void register(Widget w) {
        OPEN.put(w.id(), w);
    }

    static void unregister(Widget w) {
        OPEN.remove(w.id());
    }

    /** The widget behind {@code "IPY_MODEL_<id>"} in an update of {@code owner.key}. */
    static Widget model(String ref, Widget owner, String key) {
        Widget w = ref.startsWith(WidgetJson.REF) ? OPEN.get(ref.substring(WidgetJson.REF.length())) : null;
        if (w == null) throw new WidgetException(owner.name() + ": " + key + " refers to " + ref + ", which is no open widget");
        return w;
    }

    /** The bundle {@link Output#append} shows for {@code value}. */
    static Map<String, String> render(Object value) {
        return renderer.apply(value);
    }

    /** Reports a failed callback of {@code source}: into its error output if it has one, else on System.err. */
    static void report(Widget source, String what, Throwable e) {
        Output out = source == null ? null : source.errorOutput();
        if (out != null) {
            try {
                out.appendError(e);
                return;
            } catch (Throwable ignored) {
                // fall through to System.err: the error must not be lost
            }
        }
        PrintStream err = System.err;
        err.println((source == null ? "widget" : source.name()) + ": " + what + " failed:");
        for (String line : Output.traceback(e)) err.println(line);
    }

    private static Map<String, String> plainBundle(Object value) {
        if (value instanceof MimeRenderable m) return m.toMimeBundle();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/plain", String.valueOf(value));
        if (value instanceof HtmlRenderable h) bundle.put("text/html", h.toHtml());
        return bundle;
    }

    /** Applies an {@code update}: binary values put back at their {@code buffer_paths}, then key by key. */
    private static void update(Widget w, JsonObject data, List<byte[]> buffers) {
        JsonObject state = data.has("state") ? data.getAsJsonObject("state") : new JsonObject();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : state.entrySet()) values.put(e.getKey(), WidgetJson.toJava(e.getValue()));
        JsonArray paths = data.has("buffer_paths") ? data.getAsJsonArray("buffer_paths") : new JsonArray();
        for (int i = 0; i < paths.size() && buffers != null && i < buffers.size(); i++) {
            JsonArray path = paths.get(i).getAsJsonArray();
            if (path.size() == 1) values.put(path.get(0).getAsString(), buffers.get(i)); // nested binary: no widget here has it
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            try {
                w.receive(e.getKey(), e.getValue());
            } catch (WidgetException ex) {
                report(w, "update of '" + e.getKey() + "' from the front end", ex);
                // the front end shows the refused value: put the kernel's back
                if (w.state().containsKey(e.getKey())) w.resend(e.getKey());
            }
        }
    }
}
