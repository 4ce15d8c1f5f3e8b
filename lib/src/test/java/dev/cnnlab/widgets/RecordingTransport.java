package dev.cnnlab.widgets;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A {@link WidgetTransport} that keeps every message, for the tests to read. */
final class RecordingTransport implements WidgetTransport {
    record Sent(String kind, String commId, JsonObject data, List<byte[]> buffers) {}

    final List<Sent> messages = new ArrayList<>();

    @Override
    public void open(String commId, String dataJson, List<byte[]> buffers) {
        messages.add(new Sent("open", commId, JsonParser.parseString(dataJson).getAsJsonObject(), buffers));
    }

    @Override
    public void send(String commId, String dataJson, List<byte[]> buffers) {
        messages.add(new Sent("send", commId, JsonParser.parseString(dataJson).getAsJsonObject(), buffers));
    }

    @Override
    public void close(String commId) {
        messages.add(new Sent("close", commId, new JsonObject(), List.of()));
    }

    /** The ids of the opened comms, in order. */
    List<String> opened() {
        return messages.stream().filter(m -> m.kind.equals("open")).map(Sent::commId).toList();
    }

    /** The messages sent to {@code commId} after it was opened. */
    List<JsonObject> sentTo(String commId) {
        return messages.stream().filter(m -> m.kind.equals("send") && m.commId.equals(commId)).map(Sent::data).toList();
    }

    Sent last() {
        return messages.get(messages.size() - 1);
    }
}
