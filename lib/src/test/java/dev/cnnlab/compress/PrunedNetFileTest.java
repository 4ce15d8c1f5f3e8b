package dev.cnnlab.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.ModelException;
import dev.cnnlab.nn.Net;

/** A pruned model's file shrinks with its sparsity, loads back exactly with its masks, and is refused as another kind. */
class PrunedNetFileTest {
    static final ImageData TRAIN = Tiny.bars(128, 4, 2);

    @Test
    void savedSparseItLoadsBackExactlyWithItsMasks(@TempDir Path dir) {
        try (PrunedNet p = MagnitudePruning.of(Tiny.trained()).sparsity(0.9).global().run()) {
            Path f = dir.resolve("pruned.params");
            p.save(f);
            try (PrunedNet back = PrunedNet.load(f, Tiny.net())) {
                // exact: delta 0 (a pruned negative weight is -0.0 in memory and stored as +0, equal as numbers)
                assertArrayEquals(Tiny.weights(p.net()), Tiny.weights(back.net()), 0f);
                assertEquals(p.sparsity(), back.sparsity(), 0.0);
                back.fineTune(TRAIN, 1, 1e-2);
                // the masks came back from the zeros: fine-tuning keeps every pruned weight at zero
                float[] before = Tiny.weights(p.net()), after = Tiny.weights(back.net());
                int changed = 0;
                for (int i = 0; i < before.length; i++) {
                    if (before[i] == 0f && after[i] != 0f && !isBias(back.net(), i)) {
                        throw new AssertionError("pruned weight " + i + " grew back to " + after[i]);
                    }
                    if (before[i] != after[i]) changed++;
                }
                assertTrue(changed > 0, "fine-tuning changed nothing");
            }
        }
    }

    /** Whether flat index i (in block parameter order) falls in a bias. */
    static boolean isBias(Net net, int i) {
        for (var p : net.block().getParameters().values()) {
            long n = p.getArray().size();
            if (i < n) return p.getName().contains("bias");
            i -= (int) n;
        }
        return false;
    }

    @Test
    void theFileShrinksWithTheSparsityAsTheFormatSays() {
        Net net = Tiny.trained();
        long total = net.parameterCount(), weights = 0;
        for (var l : net.weightedLayers()) weights += l.weight().getArray().size();
        try (PrunedNet half = MagnitudePruning.of(net).sparsity(0.5).global().run();
             PrunedNet ninety = MagnitudePruning.of(net).sparsity(0.9).global().run()) {
            // the same header length (same architecture, same number of digits in 'bytes:' or one less), so the
            // difference is the 4 bytes of every weight that 0.9 zeroes and 0.5 keeps: 0.4 of the weights, exactly
            long zeroedMore = Math.round(0.9 * weights) - Math.round(0.5 * weights);
            long diff = half.fileBytes() - ninety.fileBytes();
            assertTrue(Math.abs(diff - 4 * zeroedMore) <= 1, diff + " bytes apart, expected " + 4 * zeroedMore);
            long dense = Measure.savedBytes(net);
            assertTrue(ninety.fileBytes() < dense - 3 * 0.9 * weights, ninety.fileBytes() + " sparse vs " + dense
                    + " dense bytes for " + total + " parameters");
        }
    }

    @Test
    void aPrunedInt8FileStoresItsZerosAsBits(@TempDir Path dir) {
        Net net = Tiny.trained();
        try (PrunedNet p = MagnitudePruning.of(net).sparsity(0.9).global().run();
             QuantizedNet dense = Int8Quantization.of(net.copy()).calibrate(TRAIN, 2, 32).run();
             QuantizedNet sparse = Int8Quantization.of(p.net()).calibrate(TRAIN, 2, 32).run()) {
            long saved = dense.fileBytes() - sparse.fileBytes();
            assertTrue(saved > 0.7 * 0.9 * weightCount(net), "the pruned int8 file is only " + saved + " bytes smaller");
            Path f = dir.resolve("pruned.int8");
            sparse.save(f);
            try (QuantizedNet back = QuantizedNet.load(f, net)) {
                for (var l : net.weightedLayers()) {
                    assertArrayEquals(sparse.int8Weights(l.name()), back.int8Weights(l.name()), l.name());
                }
            }
        }
    }

    static long weightCount(Net net) {
        long n = 0;
        for (var l : net.weightedLayers()) n += l.weight().getArray().size();
        return n;
    }

    @Test
    void aSparseFileLoadedAsAnotherKindIsRefusedByName(@TempDir Path dir) throws Exception {
        try (PrunedNet p = MagnitudePruning.of(Tiny.trained()).sparsity(0.9).run(); Net plain = Tiny.net()) {
            Path f = dir.resolve("pruned.params");
            p.save(f);
            var e = assertThrows(ModelException.class, () -> plain.load(f));
            assertTrue(e.getMessage().contains("PrunedNet.load(file, net)"), e.getMessage());
            var q = assertThrows(CompressionException.class, () -> QuantizedNet.load(f, plain));
            assertTrue(q.getMessage().contains("is a pruned float model stored sparse: load it with PrunedNet.load"),
                    q.getMessage());
            Path dense = dir.resolve("dense.params");
            plain.save(dense);
            e = assertThrows(ModelException.class, () -> PrunedNet.load(dense, plain));
            assertTrue(e.getMessage().contains("is a dense model file"), e.getMessage());
            byte[] bytes = Files.readAllBytes(f);
            bytes[bytes.length / 2] ^= 0x10;
            Path bad = Files.write(dir.resolve("bad.params"), bytes);
            e = assertThrows(ModelException.class, () -> PrunedNet.load(bad, plain));
            assertTrue(e.getMessage().contains("is damaged"), e.getMessage());
        }
    }
}
