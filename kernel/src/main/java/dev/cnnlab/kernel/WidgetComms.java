package dev.cnnlab.kernel;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;
import org.dflib.jjava.jupyter.messages.comm.CommOpenCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's half of Jupyter widgets (protocol version 2, ipywidgets 8). Widgets live in the agent JVM; their
 * comm messages arrive here as frames in the agent's output (so they keep their order with displays) and are
 * published on IOPub with the widget protocol's metadata and binary buffers. Each opened comm is registered with
 * jjava's {@link CommManager}, so {@code comm_info_request} lists it, and what the front end sends to it
 * ({@code comm_msg}, {@code comm_close}) is passed to the agent over the {@link AgentChannel}.
 */
final class WidgetComms {
    private static final Logger LOG = LoggerFactory.getLogger(WidgetComms.class);
    static final String TARGET = "jupyter.widget";
    private static final Map<String, Object> VERSION = Map.of("version", "2.1.0");

    private final CommManager manager;
    private final AgentChannel agent;

    WidgetComms(CommManager manager, AgentChannel agent) {
        this.manager = manager;
        this.agent = agent;
    }

    /** A CommManager whose tables may be used from the shell loop and the agent's output thread at once. */
    static CommManager concurrentManager() {
        return new CommManager() {
            {
                targets = new ConcurrentHashMap<>();
                comms = new ConcurrentHashMap<>();
            }
        };
    }

    /**
     * Publishes an agent frame of type {@code comm_open}, {@code comm_msg} or {@code comm_close}: {@code comm_id},
     * {@code data} (a JSON object) and {@code buffers} (base64), with {@code env}'s request as the parent.
     */
    void publish(ShellReplyEnvironment env, JsonObject frame) {
        String type = frame.get("type").getAsString();
        String id = frame.get("comm_id").getAsString();
        JsonObject data = frame.has("data") ? frame.getAsJsonObject("data") : new JsonObject();
        List<byte[]> buffers = new ArrayList<>();
        if (frame.has("buffers")) {
            for (var b : frame.getAsJsonArray("buffers")) buffers.add(Base64.getDecoder().decode(b.getAsString()));
        }
        if (buffers.isEmpty()) buffers = null;  // jjava sends an empty list as an unterminated message
        switch (type) {
            case "comm_open" -> {
                manager.registerComm(new AgentComm(id));
                env.publish(new Message<>(env.getContext(), CommOpenCommand.MESSAGE_TYPE,
                        new CommOpenCommand(id, TARGET, data), buffers, VERSION));
            }
            case "comm_msg" -> env.publish(new Message<>(env.getContext(), CommMsgCommand.MESSAGE_TYPE,
                    new CommMsgCommand(id, data), buffers, VERSION));
            case "comm_close" -> {
                manager.unregisterComm(id);
                env.publish(new Message<>(env.getContext(), CommCloseCommand.MESSAGE_TYPE,
                        new CommCloseCommand(id, data), null, null));
            }
            default -> LOG.warn("unknown comm frame {}", type);
        }
    }

    /** Forwards {@code data} (and buffers) for comm {@code id} to the agent; {@code op} is "msg" or "close". */
    private void toAgent(String op, String id, JsonObject data, List<byte[]> blobs) {
        JsonObject m = new JsonObject();
        m.addProperty("op", op);
        m.addProperty("comm_id", id);
        m.add("data", data == null ? new JsonObject() : data);
        JsonArray buffers = new JsonArray();
        if (blobs != null) for (byte[] b : blobs) buffers.add(Base64.getEncoder().encodeToString(b));
        m.add("buffers", buffers);
        if (!agent.comm(m.toString())) LOG.warn("widget message for {} dropped: no agent connected", id);
    }

    /** The kernel's stand-in for a widget that lives in the agent. */
    private final class AgentComm extends Comm {
        AgentComm(String id) {
            super(manager, id, TARGET);
        }

        @Override
        protected void onMessage(Message<CommMsgCommand> message) {
            toAgent("msg", getID(), message.getContent().getData(), message.getBlobs());
        }

        @Override
        protected void onClose(Message<CommCloseCommand> message, boolean sending) {
            if (!sending) toAgent("close", getID(), message.getContent().getData(), null);
        }
    }
}
