package dev.cnnlab.kernel;

import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's line to the agent JVM, beside JShell's own: a loopback server the agent connects to at start-up
 * (see {@code agent.KernelChannel}). It carries what must reach the agent while a cell runs: the cooperative
 * interrupt (one byte) and widget comm messages from the front end (a byte, a length, UTF-8 JSON).
 */
final class AgentChannel implements AutoCloseable {
    /** Message kinds; the agent's KernelChannel reads the same bytes. */
    static final int INTERRUPT = 1, COMM = 2;

    private final ServerSocket server;
    private volatile Socket agent;
    private volatile DataOutputStream out;

    AgentChannel() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "cnnlab-agent-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Socket old = agent;
                synchronized (this) {
                    agent = s;  // a restarted agent replaces the previous connection
                    out = new DataOutputStream(s.getOutputStream());
                }
                if (old != null) old.close();
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    /** Asks the agent to interrupt its cell thread; false when no agent is connected. */
    boolean interrupt() {
        return write(INTERRUPT, null);
    }

    /** Hands a comm message (JSON) to the agent's widgets; false when no agent is connected. */
    boolean comm(String json) {
        return write(COMM, json.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized boolean write(int kind, byte[] body) {
        DataOutputStream o = out;
        if (o == null) return false;
        try {
            o.write(kind);
            if (body != null) {
                o.writeInt(body.length);
                o.write(body);
            }
            o.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = agent;
        if (s != null) s.close();
    }
}
