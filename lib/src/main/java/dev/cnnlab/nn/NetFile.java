package dev.cnnlab.nn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import ai.djl.MalformedModelException;

/**
 * The file {@link Net#save} writes: a short text header that names the architecture and holds the SHA-256 of the
 * weights, then DJL's parameter file. {@link Net#load} checks both before it touches a weight, so a file of
 * another architecture or with damaged bytes is refused with a message, never loaded into the wrong shapes.
 *
 * <pre>
 * CNNLAB-NET 1
 * architecture: input 1x28x28 | conv2d Conv2D relu (32, 26, 26) 320 | ... | head SOFTMAX
 * sha256: 3f2a...
 * bytes: 901377
 *
 * (DJL parameters)
 * </pre>
 */
final class NetFile {
    static final String MAGIC = "CNNLAB-NET 1";
    private static final byte[] INT8_MAGIC = "CNNLQ8".getBytes(StandardCharsets.US_ASCII);

    private NetFile() {}

    /** One line that two nets share exactly when their layers, shapes, activations and head are the same. */
    static String architecture(Net net) {
        StringBuilder sb = new StringBuilder("input ");
        long[] in = net.inputShape().getShape();
        for (int i = 0; i < in.length; i++) sb.append(i == 0 ? "" : "x").append(in[i]);
        for (Layer l : net.layers()) sb.append(" | ").append(describe(l));
        return sb.append(" | head ").append(net.head()).toString();
    }

    /** A layer in the architecture line; a residual block lists its branch and shortcut in brackets. */
    private static String describe(Layer l) {
        StringBuilder sb = new StringBuilder(l.name()).append(' ').append(l.type())
                .append(l.activation().isEmpty() ? "" : " " + l.activation()).append(' ')
                .append(l.shapeText().replace("None, ", "")).append(' ').append(l.params());
        if (l.kind() == Layer.Kind.RESIDUAL) {
            sb.append(" F[").append(String.join(", ", l.branch().stream().map(NetFile::describe).toList()))
                    .append("] S[").append(l.shortcut().isEmpty() ? "identity"
                            : String.join(", ", l.shortcut().stream().map(NetFile::describe).toList())).append(']');
        }
        return sb.toString();
    }

    static void write(Net net, Path target) throws IOException {
        Path file = target.toAbsolutePath();
        Path dir = Files.createDirectories(file.getParent());
        Path params = Files.createTempFile(dir, ".cnnlab-params-", ".tmp");
        Path tmp = Files.createTempFile(dir, ".cnnlab-save-", ".tmp");
        try {
            ModelFiles.save(net.model(), params, "model");
            byte[] weights = Files.readAllBytes(params);
            String header = MAGIC + "\narchitecture: " + architecture(net) + "\nsha256: " + sha256(weights)
                    + "\nbytes: " + weights.length + "\n\n";
            try (var out = Files.newOutputStream(tmp)) {
                out.write(header.getBytes(StandardCharsets.UTF_8));
                out.write(weights);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(params);
            Files.deleteIfExists(tmp);
        }
    }

    static void read(Net net, Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String where = file.toAbsolutePath().toString();
        if (startsWith(all, INT8_MAGIC)) {
            throw new ModelException(where + " is an int8 model: load it with QuantizedNet.load(file, net)");
        }
        int end = headerEnd(all);
        String head = new String(all, 0, Math.max(0, end), StandardCharsets.UTF_8);
        if (end < 0 || !head.startsWith(MAGIC + "\n")) {
            throw new ModelException(where + " is not a cnnlab model file (no '" + MAGIC + "' header): save the model "
                    + "again with net.save(file)");
        }
        List<String> lines = head.lines().toList();
        String arch = field(lines, "architecture", where), sha = field(lines, "sha256", where);
        long bytes = Long.parseLong(field(lines, "bytes", where));
        String mine = architecture(net);
        if (!arch.equals(mine)) {
            throw new ModelException(where + " holds another architecture: " + firstDifference(arch, mine));
        }
        byte[] weights = java.util.Arrays.copyOfRange(all, end + 2, all.length);
        if (weights.length != bytes || !sha256(weights).equals(sha)) {
            throw new ModelException(where + " is damaged: its weights (" + weights.length + " bytes, SHA-256 "
                    + sha256(weights).substring(0, 16) + "...) are not the ones saved (" + bytes + " bytes, "
                    + sha.substring(0, Math.min(16, sha.length())) + "...)");
        }
        Path tmp = Files.createTempFile(".cnnlab-load-", ".params");
        try {
            Files.write(tmp, weights);
            ModelFiles.load(net.model(), tmp, "model");
        } catch (MalformedModelException e) {
            throw new ModelException(where + ": DJL cannot read its weights: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String firstDifference(String saved, String mine) {
        String[] a = saved.split(" \\| "), b = mine.split(" \\| ");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "(nothing)", y = i < b.length ? b[i] : "(nothing)";
            if (!x.equals(y)) return "the file has " + x + " where this model has " + y;
        }
        return saved + " vs " + mine;
    }

    private static String field(List<String> lines, String name, String where) {
        for (String l : lines) if (l.startsWith(name + ": ")) return l.substring(name.length() + 2);
        throw new ModelException(where + ": its header has no '" + name + "' line");
    }

    /** Index of the blank line ending the header, or -1 (a header is at most 64 KB). */
    private static int headerEnd(byte[] b) {
        for (int i = 0; i + 1 < Math.min(b.length, 1 << 16); i++) if (b[i] == '\n' && b[i + 1] == '\n') return i;
        return -1;
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }
}
