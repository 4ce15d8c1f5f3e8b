package dev.cnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MachineFactsTest {
    @Test
    void namesTheWidestVectorUnits() {
        // flags as /proc/cpuinfo lists them on the two VMs the results come from (shortened)
        assertEquals(" (AVX2, no AVX-512)", MachineFacts.vectorUnits(" fpu sse sse2 fma avx avx2 sha_ni vaes"));
        assertEquals(" (AVX-512F, AVX2)", MachineFacts.vectorUnits(" fpu avx avx2 avx512f avx512dq avx512bw"));
        assertEquals(" (no AVX2)", MachineFacts.vectorUnits(" fpu sse sse2 avx"));
        assertEquals("", MachineFacts.vectorUnits(""));
    }
}
