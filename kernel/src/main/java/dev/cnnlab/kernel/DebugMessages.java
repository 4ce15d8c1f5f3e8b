package dev.cnnlab.kernel;

import java.lang.reflect.Constructor;

import com.google.gson.JsonObject;
import dev.cnnlab.kernel.debug.DebugAdapter;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jupyter's debugger messages, which jjava-jupyter 1.0-a6 does not know: {@code debug_request} and
 * {@code debug_reply} on the control channel, {@code debug_event} on IOPub, each carrying one Debug Adapter
 * Protocol message as its content. The types are registered with jjava's message-type table (its constructor is
 * private, so by reflection) so that {@link SecureShellChannel} reads them and dispatches them like any other.
 */
final class DebugMessages {
    private static final Logger LOG = LoggerFactory.getLogger(DebugMessages.class);

    static final MessageType<JsonObject> REQUEST = type("debug_request");
    static final MessageType<JsonObject> REPLY = type("debug_reply");
    static final MessageType<JsonObject> EVENT = type("debug_event");

    private DebugMessages() {}

    @SuppressWarnings("unchecked")
    private static MessageType<JsonObject> type(String name) {
        try {
            Constructor<MessageType> c = MessageType.class.getDeclaredConstructor(String.class, Class.class);
            c.setAccessible(true);
            return c.newInstance(name, JsonObject.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("jjava-jupyter changed: cannot register the message type " + name, e);
        }
    }

    /** Answers debug requests with {@code adapter} and publishes its events on IOPub. */
    static void install(JupyterConnection connection, DebugAdapter adapter) {
        adapter.onEvent(event -> connection.getIOPub().sendMessage(new Message<>(new Header<>(EVENT), event)));
        connection.setHandler(REQUEST, (env, message) -> {
            env.setStatusBusy();
            JsonObject reply;
            try {
                reply = adapter.handle(message.getContent());
            } catch (RuntimeException e) {  // an answer even then: JupyterLab holds its requests until it has one
                LOG.warn("debug request failed", e);
                reply = new JsonObject();
                reply.addProperty("type", "response");
                reply.addProperty("success", false);
                reply.addProperty("message", String.valueOf(e));
            }
            env.reply(new Message<>(env.getContext(), REPLY, reply));
            env.setStatusIdle();
        });
    }
}
