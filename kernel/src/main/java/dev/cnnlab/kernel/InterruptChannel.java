package dev.cnnlab.kernel;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The kernel end of the cooperative interrupt: a loopback server the agent connects to at start-up; one byte
 * sent makes the agent interrupt the thread running the cell (see {@code agent.InterruptListener}).
 */
final class InterruptChannel implements AutoCloseable {
    private final ServerSocket server;
    private volatile Socket agent;

    InterruptChannel() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "cnnlab-interrupt-accept");
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
                Socket old = agent;
                agent = s;  // a restarted agent replaces the previous connection
                if (old != null) old.close();
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    /** Asks the agent to interrupt its cell thread; false when no agent is connected. */
    boolean send() {
        Socket s = agent;
        if (s == null) return false;
        try {
            OutputStream out = s.getOutputStream();
            out.write(1);
            out.flush();
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
