package dev.cnnlab.compress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Layer;
import dev.cnnlab.nn.Net;
import dev.cnnlab.nn.Sequential;
import dev.cnnlab.train.Evaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.*;

class Int8QuantizationTest {
    static Net net;
    static final ImageData TRAIN = Tiny.bars(300, 4, 5), TEST = Tiny.bars(200, 4, 6);

    @BeforeAll
    static void train() {
        net = Tiny.trained();
    }

    @Test
    void perChannelRoundTripErrorIsAtMostHalfAScale() {
        float[] w = {0.5f, -0.25f, 0.1f, 0.0f, /* channel 1 */ -2f, 1f, 0.3f, 0.001f};
        float[] s = Int8Quantization.channelScales(w, 2);
        assertArrayEquals(new float[] {0.5f / 127, 2f / 127}, s, 1e-9f);
        byte[] q = Int8Quantization.quantize(w, s);
        assertEquals(127, q[0]);
        assertEquals(-127, q[4]);
        assertEquals(25, q[2]);  // 0.1 / (0.5/127) = 25.4
        assertEquals(19, q[6]);  // 0.3 / (2/127) = 19.05
        float[] back = Int8Quantization.dequantize(q, s);
        for (int i = 0; i < w.length; i++) assertTrue(Math.abs(back[i] - w[i]) <= s[i / 4] / 2 + 1e-7, "weight " + i);
    }

    @Test
    void everyWeightOfTheModelIsWithinHalfAScale() {
        try (QuantizedNet qn = Int8Quantization.of(net).calibrate(TRAIN, 2, 32).run()) {
            for (Layer l : net.weightedLayers()) {
                float[] w = l.weight().getArray().toFloatArray();
                float[] s = qn.weightScales(l.name());
                float[] back = Int8Quantization.dequantize(qn.int8Weights(l.name()), s);
                int per = w.length / s.length;
                for (int i = 0; i < w.length; i++) assertTrue(Math.abs(back[i] - w[i]) <= s[i / per] / 2 + 1e-7);
            }
            assertEquals(1f / 127, qn.activationScale("conv2d"), 0.2f / 127, "images reach about 1.0");
            int[] a = net.predictClasses(TEST), b = qn.predictClasses(TEST);
            int same = 0;
            for (int i = 0; i < a.length; i++) if (a[i] == b[i]) same++;
            assertTrue(same >= 0.95 * a.length, same + " of " + a.length + " predictions agree");
        }
    }

    @Test
    void fileIsInt8WeightsPlusScalesAndLoadsBackToTheSamePredictions(@TempDir Path dir) throws Exception {
        float[] before = Tiny.weights(net);
        try (QuantizedNet qn = Int8Quantization.of(net).calibrate(TRAIN, 2, 32).run()) {
            Path f = dir.resolve("tiny.int8");
            qn.save(f);
            // weights 72+192+288+48 = 600 bytes; biases 8+6+12+4 = 30 floats; channel scales 30 floats;
            // 4 activation scales; headers: magic 6 + version 4 + name (2 + 10) + count 4 + activation count 4,
            // per parameter kind 1 + rank 4 + 8 per dimension, scale count 4 per weight
            long dims = 4 + 1 + 4 + 1 + 2 + 1 + 2 + 1; // conv 4-D, bias 1-D, conv 4-D, bias, dense 2-D, bias, dense, bias
            long expected = 600 + 4 * 30 + 4 * 30 + 4 * 4 + 6 + 4 + 12 + 4 + 4 + 8 * 5 + 8 * dims + 4 * 4;
            assertEquals(expected, Files.size(f));
            assertEquals(expected, qn.fileBytes());
            Path floats = dir.resolve("tiny.params");
            net.save(floats);
            assertTrue(Files.size(floats) > 3 * Files.size(f), Files.size(floats) + " vs " + Files.size(f));
            try (QuantizedNet back = QuantizedNet.load(f, net)) {
                assertArrayEquals(qn.predictClasses(TEST), back.predictClasses(TEST));
                assertEquals(Evaluation.of(qn, TEST).accuracy(), Evaluation.of(back, TEST).accuracy());
            }
            assertEquals(List.of("tiny.int8", "tiny.params"), Files.list(dir).map(p -> p.getFileName().toString()).sorted().toList());
            var wrongKind = assertThrows(CompressionException.class, () -> QuantizedNet.load(floats, net));
            assertTrue(wrongKind.getMessage().contains("is a float model: load it with net.load(file)"), wrongKind.getMessage());
        }
        assertArrayEquals(before, Tiny.weights(net), "the original keeps its float weights");
    }

    @Test
    void badInputGivesClearErrors(@TempDir Path dir) throws Exception {
        var empty = TRAIN.slice(0, 0);
        var e = assertThrows(CompressionException.class, () -> Int8Quantization.of(net).calibrate(empty, 2, 32));
        assertTrue(e.getMessage().contains("calibration set is empty"), e.getMessage());
        e = assertThrows(CompressionException.class, () -> Int8Quantization.of(net).run());
        assertTrue(e.getMessage().contains("calibrate"), e.getMessage());
        try (Net zero = Tiny.net()) {
            for (var p : zero.block().getParameters().values()) p.getArray().set(new float[(int) p.getArray().size()]);
            e = assertThrows(CompressionException.class, () -> Int8Quantization.of(zero).calibrate(TRAIN, 1, 8).run());
            assertTrue(e.getMessage().contains("'conv2d' has only zero weights"), e.getMessage());
        }
        try (Net noWeights = Sequential.input(1, 8, 8).maxPool(2).flatten().build()) {
            e = assertThrows(CompressionException.class, () -> Int8Quantization.of(noWeights).calibrate(TRAIN, 1, 8).run());
            assertTrue(e.getMessage().contains("no conv2d or dense layer"), e.getMessage());
        }
        Path junk = dir.resolve("junk.int8");
        Files.writeString(junk, "hello");
        e = assertThrows(CompressionException.class, () -> QuantizedNet.load(junk, net));
        assertTrue(e.getMessage().contains("not a cnnlab int8 model"), e.getMessage());
    }
}
