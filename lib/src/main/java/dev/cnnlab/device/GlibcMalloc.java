package dev.cnnlab.device;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Keeps glibc's malloc from handing every large freed block straight back to the kernel. libtorch allocates each
 * batch's activations anew (5.5 MB for the seed CNN's first layer at batch 64); above malloc's mmap threshold each
 * one is a fresh mapping whose pages the kernel must fault in and zero, batch after batch. glibc raises that
 * threshold by itself only after freeing a mapping under 32 MB, which a process may or may not do before training
 * (pip's PyTorch script happens to, by reading its 7.8 MB test file). Fixed thresholds make it deterministic: on the
 * PyTorch engine page faults fell from 1.2-3.7 million to 0.13-0.45 million over 3 epochs of 20,000 images and
 * training ran at 3,340-3,710 instead of 2,815-3,553 images/s, in turn, for 20-80 MB more peak memory. MXNet, whose
 * own allocator pools memory, measured no better with it, so only the PyTorch engine asks for it.
 */
final class GlibcMalloc {
    /** glibc's malloc.h parameter numbers. */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;
    /** glibc's largest mmap threshold on 64-bit machines: blocks up to here come from the heap and are reused. */
    static final int MMAP_THRESHOLD = 32 << 20;
    /** Free memory at the top of the heap kept for the next batches instead of being returned. */
    static final int TRIM_THRESHOLD = 256 << 20;

    private interface LibC extends Library {
        int mallopt(int param, int value);
    }

    private GlibcMalloc() {}

    /**
     * Sets the thresholds; false where there is no glibc (macOS, musl), where glibc refused, or when switched off
     * with {@code -Dcnnlab.mallopt=false} (to measure what it gives).
     */
    static boolean keepFreedBlocks() {
        if ("false".equals(System.getProperty("cnnlab.mallopt")) || !System.getProperty("os.name").startsWith("Linux")) {
            return false;
        }
        try {
            LibC c = Native.load("c", LibC.class);
            return c.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 && c.mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;  // a C library without mallopt: nothing to tune
        }
    }
}
