package dev.cnnlab.kernel.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The hash must equal ipykernel's murmur2_x86 (and JupyterLab's hash.ts): the expected values come from ipykernel. */
class Murmur2Test {
    @Test
    void matchesIpykernel() {
        assertEquals(3990065800L, Murmur2.hash("", Murmur2.SEED));
        assertEquals(2167009006L, Murmur2.hash("a", Murmur2.SEED));
        assertEquals(2805137849L, Murmur2.hash("ab", Murmur2.SEED));
        assertEquals(3350977461L, Murmur2.hash("abc", Murmur2.SEED));
        assertEquals(804720481L, Murmur2.hash("abcd", Murmur2.SEED));
        assertEquals(2768312835L, Murmur2.hash("for (int i = 0; i < 5; i++) {\n  int sq = i*i;\n}", Murmur2.SEED));
        assertEquals(146620064L, Murmur2.hash("héllo wörld ✓", Murmur2.SEED));
    }
}
