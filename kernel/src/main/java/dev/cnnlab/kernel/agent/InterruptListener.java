package dev.cnnlab.kernel.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The cooperative half of an interrupt: the kernel writes a byte on a loopback socket and this daemon thread
 * interrupts the thread running cells, so {@code Thread.sleep}, blocking I/O and loops that check
 * {@code Thread.interrupted()} (the training loop) stop cleanly. The kernel escalates to {@code JShell.stop()}
 * when the cell ignores it.
 */
final class InterruptListener {
    private InterruptListener() {}

    static void start(int port, Thread cellThread) {
        Socket socket;
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
        } catch (IOException e) {
            System.err.println("cnnlab: cooperative interrupt unavailable (" + e + ")");
            return;
        }
        Thread t = new Thread(() -> {
            try (socket; InputStream in = socket.getInputStream()) {
                while (in.read() >= 0) cellThread.interrupt();
            } catch (IOException ignored) {
                // kernel went away: nothing left to interrupt for
            }
        }, "cnnlab-interrupt");
        t.setDaemon(true);
        t.start();
    }
}
