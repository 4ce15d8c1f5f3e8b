package dev.cnnlab.kernel.agent;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.cnnlab.widgets.WidgetTransport;
import dev.cnnlab.widgets.Widgets;

/**
 * The agent's widget transport: comm messages of the library's widgets go to the kernel as output frames
 * ({@link OutputFramer}), in order with the displays around them; the kernel publishes them on IOPub. What the
 * front end sends back arrives through {@link KernelChannel} and goes to {@link Widgets#receive}.
 */
final class WidgetFrames implements WidgetTransport {
    @Override
    public void open(String commId, String dataJson, List<byte[]> buffers) {
        frame("comm_open", commId, dataJson, buffers);
    }

    @Override
    public void send(String commId, String dataJson, List<byte[]> buffers) {
        frame("comm_msg", commId, dataJson, buffers);
    }

    @Override
    public void close(String commId) {
        frame("comm_close", commId, "{}", List.of());
    }

    private static void frame(String type, String commId, String dataJson, List<byte[]> buffers) {
        StringBuilder sb = new StringBuilder("{\"type\":");
        Json.quote(type, sb);
        sb.append(",\"comm_id\":");
        Json.quote(commId, sb);
        sb.append(",\"data\":").append(dataJson).append(",\"buffers\":[");
        if (buffers != null) {
            for (int i = 0; i < buffers.size(); i++) {
                if (i > 0) sb.append(',');
                Json.quote(Base64.getEncoder().encodeToString(buffers.get(i)), sb);
            }
        }
        OutputFramer.send(sb.append("]}").toString());
    }

    /** A message from the kernel's AgentChannel: {@code {"op":"msg"|"close","comm_id","data","buffers"}}. */
    static void receive(String json) {
        try {
            JsonObject m = JsonParser.parseString(json).getAsJsonObject();
            String id = m.get("comm_id").getAsString();
            if ("close".equals(m.get("op").getAsString())) {
                Widgets.closedByFrontend(id);
                return;
            }
            List<byte[]> buffers = new ArrayList<>();
            if (m.has("buffers")) {
                for (JsonElement b : m.getAsJsonArray("buffers")) buffers.add(Base64.getDecoder().decode(b.getAsString()));
            }
            Widgets.receive(id, m.get("data").toString(), buffers);
        } catch (RuntimeException e) {  // a widget thread that dies would ignore every later click
            System.err.println("cnnlab: widget message not handled: " + e);
        }
    }
}
