package dev.cnnlab.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import dev.cnnlab.data.DatasetCache;
import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.data.Split;

/**
 * Fashion-MNIST load time (70,000 images to float arrays). Cold: the first load in this JVM, with an
 * empty cache folder fed from Debian's .gz (gunzip, checksum, writing the decompressed cache); without
 * Debian's files, from the user's cache.
 * Warm: later loads, which read the decompressed IDX. The peer is a plain read of the same cached
 * bytes, the floor any loader pays.
 */
final class DataLoadBench implements Bench.Entry {
    @Override
    public String name() {
        return "data";
    }

    @Override
    public List<String> run(boolean quick) throws Exception {
        // without Debian's files, "cold" would be a download: use the user's cache instead, or skip
        boolean debian = Files.isRegularFile(FashionMnist.SYSTEM_DIR.resolve("train-images-idx3-ubyte.gz"));
        boolean userCache = !debian && FashionMnist.isCached(DatasetCache.root());
        if (!debian && !userCache) {
            return List.of(Row.plain("fashion-mnist load", "skipped", "-", "no offline copy: install"
                    + " dataset-fashion-mnist or run FashionMnist.load() once").markdown());
        }
        String coldSource = debian ? "empty cache, Debian .gz" : "user's cache " + DatasetCache.root();
        Path cache = userCache ? DatasetCache.root() : Files.createTempDirectory("cnnlab-bench-data");
        try {
            long t0 = System.nanoTime(), c0 = cpuNanos();
            Split first = FashionMnist.load(cache);
            double coldMs = (System.nanoTime() - t0) / 1e6, coldCpuMs = (cpuNanos() - c0) / 1e6;
            check(first);
            int reps = quick ? 3 : 7;
            double warmMs = Double.MAX_VALUE, warmCpuMs = Double.MAX_VALUE;
            for (int i = 0; i < reps; i++) {
                long t = System.nanoTime(), c = cpuNanos();
                check(FashionMnist.load(cache));
                warmMs = Math.min(warmMs, (System.nanoTime() - t) / 1e6);
                warmCpuMs = Math.min(warmCpuMs, (cpuNanos() - c) / 1e6);
            }
            double readMs = Double.MAX_VALUE;
            for (int i = 0; i < reps; i++) {
                long t = System.nanoTime();
                long bytes = 0;
                try (Stream<Path> files = Files.list(cache.resolve("fashion-mnist"))) {
                    for (Path p : files.filter(p -> !p.toString().endsWith(".gz")).toList()) {
                        bytes += Files.readAllBytes(p).length;
                    }
                }
                if (bytes < 54_000_000) throw new IllegalStateException("cache holds only " + bytes + " bytes");
                readMs = Math.min(readMs, (System.nanoTime() - t) / 1e6);
            }
            String bench = "fashion-mnist load vs raw read";
            List<String> rows = new ArrayList<>();
            rows.add(Row.plain(bench, "cold (1st in JVM, " + coldSource + ")", String.format("%.0f ms", coldMs),
                    String.format("70,000 images; CPU %.0f ms", coldCpuMs)).markdown());
            // the peer: reading the same cached bytes without decoding, the floor any loader pays
            Row warm = Row.compare(bench, "warm (best of " + reps + ")", warmMs, readMs, "%.0f", "ms",
                    String.format("%.1fx faster than cold; CPU %.0f ms; peer: plain read of the cached IDX files",
                            coldMs / warmMs, warmCpuMs));
            rows.add(warm.target("warm ≤ 1000 ms", warmMs <= 1000).markdown());
            return rows;
        } finally {
            if (!userCache) deleteTree(cache);
        }
    }

    /** CPU time of this thread: on a shared machine it varies less than wall time. */
    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void check(Split s) {
        if (s.train().size() != 60_000 || s.test().size() != 10_000) {
            throw new IllegalStateException("unexpected sizes " + s);
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
