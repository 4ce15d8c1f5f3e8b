package dev.cnnlab.compress;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.display.Html;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;
import dev.cnnlab.display.Display;
import dev.cnnlab.display.HtmlRenderable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * A model with int8 weights (per-channel scales) and calibrated int8 activations, made by
 * {@link Int8Quantization}. Predictions use simulated int8 arithmetic: every conv/dense input is rounded to its
 * int8 grid and every weight is the int8 value times its scale, so the results are those of integer kernels
 * (up to float rounding of the sums), while the work runs on the float engine.
 *
 * <p>The file format ({@link #save}) holds, per parameter in block order, either float32 values (biases) or int8
 * values with one float scale per output channel, and the activation scales: about one byte per weight. Weights
 * with many zeros (a pruned model, quantized) are stored sparse when that is smaller: a bitmap of the nonzero
 * int8 values (ceil(n/8) bytes) and those values, so pruning shows in the int8 file too.
 */
public final class QuantizedNet implements CompressedClassifier, HtmlRenderable, AutoCloseable {
    private static final byte[] MAGIC = "CNNLQ8".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 2; // 2 adds sparse int8 weights (kind 2); version 1 files still load

    private final Net net;               // holds the dequantized weights
    private final List<Layer> layers;
    private final List<byte[]> q = new ArrayList<>();
    private final List<float[]> scales = new ArrayList<>();
    private final float[] actScales;

    private QuantizedNet(Net net, float[] actScales) {
        this.net = net;
        this.layers = net.weightedLayers();
        this.actScales = actScales.clone();
    }

    /** Quantizes the weights of {@code net} (taken over: its weights become the dequantized values). */
    static QuantizedNet fromFloat(Net net, float[] actScales) {
        QuantizedNet qn = new QuantizedNet(net, actScales);
        for (Layer l : qn.layers) {
            NDArray w = l.weight().getArray();
            float[] s = Int8Quantization.channelScales(w.toFloatArray(), (int) w.getShape().get(0));
            qn.q.add(Int8Quantization.quantize(w.toFloatArray(), s));
            qn.scales.add(s);
        }
        qn.writeDequantized();
        return qn;
    }

    private void writeDequantized() {
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).weight().getArray().set(Int8Quantization.dequantize(q.get(i), scales.get(i)));
        }
    }

    /** The float model holding the dequantized weights (for its summary and layer shapes). */
    @Override
    public Net net() {
        return net;
    }

    /** The int8 values of a layer's weights (a copy). */
    public byte[] int8Weights(String layer) {
        return q.get(index(layer)).clone();
    }

    /** The per-output-channel scales of a layer's weights (a copy). */
    public float[] weightScales(String layer) {
        return scales.get(index(layer)).clone();
    }

    /** The scale of a layer's int8 input (largest calibrated |input| / 127). */
    public float activationScale(String layer) {
        return actScales[index(layer)];
    }

    /** Raw outputs (logits) of a batch (N, C, H, W) with simulated int8 arithmetic. */
    public NDArray forward(NDArray batch) {
        ParameterStore ps = new ParameterStore(batch.getManager(), false);
        NDArray x = batch;
        var children = net.block().getChildren();
        int next = 0;
        for (int b = 0; b < children.size(); b++) {
            if (next < layers.size() && layers.get(next).block() == children.get(b).getValue()) {
                float s = actScales[next++];
                x = x.div(s).round().clip(-Int8Quantization.QMAX, Int8Quantization.QMAX).mul(s);
            }
            x = children.get(b).getValue().forward(ps, new NDList(x), false).singletonOrThrow();
        }
        return x;
    }

    /** {@link #forward}: the logits with simulated int8 arithmetic. */
    @Override
    public NDArray logits(NDArray batch) {
        return forward(batch);
    }

    /** Number of parameters (the same as the float model's). */
    public long parameterCount() {
        return net.parameterCount();
    }

    /** Bytes of the file {@link #save} writes. */
    public long fileBytes() {
        return encode().length;
    }

    /**
     * Writes the int8 model to {@code file}: to a temporary file in the same folder, then an atomic rename.
     *
     * @throws CompressionException if it cannot be written
     */
    public void save(Path file) {
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            // a sibling name written with the usual permissions (createTempFile would make it owner-only)
            tmp = target.resolveSibling("." + target.getFileName() + "." + System.nanoTime() + ".tmp");
            Files.write(tmp, encode(), java.nio.file.StandardOpenOption.CREATE_NEW);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new CompressionException("cannot write the int8 model to " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) tmp.toFile().delete();
        }
    }

    /**
     * Reads a model written by {@link #save} into a copy of {@code architecture} (a model with the same layers;
     * its weights are not used and not changed).
     *
     * @throws CompressionException if the file is missing, not a cnnlab int8 file, or made for other layers
     */
    public static QuantizedNet load(Path file, Net architecture) {
        if (!Files.isRegularFile(file)) throw new CompressionException("no int8 model at " + file.toAbsolutePath());
        Net net = LayerLookup.plain(architecture, "int8 quantization").withWidths(Map.of());
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                boolean floats = Arrays.equals(magic, "CNNLAB".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                boolean sparse = floats && Arrays.equals(in.readNBytes(6), "-NET 2".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                throw new CompressionException(file + (sparse ? " is a pruned float model stored sparse: load it with PrunedNet.load(file, net)"
                        : floats ? " is a float model: load it with net.load(file)"
                        : " is not a cnnlab int8 model (no CNNLQ8 header)"));
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new CompressionException(file + ": int8 format version " + version + ", this cnnlab reads 1 to " + VERSION);
            }
            in.readUTF(); // name when saved
            List<Parameter> params = net.block().getParameters().values();
            int count = in.readInt();
            if (count != params.size()) throw mismatch(file, architecture, count + " parameters, the model has " + params.size());
            List<Layer> layers = net.weightedLayers();
            List<byte[]> qs = new ArrayList<>();
            List<float[]> ss = new ArrayList<>();
            for (Parameter p : params) {
                byte kind = in.readByte();
                long[] dims = new long[in.readInt()];
                for (int d = 0; d < dims.length; d++) dims[d] = in.readLong();
                if (!new Shape(dims).equals(p.getArray().getShape())) {
                    throw mismatch(file, architecture, "shape " + new Shape(dims) + " for " + p.getName() + " " + p.getArray().getShape());
                }
                int n = (int) p.getArray().size();
                if (kind == 0) {
                    float[] v = new float[n];
                    for (int i = 0; i < n; i++) v[i] = in.readFloat();
                    p.getArray().set(v);
                } else {
                    float[] s = new float[in.readInt()];
                    for (int i = 0; i < s.length; i++) s[i] = in.readFloat();
                    qs.add(kind == 2 ? readSparse(in, n) : in.readNBytes(n));
                    ss.add(s);
                }
            }
            float[] act = new float[in.readInt()];
            for (int i = 0; i < act.length; i++) act[i] = in.readFloat();
            if (qs.size() != layers.size() || act.length != layers.size()) throw mismatch(file, architecture, "layer count");
            QuantizedNet qn = new QuantizedNet(net, act);
            qn.q.addAll(qs);
            qn.scales.addAll(ss);
            qn.writeDequantized();
            return qn;
        } catch (IOException | RuntimeException e) {
            net.close();
            if (e instanceof CompressionException c) throw c;
            throw new CompressionException("cannot read the int8 model " + file + ": " + e.getMessage(), e);
        }
    }

    private static CompressionException mismatch(Path file, Net architecture, String what) {
        return new CompressionException(file + " was saved for other layers than model '" + architecture.name() + "': " + what);
    }

    private byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(net.name());
            List<Parameter> params = net.block().getParameters().values();
            out.writeInt(params.size());
            for (Parameter p : params) {
                int layer = -1;
                for (int i = 0; i < layers.size(); i++) if (layers.get(i).weight() == p) layer = i;
                out.writeByte(layer < 0 ? 0 : sparseIsSmaller(q.get(layer)) ? 2 : 1);
                long[] dims = p.getArray().getShape().getShape();
                out.writeInt(dims.length);
                for (long d : dims) out.writeLong(d);
                if (layer < 0) {
                    for (float v : p.getArray().toFloatArray()) out.writeFloat(v);
                } else {
                    out.writeInt(scales.get(layer).length);
                    for (float s : scales.get(layer)) out.writeFloat(s);
                    writeWeights(out, q.get(layer));
                }
            }
            out.writeInt(actScales.length);
            for (float s : actScales) out.writeFloat(s);
        } catch (IOException e) {
            throw new CompressionException("cannot encode the int8 model: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Sparse (bitmap + nonzero values) beats n plain bytes when more than one value in eight is zero. */
    private static boolean sparseIsSmaller(byte[] v) {
        int nonzero = 0;
        for (byte b : v) if (b != 0) nonzero++;
        return (v.length + 7) / 8 + nonzero < v.length;
    }

    private static void writeWeights(DataOutputStream out, byte[] v) throws IOException {
        if (!sparseIsSmaller(v)) {
            out.write(v);
            return;
        }
        byte[] bitmap = new byte[(v.length + 7) / 8];
        for (int j = 0; j < v.length; j++) if (v[j] != 0) bitmap[j >> 3] |= (byte) (1 << (j & 7));
        out.write(bitmap);
        for (byte b : v) if (b != 0) out.write(b);
    }

    private static byte[] readSparse(DataInputStream in, int n) throws IOException {
        byte[] bitmap = in.readNBytes((n + 7) / 8);
        byte[] v = new byte[n];
        for (int j = 0; j < n; j++) if ((bitmap[j >> 3] >> (j & 7) & 1) != 0) v[j] = in.readByte();
        return v;
    }

    /** One row per conv/dense layer: channels, smallest/largest weight scale, activation scale, int8 bytes. */
    public Table scalesTable() {
        Table t = Table.create("int8 scales", StringColumn.create("layer"), IntColumn.create("channels"),
                DoubleColumn.create("min weight scale"), DoubleColumn.create("max weight scale"),
                DoubleColumn.create("input scale"), IntColumn.create("int8 bytes"));
        for (int i = 0; i < layers.size(); i++) {
            float[] s = scales.get(i);
            double min = Double.MAX_VALUE, max = 0;
            for (float v : s) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            t.stringColumn("layer").append(layers.get(i).name());
            t.intColumn("channels").append(s.length);
            t.doubleColumn("min weight scale").append(min);
            t.doubleColumn("max weight scale").append(max);
            t.doubleColumn("input scale").append(actScales[i]);
            t.intColumn("int8 bytes").append(q.get(i).length);
        }
        return SignificantDigits.apply(t);
    }

    /** Shows the scales table. */
    public void show() {
        Display.show(this);
    }

    private int index(String layer) {
        for (int i = 0; i < layers.size(); i++) if (layers.get(i).name().equals(layer)) return i;
        throw new CompressionException("no conv2d or dense layer named '" + layer + "'; they are "
                + layers.stream().map(Layer::name).toList());
    }

    @Override
    public String toHtml() {
        return "<div><b>" + Html.escape(toString()) + "</b>" + Html.table(scalesTable()) + "</div>";
    }

    @Override
    public String toString() {
        return String.format("QuantizedNet[%s, %,d parameters, int8 file %,d bytes]", net.name(), parameterCount(), fileBytes());
    }

    /** Frees the model. */
    @Override
    public void close() {
        net.close();
    }
}
