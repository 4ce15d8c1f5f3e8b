package dev.cnnlab.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonParser;

import dev.cnnlab.display.Html;

/**
 * An area that shows outputs (ipywidgets' {@code Output}, {@code @jupyter-widgets/output} 1.0.0): its
 * {@code outputs} state is a list of nbformat output dicts (display data, stream text, errors) that the front end
 * renders like a cell's outputs. Rich values are rendered by the kernel's renderer ({@link Widgets#setRenderer}).
 * <pre>{@code
 * var out = new Output();
 * button.onClick(b -> { out.clear(); out.append(FeatureMaps.of(net, image)); });
 * }</pre>
 */
public final class Output extends DOMWidget {
    private static final int MAX_FRAMES = 8;

    /** An empty output area. */
    public Output() {
        super("@jupyter-widgets/output", "1.0.0", "OutputModel", "OutputView");
        define("msg_id", String.class, "");
        define("outputs", List.class, List.of());
        created();
    }

    /** The outputs shown, as nbformat output dicts ({@code output_type}, {@code data} / {@code text} / {@code traceback}). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> outputs() {
        return (List<Map<String, Object>>) get("outputs");
    }

    /** Removes every output. */
    public void clear() {
        set("outputs", List.of());
    }

    /** Shows {@code value} after the current outputs (a table, chart, widget, or text). */
    public void append(Object value) {
        add(displayData(value));
    }

    /** Replaces all outputs by {@code value} in one update, without flicker (nothing for null). */
    public void replace(Object value) {
        set("outputs", value == null ? List.of() : List.of(displayData(value)));
    }

    /** Shows {@code text} as standard output. */
    public void appendStdout(String text) {
        add(Map.of("output_type", "stream", "name", "stdout", "text", text));
    }

    /** Shows {@code e} as an error: its class, message and the stack frames of user code. */
    public void appendError(Throwable e) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("output_type", "error");
        o.put("ename", e.getClass().getName());
        o.put("evalue", String.valueOf(e.getMessage()));
        o.put("traceback", traceback(e));
        add(o);
    }

    /** The outputs as static HTML: each one's HTML, image or text, errors in red. */
    @Override
    public String toStaticHtml() {
        StringBuilder sb = new StringBuilder("<div>");
        for (Map<String, Object> o : outputs()) {
            Object type = o.get("output_type");
            if ("stream".equals(type)) {
                sb.append("<pre>").append(Html.escape(String.valueOf(o.get("text")))).append("</pre>");
            } else if ("error".equals(type)) {
                sb.append("<pre style='color:#b00'>").append(Html.escape(String.join("\n", strings(o.get("traceback")))))
                        .append("</pre>");
            } else if (o.get("data") instanceof Map<?, ?> data) {
                if (data.get("text/html") instanceof String h) sb.append(h);
                else if (data.get("image/png") instanceof String png) sb.append("<img src='data:image/png;base64,").append(png).append("'/>");
                else sb.append("<pre>").append(Html.escape(String.valueOf(data.get("text/plain")))).append("</pre>");
            }
        }
        return sb.append("</div>").toString();
    }

    /** {@code Exception: message} and the frames of user code (not the JDK's or the widgets'), then the causes. */
    static List<String> traceback(Throwable e) {
        List<String> lines = new ArrayList<>();
        for (Throwable t = e; t != null && lines.size() < 40; t = t.getCause() == t ? null : t.getCause()) {
            lines.add((t == e ? "" : "Caused by: ") + t);
            int shown = 0, hidden = 0;
            for (StackTraceElement f : t.getStackTrace()) {
                String c = f.getClassName();
                boolean library = c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")
                        || c.startsWith("org.junit.") || (c.startsWith("dev.cnnlab.widgets.") && !c.endsWith("Test"));
                if (library || shown >= MAX_FRAMES) hidden++;
                else {
                    lines.add("\tat " + f);
                    shown++;
                }
            }
            if (hidden > 0) lines.add("\t... " + hidden + " library frames");
        }
        return lines;
    }

    private void add(Map<String, Object> output) {
        synchronized (this) {
            List<Object> next = new ArrayList<>(outputs());
            next.add(output);
            set("outputs", next);
        }
    }

    /** A {@code display_data} output of {@code value}; JSON types embedded as objects, as nbformat stores them. */
    private static Map<String, Object> displayData(Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : Widgets.render(value).entrySet()) {
            data.put(e.getKey(), e.getKey().endsWith("json") ? WidgetJson.toJava(JsonParser.parseString(e.getValue())) : e.getValue());
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("output_type", "display_data");
        o.put("data", data);
        o.put("metadata", Map.of());
        return o;
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }
}
