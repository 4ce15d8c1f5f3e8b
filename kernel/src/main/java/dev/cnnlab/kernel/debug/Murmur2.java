package dev.cnnlab.kernel.debug;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash2 (x86, 32 bit) of a cell's UTF-8 bytes: the hash JupyterLab's debugger and ipykernel both use to
 * name a cell's source file ({@code debugInfo}'s {@code hashMethod: "Murmur2"}). Both sides must compute the
 * same number, or breakpoints set in the notebook never reach the cell that runs.
 */
public final class Murmur2 {
    /** ipykernel's seed; JupyterLab takes whatever {@code debugInfo} announces. */
    public static final long SEED = 0xC70F6907L;

    private static final int M = 0x5BD1E995;

    private Murmur2() {}

    /** The unsigned 32-bit hash of {@code text} (UTF-8) with {@code seed}. */
    public static long hash(String text, long seed) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int length = data.length;
        int h = (int) seed ^ length;
        int i = 0;
        for (; length - i >= 4; i += 4) {
            int k = (data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16 | (data[i + 3] & 0xFF) << 24;
            k *= M;
            k ^= k >>> 24;
            k *= M;
            h = h * M ^ k;
        }
        switch (length - i) {
            case 3:
                h ^= (data[i + 2] & 0xFF) << 16;
                // fall through
            case 2:
                h ^= (data[i + 1] & 0xFF) << 8;
                // fall through
            case 1:
                h ^= data[i] & 0xFF;
                h *= M;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h & 0xFFFFFFFFL;
    }
}
