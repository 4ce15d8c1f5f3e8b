package dev.cnnlab.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * After the tuning, large blocks freed and allocated again are reused, not faulted in page by page each time. Each
 * side runs in a fresh JVM: in a test JVM that has already loaded an engine, other threads' arenas blur the count.
 */
class GlibcMallocTest {
    private static final int SIZE = 8 << 20, BLOCKS = 4, ROUNDS = 20, PAGES = BLOCKS * SIZE / 4096;

    @Test
    void largeFreedBlocksAreReusedInsteadOfFaultedInAgain() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isReadable(Path.of("/proc/self/stat")),
                "glibc and /proc on Linux");
        long tuned = faultsInChild(true), untuned = faultsInChild(false);
        // untuned, glibc gives the 32 MB back to the kernel after each round (more than twice its raised 8 MB
        // threshold) and faults 8,192 pages in again: 19 more rounds, about 155,000 faults; tuned, almost none
        assertTrue(untuned > 5L * PAGES, "untuned: " + untuned + " faults");
        assertTrue(tuned < PAGES, "tuned: " + tuned + " faults for " + (ROUNDS - 1) + " rounds of " + PAGES + " pages");
    }

    private static long faultsInChild(boolean tune) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), GlibcMallocTest.class.getName(), String.valueOf(tune))
                .redirectErrorStream(true).start();
        List<String> out = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertEquals(0, p.waitFor(), String.join("\n", out));
        return Long.parseLong(out.get(out.size() - 1).trim());
    }

    /** Child: tunes (or not), runs the rounds, prints the minor page faults of all but the first round. */
    public static void main(String[] args) throws Exception {
        if (Boolean.parseBoolean(args[0]) && !GlibcMalloc.keepFreedBlocks()) throw new IllegalStateException("refused");
        long[] p = new long[BLOCKS];
        Runnable round = () -> {  // a step's worth of activations: four 8 MB blocks alive together, then freed
            for (int b = 0; b < BLOCKS; b++) {
                p[b] = Native.malloc(SIZE);
                new Pointer(p[b]).setMemory(0, SIZE, (byte) 1); // touch every page, as a batch's activations do
            }
            for (int b = 0; b < BLOCKS; b++) Native.free(p[b]);
        };
        round.run(); // the first round faults its pages in either way
        long before = minorFaults();
        for (int i = 1; i < ROUNDS; i++) round.run();
        System.out.println(minorFaults() - before);
    }

    /** minflt, the tenth field of /proc/self/stat (after the command name in parentheses). */
    private static long minorFaults() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
    }
}
