package dev.cnnlab.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.cnnlab.kernel.agent.OutputFramer;

/**
 * The kernel end of the agent's stdout (or stderr): passes text on as it arrives and takes out the frames
 * written by {@link OutputFramer} (displays, updates, the cell's result), keeping their order relative to the
 * text. Text is buffered briefly and released by {@link #flushText()} (called by a timer, before each frame and
 * at the end of a cell); an incomplete UTF-8 sequence waits for its remaining bytes. Text beyond the cell's
 * {@link OutputBudget} is dropped here, as it arrives, and never buffered.
 */
final class OutputDemux extends OutputStream {
    /** Receives what comes out of the stream. */
    interface Listener {
        void text(String stream, String text);

        void frame(String json);
    }

    private static final byte[] MARKER = OutputFramer.MARKER;
    private static final int MAX_FRAME = 256 << 20;

    private enum State { TEXT, MARKER, LENGTH, BODY }

    private final String stream;
    private final OutputBudget budget;
    private volatile Listener listener;
    private final ByteArrayOutputStream text = new ByteArrayOutputStream();
    private State state = State.TEXT;
    private int matched;
    private final StringBuilder lengthDigits = new StringBuilder();
    private byte[] body;
    private int bodyFill;

    OutputDemux(String stream, Listener listener, OutputBudget budget) {
        this.stream = stream;
        this.listener = listener;
        this.budget = budget;
    }

    void setListener(Listener l) {
        this.listener = l;
    }

    @Override
    public synchronized void write(int b) {
        byte v = (byte) b;
        switch (state) {
            case TEXT -> {
                if (v == MARKER[0]) { state = State.MARKER; matched = 1; }
                else if (budget.allow(1) == 1) text.write(v);
            }
            case MARKER -> {
                if (v == MARKER[matched]) {
                    if (++matched == MARKER.length) { state = State.LENGTH; lengthDigits.setLength(0); }
                } else {
                    appendText(MARKER, 0, matched);  // not a frame after all: it was text
                    state = State.TEXT;
                    write(b);
                }
            }
            case LENGTH -> {
                if (v >= '0' && v <= '9' && lengthDigits.length() < 10) {
                    lengthDigits.append((char) v);
                } else if (v == ':' && lengthDigits.length() > 0 && Long.parseLong(lengthDigits.toString()) <= MAX_FRAME) {
                    body = new byte[Integer.parseInt(lengthDigits.toString())];
                    bodyFill = 0;
                    state = State.BODY;
                    if (body.length == 0) finishFrame();
                } else {
                    appendText(MARKER, 0, MARKER.length);
                    byte[] digits = lengthDigits.toString().getBytes(StandardCharsets.US_ASCII);
                    appendText(digits, 0, digits.length);
                    state = State.TEXT;
                    write(b);
                }
            }
            case BODY -> {
                body[bodyFill++] = v;
                if (bodyFill == body.length) finishFrame();
            }
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (state == State.TEXT) {  // bulk-copy text up to the next possible frame marker
                int end = i;
                while (end < off + len && b[end] != MARKER[0]) end++;
                appendText(b, i, end - i);
                if (end == off + len) break;
                i = end;
                write(b[i]);
            } else if (state == State.BODY) {  // bulk-copy frame bodies (images can be megabytes)
                int n = Math.min(body.length - bodyFill, off + len - i);
                System.arraycopy(b, i, body, bodyFill, n);
                bodyFill += n;
                i += n - 1;
                if (bodyFill == body.length) finishFrame();
            } else {
                write(b[i]);
            }
        }
    }

    /** Keeps the text that the budget allows, cut before a character's first byte; the rest is dropped. */
    private void appendText(byte[] b, int off, int len) {
        if (len == 0) return;
        int pass = budget.allow(len);
        if (pass < len && pass > 0) {
            int cut = pass;
            while (cut > 0 && (b[off + cut] & 0xC0) == 0x80) cut--;
            budget.unpass(pass - cut);
            pass = cut;
        }
        text.write(b, off, pass);
    }

    private void finishFrame() {
        state = State.TEXT;
        String json = new String(body, StandardCharsets.UTF_8);
        body = null;
        flushText();
        listener.frame(json);
    }

    /** Hands buffered text to the listener, holding back a trailing incomplete UTF-8 sequence. */
    synchronized void flushText() {
        if (text.size() == 0) return;
        byte[] bytes = text.toByteArray();
        int cut = completeUtf8Prefix(bytes);
        text.reset();
        text.write(bytes, cut, bytes.length - cut);
        if (cut > 0) listener.text(stream, new String(bytes, 0, cut, StandardCharsets.UTF_8));
    }

    /** At the end of a cell: everything buffered is text, even a half-received frame marker. */
    synchronized void drain() {
        if (state == State.MARKER) appendText(MARKER, 0, matched);
        if (state != State.BODY) state = State.TEXT;
        flushText();
        if (text.size() > 0) {
            listener.text(stream, text.toString(StandardCharsets.UTF_8));
            text.reset();
        }
    }

    static int completeUtf8Prefix(byte[] b) {
        int n = b.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xff;
            if ((c & 0xC0) == 0x80) continue;        // continuation byte: look further back
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
