package dev.cnnlab.kernel;

import java.lang.reflect.Field;
import java.security.GeneralSecurityException;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * jjava-jupyter's connection with the shell and control sockets replaced by {@link SecureShellChannel}s.
 * The fields are final in 1.0-a6 with no factory method, so they are swapped by reflection before binding.
 * IOPub is replaced too, for ISO message dates ({@link IsoTimestamps}). All sockets bind to the connection
 * file's transport and IP only.
 */
final class SecureConnection extends JupyterConnection {
    SecureConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        super(props);
        try {
            ZMQ.Context ctx = (ZMQ.Context) field("ctx").get(this);
            var hmac = props.createHMACGenerator();
            replace("shell", new SecureShellChannel(ctx, hmac, false, this));
            replace("control", new SecureShellChannel(ctx, hmac, true, this));
            replace("iopub", new IOPubChannel(ctx, hmac) {
                @Override
                public synchronized void sendMessage(Message<?> message) {
                    IsoTimestamps.onThisThread();
                    super.sendMessage(message);
                }
            });
            replace("stdin", new StdinChannel(ctx, hmac) {
                @Override
                public synchronized void sendMessage(Message<?> message) {
                    IsoTimestamps.onThisThread();
                    super.sendMessage(message);
                }
            });
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jjava-jupyter changed: cannot install the hardened sockets", e);
        }
    }

    private void replace(String name, JupyterSocket channel) throws ReflectiveOperationException {
        Field f = field(name);
        ((JupyterSocket) f.get(this)).close();
        f.set(this, channel);
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field f = JupyterConnection.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
