package dev.cnnlab.widgets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.MimeRenderable;

/**
 * A Jupyter widget: a model whose state (a map of keys to values, the same keys as ipywidgets) lives here and in
 * the front end, kept in sync over a comm with the widget message protocol version 2. Setting a key sends an
 * {@code update}; an {@code update} from the front end sets the key and runs its observers.
 *
 * <p>Without a front end ({@link Widgets#isConnected()} false: plain Java, tests) a widget still works as an
 * object: values change, observers and callbacks run, nothing is sent. The comm opens when the widget is created
 * if a front end is connected, else the first time the widget is displayed.
 *
 * <p>Typed accessors ({@code slider.value(3)}) are the usual way in; {@link #get} and {@link #set} reach every key,
 * as in Python ({@code set("readout", false)}).
 */
public abstract class Widget implements MimeRenderable {
    private final String id = UUID.randomUUID().toString().replace("-", "");
    private final Map<String, Object> state = new LinkedHashMap<>();
    private final Map<String, Class<?>> types = new LinkedHashMap<>();
    private final Map<String, Object> defaults = new LinkedHashMap<>();
    private final Map<String, List<Consumer<Change>>> observers = new LinkedHashMap<>();
    private volatile WidgetTransport openedOn;
    private volatile Output errorsTo;

    /** A model of {@code modelName} from {@code module} (e.g. {@code @jupyter-widgets/controls} 2.0.0) shown by {@code viewName}. */
    protected Widget(String module, String version, String modelName, String viewModule, String viewVersion, String viewName) {
        define("_model_module", String.class, module);
        define("_model_module_version", String.class, version);
        define("_model_name", String.class, modelName);
        define("_view_module", String.class, viewModule);
        define("_view_module_version", String.class, viewVersion);
        define("_view_name", String.class, viewName);
        define("_view_count", Integer.class, null);
    }

    /** Declares state key {@code key} with its type and ipywidgets' default; a null default makes the key nullable. */
    protected final void define(String key, Class<?> type, Object defaultValue) {
        types.put(key, type);
        defaults.put(key, defaultValue);
        state.put(key, defaultValue);
    }

    /** Opens the comm now if a front end is connected, as ipywidgets does at the end of {@code __init__}. */
    protected final void created() {
        if (Widgets.isConnected()) ensureOpen();
    }

    /** The model id, which is also the comm id: 32 hex digits, like Python's {@code uuid4().hex}. */
    public final String id() {
        return id;
    }

    /** The value of state key {@code key}; widgets for references, {@code byte[]} for binary values. */
    public final synchronized Object get(String key) {
        typeOf(key);
        return state.get(key);
    }

    /** A snapshot of the whole state, in the order ipywidgets declares it. */
    public final synchronized Map<String, Object> state() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }

    /**
     * Sets state key {@code key} (checked, and clamped where ipywidgets clamps), sends the change to the front end
     * and runs the key's observers if the value changed.
     *
     * @throws WidgetException for an unknown key, a value of the wrong type, or one the widget refuses
     */
    public Widget set(String key, Object value) {
        apply(key, check(key, value), true);
        return this;
    }

    /** Runs {@code observer} after every change of state key {@code key} (ipywidgets' {@code observe(handler, names=key)}). */
    public final Widget observe(String key, Consumer<Change> observer) {
        if (!types.containsKey(key) && !derivedKeys().contains(key)) typeOf(key);
        synchronized (observers) {
            observers.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(Objects.requireNonNull(observer, "observer"));
        }
        return this;
    }

    /** Sends the errors of this widget's observers and callbacks to {@code out} instead of {@code System.err}. */
    public final Widget errorsTo(Output out) {
        this.errorsTo = out;
        return this;
    }

    /** Closes the comm; the front end forgets the model and its views show nothing. */
    public void close() {
        WidgetTransport t = openedOn;
        openedOn = null;
        Widgets.unregister(this);
        if (t != null) t.close(id);
    }

    /** The live widget, its plain-text repr and a static HTML rendering for exported notebooks and headless runs. */
    @Override
    public Map<String, String> toMimeBundle() {
        ensureOpen();
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("application/vnd.jupyter.widget-view+json",
                "{\"version_major\":2,\"version_minor\":0,\"model_id\":\"" + id + "\"}");
        bundle.put("text/plain", toString());
        bundle.put("text/html", toStaticHtml());
        return bundle;
    }

    /** A static HTML view of the current state (what an exported notebook shows in place of the live widget). */
    public String toStaticHtml() {
        Object d = state.get("description");
        Object v = state.get("value");
        String label = d instanceof String s && !s.isEmpty() ? s + ": " : "";
        return "<i>" + Html.escape(label + (v == null ? getClass().getSimpleName() : Repr.of(v))) + "</i>";
    }

    /** ipywidgets' repr: the class name and the keys that differ from their defaults, {@code value} first. */
    @Override
    public String toString() {
        Map<String, Object> s = state();
        List<String> parts = new ArrayList<>();
        List<String> keys = new ArrayList<>(s.keySet());
        Collections.sort(keys);
        if (keys.remove("value")) keys.add(0, "value");
        for (String k : keys) {
            Object v = s.get(k);
            if (k.startsWith("_") || v instanceof Widget || Objects.deepEquals(v, defaults.get(k))) continue;
            parts.add(k + "=" + Repr.of(v));
        }
        return getClass().getSimpleName() + "(" + String.join(", ", parts) + ")";
    }

    /** The widget's name in error messages: its class and description, e.g. {@code IntSlider 'stride'}. */
    public final String name() {
        Object d = state.get("description");
        return getClass().getSimpleName() + (d instanceof String s && !s.isEmpty() ? " '" + s + "'" : "");
    }

    // ---- hooks for the concrete widgets ----

    /** The accepted value for {@code key}: clamped, or a {@link WidgetException} naming the problem. */
    protected Object validate(String key, Object value) {
        return value;
    }

    /** Called after {@code key} changed, before its observers run: keeps dependent keys consistent. */
    protected void changed(String key, Object oldValue, Object newValue) {}

    /** A {@code custom} message from the front end (e.g. a button's click). */
    protected void onCustom(Map<String, Object> content) {}

    /** Keys that are not state but may be observed (a selection's {@code value} and {@code label}). */
    protected List<String> derivedKeys() {
        return List.of();
    }

    /** Runs the observers of {@code key}; an observer's exception is reported, never thrown. */
    protected final void fire(String key, Object oldValue, Object newValue) {
        List<Consumer<Change>> list;
        synchronized (observers) {
            list = observers.get(key);
        }
        if (list == null) return;
        Change c = new Change(this, key, oldValue, newValue);
        for (Consumer<Change> o : list) {
            try {
                o.accept(c);
            } catch (Throwable e) {
                Widgets.report(this, "observer of '" + key + "'", e);
            }
        }
    }

    /** Where this widget's callback errors go; null for System.err. */
    final Output errorOutput() {
        return errorsTo;
    }

    // ---- state changes and the protocol ----

    /** The type of {@code key}, or a {@link WidgetException} naming the known keys. */
    final Class<?> typeOf(String key) {
        Class<?> t = types.get(key);
        if (t == null) {
            throw new WidgetException(name() + " has no state key '" + key + "'; its keys are "
                    + types.keySet().stream().filter(k -> !k.startsWith("_")).sorted().toList());
        }
        return t;
    }

    /** {@code value} converted to the type of {@code key}, or a {@link WidgetException}. */
    final Object check(String key, Object value) {
        Class<?> type = typeOf(key);
        String where = name() + ": " + key;
        if (value == null) {
            if (defaults.get(key) == null) return null;
            throw new WidgetException(where + " may not be null");
        }
        if (type == Integer.class && value instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new WidgetException(where + " must be a whole number (an int), got " + value);
            }
            return (int) d;
        }
        if (type == Double.class && value instanceof Number n) return n.doubleValue();
        if (type == List.class && value instanceof List<?> l) return Collections.unmodifiableList(new ArrayList<>(l));
        if (type.isInstance(value)) return value;
        throw new WidgetException(where + " must be " + type.getSimpleName() + ", got "
                + value.getClass().getSimpleName() + " " + Repr.of(value));
    }

    /** Stores a checked value; {@code send}: tell the front end (false for its own updates, which need no echo). */
    final Object apply(String key, Object value, boolean send) {
        Object accepted = validate(key, value);
        Object old;
        synchronized (this) {
            old = state.get(key);
            if (Objects.deepEquals(old, accepted)) return accepted;
            state.put(key, accepted);
        }
        if (send) sendState(Map.of(key, accepted == null ? NULL : accepted));
        changed(key, old, accepted);
        fire(key, old, accepted);
        return accepted;
    }

    /**
     * A value from the front end's {@code update} for {@code key}, converted (numbers to the key's type, model
     * references to widgets), stored without echo; sent back if the widget corrected it (rounded, clamped).
     */
    final void receive(String key, Object raw) {
        Class<?> type = typeOf(key);
        Object v = raw;
        if (type == Integer.class && raw instanceof Number n) v = (int) Math.round(n.doubleValue());
        else if (type == Widget.class && raw instanceof String s) v = Widgets.model(s, this, key);
        else if (type == List.class && raw instanceof List<?> l) {
            List<Object> resolved = new ArrayList<>();
            for (Object o : l) resolved.add(o instanceof String s && s.startsWith(WidgetJson.REF) ? Widgets.model(s, this, key) : o);
            v = resolved;
        }
        Object accepted = apply(key, check(key, v), false);
        if (!sameAsSent(raw, accepted)) sendState(Map.of(key, accepted == null ? NULL : accepted));
    }

    /** Marks a null in a {@link Map#of} (which refuses nulls). */
    private static final Object NULL = new Object();

    /** An {@code update} with {@code part} of the state, if the comm is open (else the open will carry it). */
    final void sendState(Map<String, Object> part) {
        WidgetTransport t = openedOn;
        if (t == null || t != Widgets.transport()) return;
        Map<String, Object> clean = new LinkedHashMap<>();
        part.forEach((k, v) -> clean.put(k, v == NULL ? null : v));
        for (Widget w : references(clean.values())) w.ensureOpen();
        WidgetJson.Message m = WidgetJson.stateMessage("update", clean);
        t.send(id, m.json(), m.buffers());
    }

    /** Sends the kernel's value of {@code key} again (after refusing the front end's). */
    final void resend(String key) {
        Object v = get(key);
        sendState(Map.of(key, v == null ? NULL : v));
    }

    /** Sends a {@code custom} message with {@code content} to the front end (as ipywidgets' {@code send}). */
    final void sendCustom(String contentJson) {
        WidgetTransport t = openedOn;
        if (t != null && t == Widgets.transport()) t.send(id, "{\"method\":\"custom\",\"content\":" + contentJson + "}", List.of());
    }

    /** Opens the comm (referenced widgets first) if a front end is connected and it is not open there yet. */
    final void ensureOpen() {
        WidgetTransport t = Widgets.transport();
        if (t == null) return;
        synchronized (this) {
            if (openedOn == t) return;
            openedOn = t; // set first: a cycle of references must not recurse forever
        }
        Map<String, Object> s = state();
        for (Widget w : references(s.values())) w.ensureOpen();
        Widgets.register(this);
        WidgetJson.Message m = WidgetJson.stateMessage(null, s);
        t.open(id, m.json(), m.buffers());
    }

    /** The whole state as the {@code data} of a comm_open, {@code {"state":..., "buffer_paths":...}}. */
    final WidgetJson.Message stateMessage(String method) {
        return WidgetJson.stateMessage(method, state());
    }

    /** The front end closed the comm: it must be opened again to be shown. */
    final void closedByFrontend() {
        openedOn = null;
    }

    /** True if the front end's {@code raw} value already equals {@code accepted} (3.0 and 3 are the same to it). */
    private static boolean sameAsSent(Object raw, Object accepted) {
        if (raw instanceof Number a && accepted instanceof Number b) return a.doubleValue() == b.doubleValue();
        if (accepted instanceof Widget w) return (WidgetJson.REF + w.id()).equals(raw);
        if (raw instanceof List<?> a && accepted instanceof List<?> b) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!sameAsSent(a.get(i), b.get(i))) return false;
            return true;
        }
        return Objects.deepEquals(raw, accepted);
    }

    /** The widgets referenced from {@code values}, directly or inside lists and maps. */
    static List<Widget> references(Iterable<?> values) {
        List<Widget> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof Widget w) out.add(w);
            else if (v instanceof List<?> l) out.addAll(references(l));
            else if (v instanceof Map<?, ?> m) out.addAll(references(m.values()));
        }
        return out;
    }
}
