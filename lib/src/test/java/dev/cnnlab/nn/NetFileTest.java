package dev.cnnlab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved models name their architecture and carry a SHA-256 of their weights; load refuses what does not match. */
class NetFileTest {
    static Net small(int filters) {
        return Sequential.input(1, 8, 8).conv2d(filters, 3).relu().flatten().dense(3).seed(5).build();
    }

    static float[] weights(Net net) {
        return net.layer("conv2d").weight().getArray().toFloatArray();
    }

    @Test
    void theHeaderNamesTheArchitectureAndTheWeightsHash(@TempDir Path dir) throws Exception {
        try (Net a = small(4)) {
            Path f = dir.resolve("a.params");
            a.save(f);
            byte[] all = Files.readAllBytes(f);
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\n\n");
            String[] header = text.substring(0, end).split("\n");
            assertEquals("CNNLAB-NET 1", header[0]);
            assertEquals("architecture: input 1x8x8 | conv2d Conv2D relu (4, 6, 6) 40 | flatten Flatten (144) 0"
                    + " | dense Dense (3) 435 | head LOGITS", header[1]);
            byte[] weights = java.util.Arrays.copyOfRange(all, end + 2, all.length);
            // the hash, computed here with the JDK's digest on the bytes after the header
            String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(weights));
            assertEquals("sha256: " + sha, header[2]);
            assertEquals("bytes: " + weights.length, header[3]);
        }
    }

    @Test
    void anotherArchitectureIsRefusedAndNothingChanges(@TempDir Path dir) {
        try (Net four = small(4); Net eight = small(8)) {
            Path f = dir.resolve("four.params");
            four.save(f);
            float[] before = weights(eight);
            var e = assertThrows(ModelException.class, () -> eight.load(f));
            assertTrue(e.getMessage().contains("holds another architecture: the file has conv2d Conv2D relu (4, 6, 6) 40"
                    + " where this model has conv2d Conv2D relu (8, 6, 6) 80"), e.getMessage());
            assertArrayEquals(before, weights(eight));
            assertEquals(8 * 9 + 8 + 8 * 36 * 3 + 3, eight.parameterCount(), "the shapes are the model's own");
        }
    }

    @Test
    void flippedBytesAreRefused(@TempDir Path dir) throws Exception {
        try (Net a = small(4); Net b = small(4)) {
            Path f = dir.resolve("a.params");
            a.save(f);
            byte[] all = Files.readAllBytes(f);
            for (int i = all.length / 2; i < all.length / 2 + 8; i++) all[i] ^= (byte) 0x5a;
            Path bad = Files.write(dir.resolve("bad.params"), all);
            float[] before = weights(b);
            var e = assertThrows(ModelException.class, () -> b.load(bad));
            assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
            assertArrayEquals(before, weights(b));
            b.load(f);
            assertArrayEquals(weights(a), weights(b), "the intact file loads");
        }
    }

    @Test
    void otherFilesAreNamedForWhatTheyAre(@TempDir Path dir) throws Exception {
        try (Net a = small(4)) {
            Path int8 = Files.write(dir.resolve("x.int8"), "CNNLQ8....".getBytes(StandardCharsets.US_ASCII));
            var e = assertThrows(ModelException.class, () -> a.load(int8));
            assertTrue(e.getMessage().contains("is an int8 model: load it with QuantizedNet.load"), e.getMessage());
            Path raw = Files.write(dir.resolve("raw.params"), new byte[] {0, 1, 2, 3});
            e = assertThrows(ModelException.class, () -> a.load(raw));
            assertTrue(e.getMessage().contains("is not a cnnlab model file"), e.getMessage());
        }
    }
    /** small(4) with every weight whose index is not a multiple of 10 zeroed, and every bias 0.5 (nonzero). */
    static Net prunedNinetyPercent() {
        Net n = small(4);
        for (Layer l : n.weightedLayers()) {
            float[] w = l.weight().getArray().toFloatArray();
            for (int j = 0; j < w.length; j++) if (j % 10 != 0) w[j] = 0f;
            l.weight().getArray().set(w);
            float[] b = l.bias().getArray().toFloatArray();
            java.util.Arrays.fill(b, 0.5f);
            l.bias().getArray().set(b);
        }
        return n;
    }

    static float[] all(Net net) {
        var values = new java.util.ArrayList<Float>();
        for (var p : net.block().getParameters().values()) for (float v : p.getArray().toFloatArray()) values.add(v);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) out[i] = values.get(i);
        return out;
    }

    @Test
    void aSparseFileRoundTripsEveryWeightExactly(@TempDir Path dir) {
        try (Net a = prunedNinetyPercent(); Net b = small(4)) {
            Path f = dir.resolve("pruned.params");
            a.saveSparse(f);
            b.loadSparse(f);
            assertArrayEquals(all(a), all(b), "bit for bit, zeros included");
        }
    }

    @Test
    void aSparseFileIsAsLargeAsItsBitmapAndNonzerosAndShrinksWithSparsity(@TempDir Path dir) throws Exception {
        try (Net a = prunedNinetyPercent()) {
            Path sparse = dir.resolve("sparse.params"), dense = dir.resolve("dense.params");
            a.saveSparse(sparse);
            a.save(dense);
            // conv weight 36 values (4 kept: 0,10,20,30), conv bias 4, dense weight 432 (44 kept), dense bias 3:
            // per parameter 8 bytes of counts + ceil(n/8) bitmap + 4 per nonzero (the biases are all nonzero)
            long expected = (8 + 5 + 4 * 4) + (8 + 1 + 4 * 4) + (8 + 54 + 4 * 44) + (8 + 1 + 4 * 3);
            byte[] all = Files.readAllBytes(sparse);
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\n\n");
            String[] header = text.substring(0, end).split("\n");
            assertEquals("CNNLAB-NET 2", header[0]);
            assertTrue(header[1].startsWith("storage: sparse"), header[1]);
            assertEquals("bytes: " + expected, header[4]);
            assertEquals(expected, all.length - end - 2);
            // the dense file holds all 475 float32 values (1,900 bytes) plus DJL's names and shapes
            byte[] denseAll = Files.readAllBytes(dense);
            long denseWeights = denseAll.length - new String(denseAll, StandardCharsets.ISO_8859_1).indexOf("\n\n") - 2;
            assertTrue(denseWeights >= 4 * 475, "dense weights " + denseWeights);
            assertTrue(expected < 0.2 * denseWeights, expected + " sparse vs " + denseWeights + " dense bytes");
        }
    }

    @Test
    void aDamagedSparseFileIsRefusedAndNothingChanges(@TempDir Path dir) throws Exception {
        try (Net a = prunedNinetyPercent(); Net b = small(4)) {
            Path f = dir.resolve("pruned.params");
            a.saveSparse(f);
            byte[] bytes = Files.readAllBytes(f);
            bytes[bytes.length - 3] ^= 0x01; // one bit of the last nonzero value
            Path bad = Files.write(dir.resolve("bad.params"), bytes);
            float[] before = all(b);
            var e = assertThrows(ModelException.class, () -> b.loadSparse(bad));
            assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
            assertArrayEquals(before, all(b));
        }
    }

    @Test
    void eachKindOfFileIsRefusedByTheOtherLoaderByName(@TempDir Path dir) {
        try (Net a = prunedNinetyPercent(); Net b = small(4); Net eight = small(8)) {
            Path sparse = dir.resolve("sparse.params"), dense = dir.resolve("dense.params");
            a.saveSparse(sparse);
            a.save(dense);
            var e = assertThrows(ModelException.class, () -> b.load(sparse));
            assertTrue(e.getMessage().contains("is a pruned model stored sparse (CNNLAB-NET 2): load it with "
                    + "PrunedNet.load(file, net)"), e.getMessage());
            e = assertThrows(ModelException.class, () -> b.loadSparse(dense));
            assertTrue(e.getMessage().contains("is a dense model file (CNNLAB-NET 1), not a sparse pruned one: load it "
                    + "with net.load(file)"), e.getMessage());
            e = assertThrows(ModelException.class, () -> eight.loadSparse(sparse));
            assertTrue(e.getMessage().contains("holds another architecture"), e.getMessage());
        }
    }
}
