package dev.cnnlab.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ai.djl.engine.Engine;

/**
 * What the engine decision depends on, gathered once and cheaply (no engine is loaded, no native library
 * touched): NVIDIA GPUs seen by the driver, the engines on the class path, and the user's settings.
 * Tests build one by hand to check {@link EngineSelection} without a GPU.
 *
 * @param gpus            NVIDIA GPUs found by the driver probe (0 when none, or when CUDA_VISIBLE_DEVICES hides them)
 * @param gpuEvidence     how they were found or why none counts, e.g. {@code "/proc/driver/nvidia/gpus: 1"}
 * @param engines         DJL engines on the class path, e.g. {@code [MXNet, PyTorch]}
 * @param engineOverride  the engine the user named, or null
 * @param overrideSource  where that name came from ({@code CNNLAB_ENGINE} or {@code -Dai.djl.default_engine})
 * @param deviceRequest   {@code CNNLAB_DEVICE} ({@code cpu}, {@code gpu}, {@code gpu:1}), or null
 * @param pytorchNatives  where libtorch would come from ({@code PYTORCH_LIBRARY_PATH=...}, the DJL cache, a
 *                        download), or null when there is none (offline and nothing local)
 */
public record EngineFacts(int gpus, String gpuEvidence, Set<String> engines, String engineOverride,
                          String overrideSource, String deviceRequest, String pytorchNatives) {

    /** Copies the engine set so a caller cannot change it later. */
    public EngineFacts {
        engines = Set.copyOf(engines);
    }

    /** The facts of this JVM and machine. */
    public static EngineFacts observe() {
        Map<String, String> env = System.getenv();
        String override = blankToNull(env.get("CNNLAB_ENGINE"));
        String source = "CNNLAB_ENGINE";
        if (override == null) {
            override = blankToNull(System.getProperty("ai.djl.default_engine"));
            source = "-Dai.djl.default_engine";
        }
        String[] gpu = probeGpus(env.get("CUDA_VISIBLE_DEVICES"));
        Set<String> engines = new TreeSet<>(Engine.getAllEngines());
        engines.remove("RPC"); // DJL api's remote-inference client: it cannot train a model here
        return new EngineFacts(Integer.parseInt(gpu[0]), gpu[1], engines, override,
                override == null ? null : source, blankToNull(env.get("CNNLAB_DEVICE")), pytorchNatives(env));
    }

    /**
     * Counts NVIDIA GPUs: the driver's {@code /proc/driver/nvidia/gpus} entries (no process started), else
     * {@code nvidia-smi -L}. Returns {count, evidence}.
     */
    static String[] probeGpus(String cudaVisible) {
        if (cudaVisible != null && (cudaVisible.isBlank() || cudaVisible.trim().equals("-1"))) {
            return new String[] {"0", "CUDA_VISIBLE_DEVICES=\"" + cudaVisible + "\" hides every GPU"};
        }
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        if (Files.isDirectory(gpus)) {
            try (Stream<Path> s = Files.list(gpus)) {
                long n = s.count();
                if (n > 0) return new String[] {"" + visible(n, cudaVisible), "/proc/driver/nvidia/gpus: " + n};
            } catch (IOException e) {
                // unreadable: ask nvidia-smi below
            }
        }
        int n = nvidiaSmiCount();
        if (n > 0) return new String[] {"" + visible(n, cudaVisible), "nvidia-smi -L: " + n};
        return new String[] {"0", "no NVIDIA driver: /proc/driver/nvidia absent, nvidia-smi not found"};
    }

    /** With CUDA_VISIBLE_DEVICES=0,2 only two of the GPUs count. */
    private static long visible(long found, String cudaVisible) {
        return cudaVisible == null ? found : Math.min(found, cudaVisible.split(",").length);
    }

    private static int nvidiaSmiCount() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 0;
            }
            if (p.exitValue() != 0) return 0;
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines()
                    .filter(l -> l.startsWith("GPU ")).toList();
            return lines.size();
        } catch (IOException e) {
            return 0; // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Where the PyTorch engine would find libtorch; null when it would have to download but may not. */
    static String pytorchNatives(Map<String, String> env) {
        String local = blankToNull(env.get("PYTORCH_LIBRARY_PATH"));
        if (local != null) return "PYTORCH_LIBRARY_PATH=" + local;
        Path cache = engineCache(env).resolve("pytorch");
        if (Files.isDirectory(cache)) return "DJL cache " + cache;
        boolean offline = Boolean.parseBoolean(System.getProperty("ai.djl.offline", env.getOrDefault("DJL_OFFLINE", "false")));
        return offline ? null : "downloaded by DJL on first use into " + cache;
    }

    private static Path engineCache(Map<String, String> env) {
        String dir = blankToNull(env.get("ENGINE_CACHE_DIR"));
        if (dir == null) dir = blankToNull(env.get("DJL_CACHE_DIR"));
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".djl.ai");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
