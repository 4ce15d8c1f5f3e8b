package dev.cnnlab.nn;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import ai.djl.MalformedModelException;
import ai.djl.nn.Parameter;

/**
 * The files {@link Net#save} and {@link Net#saveSparse} write: a short text header that names the architecture
 * and holds the SHA-256 of the weights, then the weights. {@link Net#load} and {@link Net#loadSparse} check both
 * before they touch a weight, so a file of another architecture or with damaged bytes is refused with a message,
 * never loaded into the wrong shapes; each refuses the other's kind of file by name.
 *
 * <pre>
 * CNNLAB-NET 1                       (dense: DJL's parameter file follows)
 * architecture: input 1x28x28 | conv2d Conv2D relu (32, 26, 26) 320 | ... | head SOFTMAX
 * sha256: 3f2a...
 * bytes: 901377
 *
 * (DJL parameters)
 * </pre>
 *
 * Version 2 ({@code CNNLAB-NET 2}, with a {@code storage: sparse} line) stores every parameter, in block order, as
 * its value count n (int32), its nonzero count z (int32), a bitmap of ceil(n/8) bytes (bit j%8 of byte j/8 set
 * when value j is nonzero) and the z nonzero values (float32, big-endian): 8 + ceil(n/8) + 4z bytes instead of
 * about 4n, so a pruned model's file shrinks with its sparsity (90 % zeros: about 0.13 of the dense size).
 */
final class NetFile {
    static final String MAGIC = "CNNLAB-NET 1";
    static final String SPARSE_MAGIC = "CNNLAB-NET 2";
    static final String SPARSE_STORAGE = "sparse (per parameter: count, nonzeros, bitmap, nonzero float32 values)";
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
        try {
            ModelFiles.save(net.model(), params, "model");
            writeWithHeader(MAGIC + "\n", net, Files.readAllBytes(params), file);
        } finally {
            Files.deleteIfExists(params);
        }
    }

    static void writeSparse(Net net, Path target) throws IOException {
        writeWithHeader(SPARSE_MAGIC + "\nstorage: " + SPARSE_STORAGE + "\n", net, sparseBody(net),
                target.toAbsolutePath());
    }

    private static void writeWithHeader(String first, Net net, byte[] weights, Path file) throws IOException {
        Path dir = Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(dir, ".cnnlab-save-", ".tmp");
        try {
            String header = first + "architecture: " + architecture(net) + "\nsha256: " + sha256(weights)
                    + "\nbytes: " + weights.length + "\n\n";
            try (var out = Files.newOutputStream(tmp)) {
                out.write(header.getBytes(StandardCharsets.UTF_8));
                out.write(weights);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Every parameter in block order: count, nonzero count, bitmap of nonzeros, nonzero values. */
    static byte[] sparseBody(Net net) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Parameter p : net.block().getParameters().values()) {
                float[] v = p.getArray().toFloatArray();
                byte[] bitmap = new byte[(v.length + 7) / 8];
                int nonzero = 0;
                for (int j = 0; j < v.length; j++) {
                    if (v[j] != 0f) { // -0.0f counts as zero: it is stored as +0
                        bitmap[j >> 3] |= (byte) (1 << (j & 7));
                        nonzero++;
                    }
                }
                out.writeInt(v.length);
                out.writeInt(nonzero);
                out.write(bitmap);
                for (float x : v) if (x != 0f) out.writeFloat(x);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static void read(Net net, Path file) throws IOException {
        String where = file.toAbsolutePath().toString();
        byte[] weights = checkedWeights(net, Files.readAllBytes(file), where, false);
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

    static void readSparse(Net net, Path file) throws IOException {
        String where = file.toAbsolutePath().toString();
        byte[] body = checkedWeights(net, Files.readAllBytes(file), where, true);
        List<Parameter> params = net.block().getParameters().values();
        List<float[]> values = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            for (Parameter p : params) {
                int n = in.readInt(), nonzero = in.readInt();
                if (n != p.getArray().size() || nonzero < 0 || nonzero > n) {
                    throw new ModelException(where + ": parameter " + p.getName() + " has " + n + " values ("
                            + nonzero + " nonzero) in the file, the model has " + p.getArray().size());
                }
                byte[] bitmap = in.readNBytes((n + 7) / 8);
                float[] v = new float[n];
                int read = 0;
                for (int j = 0; j < n; j++) {
                    if ((bitmap[j >> 3] >> (j & 7) & 1) != 0) {
                        v[j] = in.readFloat();
                        read++;
                    }
                }
                if (read != nonzero) {
                    throw new ModelException(where + ": parameter " + p.getName() + " marks " + read
                            + " nonzero values but says " + nonzero);
                }
                values.add(v);
            }
            if (in.read() != -1) throw new ModelException(where + ": bytes left over after the last parameter");
        } catch (java.io.EOFException e) {
            throw new ModelException(where + ": the sparse weights end early", e);
        }
        for (int i = 0; i < params.size(); i++) params.get(i).getArray().set(values.get(i)); // only once all are read
    }

    /** The weight bytes of a file of the expected kind, after its header, architecture and SHA-256 are checked. */
    private static byte[] checkedWeights(Net net, byte[] all, String where, boolean sparse) {
        if (startsWith(all, INT8_MAGIC)) {
            throw new ModelException(where + " is an int8 model: load it with QuantizedNet.load(file, net)");
        }
        int end = headerEnd(all);
        String head = new String(all, 0, Math.max(0, end), StandardCharsets.UTF_8);
        boolean dense = head.startsWith(MAGIC + "\n"), isSparse = head.startsWith(SPARSE_MAGIC + "\n");
        if (end < 0 || !(dense || isSparse)) {
            throw new ModelException(where + " is not a cnnlab model file (no '" + MAGIC + "' or '" + SPARSE_MAGIC
                    + "' header): save the model again with net.save(file)");
        }
        if (sparse && dense) {
            throw new ModelException(where + " is a dense model file (" + MAGIC + "), not a sparse pruned one: load it with "
                    + "net.load(file)");
        }
        if (!sparse && isSparse) {
            throw new ModelException(where + " is a pruned model stored sparse (" + SPARSE_MAGIC + "): load it with "
                    + "PrunedNet.load(file, net), or net.loadSparse(file)");
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
        return weights;
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
