package dev.cnnlab.widgets;

import java.util.List;

/**
 * Where widget comm messages go. The kernel's agent installs one with {@link Widgets#install}; the library
 * never imports the kernel. Every message follows the Jupyter widget message protocol version 2.
 */
public interface WidgetTransport {
    /**
     * Sends {@code comm_open} with target {@code jupyter.widget} and metadata {@code {"version":"2.1.0"}};
     * {@code dataJson} is {@code {"state":{...},"buffer_paths":[[...],...]}} and {@code buffers} holds the binary
     * values in the order of {@code buffer_paths}.
     */
    void open(String commId, String dataJson, List<byte[]> buffers);

    /** Sends {@code comm_msg} with data {@code dataJson}, e.g. {@code {"method":"update","state":{...},"buffer_paths":[]}}. */
    void send(String commId, String dataJson, List<byte[]> buffers);

    /** Sends {@code comm_close}. */
    void close(String commId);
}
