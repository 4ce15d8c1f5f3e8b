package dev.cnnlab.kernel;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * The shell and control sockets, hardened. jjava-jupyter 1.0-a6 throws out of its socket loop on a bad
 * signature or a malformed message, which ends the loop thread and leaves the kernel deaf, and it polls
 * with a 50 ms sleep. Here a whole multipart message is read first; a message with a missing or wrong HMAC
 * (compared in constant time), too few frames, bad JSON or an unknown type is dropped and logged; handlers
 * run as before; the loop wakes on arrival.
 *
 * <p>On the shell socket the loop thread only does socket I/O. Requests run in arrival order on one worker thread,
 * except comm messages (a widget's change or click), which are handled at once by the loop thread: a Stop button
 * must reach the agent while a cell is training, not after it. Sockets are not thread-safe, so a reply sent from
 * the worker is queued and the loop sends it (woken through a pipe).
 */
final class SecureShellChannel extends ShellChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SecureShellChannel.class);
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final java.lang.reflect.Type MAP = new TypeToken<Map<String, Object>>() {}.getType();
    private static final Gson GSON = jjavaGson();

    private final ZMQ.Context zmq;
    private final HMACGenerator hmac;
    private final boolean isControl;
    private final JupyterConnection connection;
    private volatile Thread loop;
    private volatile boolean stopping;
    private long dropped;
    private final Queue<Runnable> forLoop = new ConcurrentLinkedQueue<>();
    private Pipe wake;
    private ExecutorService worker;

    SecureShellChannel(ZMQ.Context ctx, HMACGenerator hmac, boolean isControl, JupyterConnection connection) {
        super(ctx, hmac, isControl, connection);
        this.zmq = ctx;
        this.hmac = hmac;
        this.isControl = isControl;
        this.connection = connection;
    }

    /** The Gson jjava-jupyter configured (type adapters for headers, message types...), reused as is. */
    private static Gson jjavaGson() {
        try {
            Field f = JupyterSocket.class.getDeclaredField("gson");
            f.setAccessible(true);
            return (Gson) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jjava-jupyter changed: JupyterSocket.gson not found", e);
        }
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        String address = props.getTransport() + "://" + props.getIp() + ":"
                + (isControl ? props.getControlPort() : props.getShellPort());
        LOG.debug("binding {} to {}", isControl ? "control" : "shell", address);
        if (!super.bind(address)) throw new IllegalStateException("cannot bind " + address);
        ZMQ.Poller poller = zmq.poller(2);
        poller.register(this, ZMQ.Poller.POLLIN);
        if (!isControl) {
            try {
                wake = Pipe.open();
                wake.source().configureBlocking(false);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot open the shell loop's wake-up pipe", e);
            }
            poller.register(wake.source(), ZMQ.Poller.POLLIN);
            worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "cnnlab-shell-worker"));
        }
        Thread t = new Thread(() -> {
            ByteBuffer drain = ByteBuffer.allocate(64);
            while (!stopping) {
                try {
                    int ready = poller.poll(100);
                    if (wake != null) {
                        while (wake.source().read(drain.clear()) > 0) { /* woken: run the queue below */ }
                        for (Runnable r; (r = forLoop.poll()) != null; ) r.run();
                    }
                    if (ready > 0 && poller.pollin(0)) {
                        Message<?> m = readMessage();
                        if (m == null) continue;
                        if (worker == null || isComm(m)) dispatch(m);
                        else worker.execute(() -> dispatch(m));
                    }
                } catch (Throwable e) {  // never let one message end the loop
                    if (stopping) break;
                    LOG.warn("error on the {} socket, message dropped: {}", isControl ? "control" : "shell", e.toString());
                }
            }
        }, isControl ? "cnnlab-control" : "cnnlab-shell");
        loop = t;
        t.start();
    }

    private static boolean isComm(Message<?> m) {
        String type = m.getHeader().getType().getName();
        return type.startsWith("comm_");  // comm_open, comm_msg, comm_close, comm_info_request
    }

    /** Runs {@code r} on the loop thread: now if this is it, else queued and the loop woken. */
    private void onLoop(Runnable r) {
        if (Thread.currentThread() == loop || wake == null) {
            r.run();
            return;
        }
        forLoop.add(r);
        try {
            wake.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (java.io.IOException e) {
            LOG.warn("cannot wake the shell loop: {}", e.toString());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void dispatch(Message<?> message) {
        ShellHandler handler = connection.getHandler(message.getHeader().getType());
        if (handler == null) {
            LOG.warn("no handler for {}", message.getHeader().getType().getName());
            return;
        }
        ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
        try {
            handler.handle(env, message);
        } catch (Exception e) {
            LOG.warn("error handling {}: {}", message.getHeader().getType().getName(), e.toString());
        } finally {
            env.resolveDeferrals();
        }
        if (env.isMarkedForShutdown()) onLoop(connection::close);
    }

    /** Reads one message, or returns null (and logs) when it must be dropped. */
    @Override
    public synchronized Message<?> readMessage() {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] f = recv(ZMQ.DONTWAIT);
            if (f == null) break;
            frames.add(f);
        } while (hasReceiveMore());
        int d = 0;
        while (d < frames.size() && !Arrays.equals(frames.get(d), DELIMITER)) d++;
        if (d >= frames.size() || frames.size() < d + 6) return drop("malformed (" + frames.size() + " frames, no complete message)");
        byte[] sig = frames.get(d + 1), header = frames.get(d + 2), parent = frames.get(d + 3),
                metadata = frames.get(d + 4), content = frames.get(d + 5);
        String expected = hmac.calculateSignature(header, parent, metadata, content);
        if (expected != null && !expected.isEmpty()
                && !MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sig)) {
            return drop(sig.length == 0 ? "missing signature" : "bad signature");
        }
        try {
            Header<?> h = GSON.fromJson(new String(header, StandardCharsets.UTF_8), Header.class);
            if (h == null || h.getType() == null) return drop("unknown message type");
            Header<?> ph = null;
            JsonElement pj = JsonParser.parseString(new String(parent, StandardCharsets.UTF_8));
            if (pj.isJsonObject() && !pj.getAsJsonObject().isEmpty()) ph = GSON.fromJson(pj, Header.class);
            Map<String, Object> meta = GSON.fromJson(new String(metadata, StandardCharsets.UTF_8), MAP);
            Object body = GSON.fromJson(new String(content, StandardCharsets.UTF_8), h.getType().getContentType());
            if (body == null) return drop("empty content");
            List<byte[]> ids = new ArrayList<>(frames.subList(0, d));
            List<byte[]> blobs = new ArrayList<>(frames.subList(d + 6, frames.size()));
            return new Message(ids, h, ph, meta, body, blobs);
        } catch (RuntimeException e) {
            return drop("unreadable (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private Message<?> drop(String why) {
        dropped++;
        LOG.warn("dropped a message on the {} socket: {} (dropped so far: {})", isControl ? "control" : "shell", why, dropped);
        return null;
    }

    @Override
    public void sendMessage(Message<?> message) {
        onLoop(() -> {
            IsoTimestamps.onThisThread();
            super.sendMessage(message);
        });
    }

    @Override
    public void close() {
        stopping = true;
        if (worker != null) worker.shutdownNow();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t == null) return;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
