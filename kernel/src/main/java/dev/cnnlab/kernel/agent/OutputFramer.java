package dev.cnnlab.kernel.agent;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Sends rich output from the agent JVM to the kernel in-band on the agent's stdout, so displays interleave
 * with printed text in the order they happened. A frame is {@link #MARKER}, the JSON length in decimal,
 * {@code ':'}, then the UTF-8 JSON. The kernel's {@code OutputDemux} takes frames out of the stream.
 */
public final class OutputFramer {
    /** Starts a frame; NUL and SOH/STX never occur in normal text output. */
    public static final byte[] MARKER = {0, 1, 'C', 'N', 'L', 2};

    private static volatile PrintStream out = System.out;

    private OutputFramer() {}

    /** Remembers the stream that reaches the kernel (called once at agent start). */
    static void bind(PrintStream stream) {
        out = stream;
    }

    /** The bytes of one frame whose payload is the JSON object {@code json}. */
    public static byte[] frame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] len = (body.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[MARKER.length + len.length + body.length];
        System.arraycopy(MARKER, 0, frame, 0, MARKER.length);
        System.arraycopy(len, 0, frame, MARKER.length, len.length);
        System.arraycopy(body, 0, frame, MARKER.length + len.length, body.length);
        return frame;
    }

    /** Writes one frame whose payload is the JSON object {@code json}. */
    public static void send(String json) {
        byte[] frame = frame(json);
        PrintStream s = out;
        synchronized (s) {  // one write call: a frame is never split by another thread's text
            s.flush();
            s.write(frame, 0, frame.length);
            s.flush();
        }
    }

    /** Sends a display ({@code kind} "display" or "update") or the cell's result ({@code kind} "result"). */
    static void send(String kind, String displayId, MimeBundle bundle) {
        StringBuilder sb = new StringBuilder("{\"type\":");
        Json.quote(kind, sb);
        if (displayId != null) {
            sb.append(",\"id\":");
            Json.quote(displayId, sb);
        }
        sb.append(",\"data\":").append(bundle.toJson()).append('}');
        send(sb.toString());
    }
}
