package dev.cnnlab.kernel.debug;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.ArrayReference;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.PrimitiveValue;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.StringReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;

/**
 * The numbers a DAP client uses for frames and expandable values while a thread is stopped, and what they show:
 * a frame's locals, the cells' own variables (JShell keeps a cell's {@code int total = 0;} as a static field of
 * its snippet class, not as a local), an object's fields, an array's first elements. Values are described from JDI mirrors only;
 * no method (not even {@code toString}) runs in the agent, so looking never changes the program. The numbers are
 * valid until the thread runs again ({@link #clear}).
 */
final class DebugValues {
    private static final int ARRAY_SHOWN = 100;

    private record FrameAt(ThreadReference thread, int index) { }

    /** The variables declared by cells, read from the snippet classes of the stopped thread's VM. */
    private record CellVariables(VirtualMachine vm) { }

    /** A snippet class's name: {@code REPL.$JShell$12}, or {@code REPL.$JShell$12B} once redefined; not nested. */
    private static final Pattern SNIPPET_CLASS = Pattern.compile("REPL\\.\\$JShell\\$(\\d+)[A-Z]*");

    private final Map<Integer, Object> handles = new HashMap<>();  // FrameAt (its locals) or an ObjectReference
    private int next = 1;

    void clear() {
        handles.clear();
        next = 1;
    }

    /** A number for frame {@code index} of a stopped thread. */
    int frame(ThreadReference thread, int index) {
        int id = next++;
        handles.put(id, new FrameAt(thread, index));
        return id;
    }

    JsonArray scopes(int frameId) {
        JsonArray scopes = new JsonArray();
        if (!(handles.get(frameId) instanceof FrameAt)) return scopes;
        JsonObject locals = new JsonObject();
        locals.addProperty("name", "Locals");
        locals.addProperty("variablesReference", frameId);  // a frame's number also names its locals
        locals.addProperty("expensive", false);
        scopes.add(locals);
        int cells = next++;
        handles.put(cells, new CellVariables(((FrameAt) handles.get(frameId)).thread().virtualMachine()));
        JsonObject cellScope = new JsonObject();
        cellScope.addProperty("name", "Cell variables");
        cellScope.addProperty("variablesReference", cells);
        cellScope.addProperty("expensive", false);
        scopes.add(cellScope);
        return scopes;
    }

    JsonArray variables(int reference) throws IncompatibleThreadStateException, AbsentInformationException {
        JsonArray out = new JsonArray();
        Object h = handles.get(reference);
        if (h instanceof FrameAt f) {
            StackFrame frame = f.thread().frame(f.index());
            List<LocalVariable> visible = frame.visibleVariables();
            Map<LocalVariable, Value> vals = frame.getValues(visible);
            for (LocalVariable v : visible) out.add(variable(v.name(), v.typeName(), vals.get(v)));
        } else if (h instanceof CellVariables c) {
            cellVariables(c.vm()).forEach((name, f) -> out.add(variable(name, f.typeName(), f.declaringType().getValue(f))));
        } else if (h instanceof ArrayReference a) {
            List<Value> items = a.getValues(0, Math.min(a.length(), ARRAY_SHOWN));
            String type = a.referenceType().name().replaceFirst("\\[]$", "");
            for (int i = 0; i < items.size(); i++) out.add(variable("[" + i + "]", type, items.get(i)));
        } else if (h instanceof ObjectReference o) {
            List<Field> fields = o.referenceType().allFields().stream().filter(fl -> !fl.isStatic()).toList();
            Map<Field, Value> vals = o.getValues(fields);
            for (Field fl : fields) out.add(variable(fl.name(), fl.typeName(), vals.get(fl)));
        }
        return out;
    }

    /**
     * Each cell variable by name, from the newest snippet class that declares it (a variable declared again gets a
     * new class; the old one stays loaded). The kernel's own variables ({@code $cnnlab...}) are left out.
     */
    private static Map<String, Field> cellVariables(VirtualMachine vm) {
        Map<String, Field> newest = new TreeMap<>();
        Map<String, Integer> from = new HashMap<>();
        for (ReferenceType t : vm.allClasses()) {
            Matcher m = SNIPPET_CLASS.matcher(t.name());
            if (!m.matches() || !t.isPrepared()) continue;
            int index = Integer.parseInt(m.group(1));
            for (Field f : t.fields()) {
                if (!f.isStatic() || f.name().startsWith("$cnnlab") || f.isSynthetic()) continue;
                if (from.getOrDefault(f.name(), -1) > index) continue;
                from.put(f.name(), index);
                newest.put(f.name(), f);
            }
        }
        return newest;
    }

    private JsonObject variable(String name, String type, Value v) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("value", describe(v));
        o.addProperty("type", v == null ? type : v.type().name());
        int ref = 0;
        if (v instanceof ObjectReference obj && !(v instanceof StringReference) && boxed(obj) == null) {
            ref = next++;
            handles.put(ref, obj);
        }
        o.addProperty("variablesReference", ref);
        return o;
    }

    private static String describe(Value v) {
        if (v == null) return "null";
        if (v instanceof PrimitiveValue) return v.toString();
        if (v instanceof StringReference s) return '"' + s.value() + '"';
        if (v instanceof ArrayReference a) {
            String t = a.referenceType().name();
            return t.substring(0, t.indexOf('[')) + "[" + a.length() + "]";
        }
        ObjectReference o = (ObjectReference) v;
        String boxed = boxed(o);
        if (boxed != null) return boxed;
        String t = o.referenceType().name();
        return t.substring(t.lastIndexOf('.') + 1) + " (id=" + o.uniqueID() + ")";
    }

    /** The value of a java.lang box (Integer 3 shows as 3), or null for other objects. */
    private static String boxed(ObjectReference o) {
        String t = o.referenceType().name();
        if (!t.startsWith("java.lang.")) return null;
        Field value = o.referenceType().fieldByName("value");
        if (value == null || !(o.getValue(value) instanceof PrimitiveValue p)) return null;
        return switch (t) {
            case "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Double",
                    "java.lang.Float", "java.lang.Boolean", "java.lang.Character" -> p.toString();
            default -> null;
        };
    }
}
