package dev.cnnlab.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Widget state to and from the JSON of the widget protocol: widgets become {@code "IPY_MODEL_<id>"}, byte arrays
 * leave the JSON for comm buffers (their place in {@code buffer_paths}), as ipywidgets' {@code _remove_buffers}.
 */
final class WidgetJson {
    /** Nulls kept: ipywidgets sends {@code "tooltip": null} and the front end expects the key. */
    static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();
    static final String REF = "IPY_MODEL_";

    private WidgetJson() {}

    /** A message's JSON text with its binary buffers. */
    record Message(String json, List<byte[]> buffers) {}

    /** {@code {<extra>, "state":{...}, "buffer_paths":[...]}} for the given state. */
    static Message stateMessage(String method, Map<String, Object> state) {
        JsonObject data = new JsonObject();
        if (method != null) data.addProperty("method", method);
        List<byte[]> buffers = new ArrayList<>();
        JsonArray paths = new JsonArray();
        JsonObject json = new JsonObject();
        for (Map.Entry<String, Object> e : state.entrySet()) {
            List<Object> path = new ArrayList<>(List.of(e.getKey()));
            JsonElement v = toJson(e.getValue(), path, paths, buffers);
            if (v != null) json.add(e.getKey(), v);
        }
        data.add("state", json);
        data.add("buffer_paths", paths);
        return new Message(GSON.toJson(data), buffers);
    }

    /** {@code value} as JSON; null (and the path recorded) where it is binary. */
    static JsonElement toJson(Object value, List<Object> path, JsonArray paths, List<byte[]> buffers) {
        if (value == null) return JsonNull.INSTANCE;
        if (value instanceof byte[] b) {
            JsonArray p = new JsonArray();
            for (Object o : path) {
                if (o instanceof Integer i) p.add(i);
                else p.add(o.toString());
            }
            paths.add(p);
            buffers.add(b);
            return null;
        }
        if (value instanceof Widget w) return new JsonPrimitive(REF + w.id());
        if (value instanceof String s) return new JsonPrimitive(s);
        if (value instanceof Number n) return new JsonPrimitive(n);
        if (value instanceof Boolean b) return new JsonPrimitive(b);
        if (value instanceof JsonElement j) return j;
        if (value instanceof List<?> list) {
            JsonArray a = new JsonArray();
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                JsonElement v = toJson(list.get(i), path, paths, buffers);
                path.remove(path.size() - 1);
                a.add(v == null ? JsonNull.INSTANCE : v);
            }
            return a;
        }
        if (value instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                path.add(e.getKey().toString());
                JsonElement v = toJson(e.getValue(), path, paths, buffers);
                path.remove(path.size() - 1);
                if (v != null) o.add(e.getKey().toString(), v);
            }
            return o;
        }
        return new JsonPrimitive(value.toString());
    }

    /** Plain Java values (String, Integer/Long/Double, Boolean, List, Map, null) from JSON. */
    static Object toJava(JsonElement e) {
        if (e == null || e.isJsonNull()) return null;
        if (e.isJsonArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) list.add(toJava(x));
            return list;
        }
        if (e.isJsonObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) map.put(x.getKey(), toJava(x.getValue()));
            return map;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) return p.getAsBoolean();
        if (p.isString()) return p.getAsString();
        double d = p.getAsDouble();
        String text = p.getAsString();
        boolean integral = !text.contains(".") && !text.contains("e") && !text.contains("E");
        if (integral && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE) return (int) d;
        if (integral) return p.getAsLong();
        return d;
    }
}
