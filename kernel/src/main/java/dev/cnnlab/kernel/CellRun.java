package dev.cnnlab.kernel;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishClearOutput;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output of one running cell, published on IOPub as it arrives: stream text, display_data,
 * update_display_data; the last expression's value is kept and published as execute_result at the end.
 * The kernel keeps the last cell's CellRun as the listener until the next cell, so output printed between cells
 * (by threads a cell started) goes to that cell; before the first cell (no request) it goes to the kernel log.
 */
final class CellRun implements OutputDemux.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(CellRun.class);

    private final ShellReplyEnvironment env;
    private final int count;
    private final WidgetComms widgets;
    private volatile DisplayData result;

    CellRun(ShellReplyEnvironment env, int count, WidgetComms widgets) {
        this.env = env;
        this.count = count;
        this.widgets = widgets;
    }

    @Override
    public void text(String stream, String text) {
        if (env == null) {
            LOG.info("output outside a cell ({}): {}", stream, text.strip());
            return;
        }
        env.publish(new PublishStream("stderr".equals(stream) ? PublishStream.StreamType.ERR : PublishStream.StreamType.OUT, text));
    }

    @Override
    public void frame(String json) {
        JsonObject f;
        try {
            f = JsonParser.parseString(json).getAsJsonObject();
        } catch (RuntimeException e) {
            LOG.warn("unreadable display frame dropped: {}", e.toString());
            return;
        }
        String type = f.has("type") ? f.get("type").getAsString() : "";
        if (type.startsWith("comm_")) {
            if (env == null || widgets == null) LOG.info("widget message outside a cell dropped ({})", type);
            else widgets.publish(env, f);
            return;
        }
        DisplayData data = new DisplayData();
        if (f.has("data")) {
            for (var e : f.getAsJsonObject("data").entrySet()) {
                JsonElement v = e.getValue();
                data.putData(e.getKey(), v.isJsonPrimitive() ? v.getAsString() : v);  // JSON types stay objects
            }
        }
        if (f.has("id")) data.setDisplayId(f.get("id").getAsString());
        if (env == null) {
            LOG.info("display outside a cell dropped ({})", type);
            return;
        }
        switch (type) {
            case "display" -> env.publish(new PublishDisplayData(data));
            case "update" -> env.publish(new PublishUpdateDisplayData(data));
            case "result" -> result = data;
            case "clear" -> env.publish(f.has("wait") && f.get("wait").getAsBoolean()
                    ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
            default -> LOG.warn("unknown frame type {}", type);
        }
    }

    /** Publishes the cell's value, if the last snippet had one. */
    void publishResult() {
        DisplayData r = result;
        if (r != null && env != null) env.publish(new PublishExecuteResult(count, r));
    }
}
