package dev.cnnlab.kernel.agent;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The agent's end of the kernel's side line (the kernel's {@code AgentChannel}), read by a daemon thread:
 * <ul>
 * <li>an interrupt (byte 1) interrupts the thread running cells, so {@code Thread.sleep}, blocking I/O and loops
 * that check {@code Thread.interrupted()} (the training loop) stop cleanly; the kernel escalates to
 * {@code JShell.stop()} when the cell ignores it;</li>
 * <li>a comm message (byte 2, a 4-byte length, UTF-8 JSON) goes to the widgets, on one thread of its own in
 * arrival order, so a Stop button's click runs while a cell is still training.</li>
 * </ul>
 */
final class KernelChannel {
    private static final int INTERRUPT = 1, COMM = 2;

    private KernelChannel() {}

    static void start(int port, Thread cellThread, Consumer<String> comms) {
        Socket socket;
        try {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
        } catch (IOException e) {
            System.err.println("cnnlab: cooperative interrupt and widgets unavailable (" + e + ")");
            return;
        }
        ExecutorService widgets = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cnnlab-widgets");
            t.setDaemon(true);
            return t;
        });
        Thread t = new Thread(() -> {
            try (socket; DataInputStream in = new DataInputStream(socket.getInputStream())) {
                for (int kind; (kind = in.read()) >= 0; ) {
                    if (kind == INTERRUPT) {
                        cellThread.interrupt();
                    } else if (kind == COMM) {
                        byte[] body = new byte[in.readInt()];
                        in.readFully(body);
                        String json = new String(body, StandardCharsets.UTF_8);
                        widgets.execute(() -> comms.accept(json));
                    } else {
                        System.err.println("cnnlab: unknown message " + kind + " from the kernel; side line closed");
                        return;
                    }
                }
            } catch (IOException ignored) {
                // kernel went away: nothing left to interrupt or to update
            }
        }, "cnnlab-kernel-channel");
        t.setDaemon(true);
        t.start();
    }
}
