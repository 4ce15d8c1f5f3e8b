package dev.cnnlab.kernel;

import java.lang.reflect.Field;
import java.security.GeneralSecurityException;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.zeromq.ZMQ;

/**
 * jjava-jupyter's connection with the shell and control sockets replaced by {@link SecureShellChannel}s.
 * The fields are final in 1.0-a6 with no factory method, so they are swapped by reflection before binding.
 * All sockets bind to the connection file's transport and IP only.
 */
final class SecureConnection extends JupyterConnection {
    SecureConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        super(props);
        try {
            ZMQ.Context ctx = (ZMQ.Context) field("ctx").get(this);
            var hmac = props.createHMACGenerator();
            replace("shell", new SecureShellChannel(ctx, hmac, false, this));
            replace("control", new SecureShellChannel(ctx, hmac, true, this));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("jjava-jupyter changed: cannot install the hardened sockets", e);
        }
    }

    private void replace(String name, ShellChannel channel) throws ReflectiveOperationException {
        Field f = field(name);
        ((ShellChannel) f.get(this)).close();
        f.set(this, channel);
    }

    private static Field field(String name) throws NoSuchFieldException {
        Field f = JupyterConnection.class.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }
}
