package dev.cnnlab.device;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ai.djl.engine.Engine;

/**
 * What the engine decision depends on, gathered once and cheaply (no engine is loaded, no native library
 * touched): the platform, NVIDIA GPUs seen by the driver, the engines on the class path and where each would
 * find its native libraries, and the user's settings. Tests build one by hand to check {@link EngineSelection}
 * on platforms and GPUs this machine does not have.
 *
 * @param platform        operating system and architecture as DJL's native jars name them, e.g. {@code linux-x86_64},
 *                        {@code linux-aarch64}, {@code osx-aarch64}
 * @param gpus            NVIDIA GPUs found by the driver probe (0 when none, or when CUDA_VISIBLE_DEVICES hides them)
 * @param gpuEvidence     how they were found or why none counts, e.g. {@code "/proc/driver/nvidia/gpus: 1"}
 * @param engines         DJL engines on the class path, e.g. {@code [MXNet, PyTorch]}
 * @param engineOverride  the engine the user named, or null
 * @param overrideSource  where that name came from ({@code CNNLAB_ENGINE} or {@code -Dai.djl.default_engine})
 * @param deviceRequest   {@code CNNLAB_DEVICE} ({@code cpu}, {@code gpu}, {@code gpu:1}), or null
 * @param mxnetNatives    where libmxnet would come from (its native jar for this platform, {@code MXNET_LIBRARY_PATH}),
 *                        or null when there is none
 * @param pytorchNatives  where libtorch would come from ({@code PYTORCH_LIBRARY_PATH=...}, the CPU native jar for this
 *                        platform, the DJL cache, a download), or null when there is none (offline and nothing local)
 */
public record EngineFacts(String platform, int gpus, String gpuEvidence, Set<String> engines, String engineOverride,
                          String overrideSource, String deviceRequest, String mxnetNatives, String pytorchNatives) {

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
        String platform = platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        return new EngineFacts(platform, Integer.parseInt(gpu[0]), gpu[1], engines, override,
                override == null ? null : source, blankToNull(env.get("CNNLAB_DEVICE")),
                mxnetNatives(env, platform), pytorchNatives(env, platform));
    }

    /** DJL's platform name for a JVM's {@code os.name} and {@code os.arch}: {@code linux-x86_64}, {@code osx-aarch64}, ... */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String prefix = os.startsWith("mac") || os.startsWith("darwin") ? "osx" : os.startsWith("win") ? "win" : os;
        String arch = osArch.toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> arch;
        };
        return prefix + "-" + arch;
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

    /** Where MXNet would find libmxnet; null when nowhere (no native jar for this platform: MXNet has x86_64 only). */
    static String mxnetNatives(Map<String, String> env, String platform) {
        String local = blankToNull(env.get("MXNET_LIBRARY_PATH"));
        if (local != null) return "MXNET_LIBRARY_PATH=" + local;
        String jar = nativeJar("mxnet", platform);
        return jar == null ? null : jar + " on the class path";
    }

    /** Where the PyTorch engine would find libtorch; null when it would have to download but may not. */
    static String pytorchNatives(Map<String, String> env, String platform) {
        String local = blankToNull(env.get("PYTORCH_LIBRARY_PATH"));
        if (local != null) return "PYTORCH_LIBRARY_PATH=" + local;
        String jar = nativeJar("pytorch", platform);
        if (jar != null) return jar + " on the class path";
        Path cache = engineCache(env).resolve("pytorch");
        if (Files.isDirectory(cache)) return "DJL cache " + cache;
        boolean offline = Boolean.parseBoolean(System.getProperty("ai.djl.offline", env.getOrDefault("DJL_OFFLINE", "false")));
        return offline ? null : "downloaded by DJL on first use into " + cache;
    }

    /**
     * The native jar of {@code engine} for {@code platform} on the class path, as "{@code pytorch cpu linux-x86_64}",
     * or null. DJL's native jars carry {@code native/lib/ENGINE.properties} with their flavour and classifier
     * (the engine jars carry a placeholder without a classifier, which does not count).
     */
    static String nativeJar(String engine, String platform) {
        try {
            Enumeration<URL> urls = EngineFacts.class.getClassLoader().getResources("native/lib/" + engine + ".properties");
            while (urls.hasMoreElements()) {
                Properties p = new Properties();
                try (InputStream in = urls.nextElement().openStream()) {
                    p.load(in);
                }
                String classifier = p.getProperty("classifier", "");
                if (classifier.endsWith(platform)) {
                    String flavor = p.getProperty("flavor", classifier.substring(0, classifier.length() - platform.length()));
                    return (engine + " " + flavor.replaceAll("-$", "") + " " + platform).replaceAll(" +", " ");
                }
            }
        } catch (IOException e) {
            return null; // an unreadable class path entry: treat as absent
        }
        return null;
    }

    private static Path engineCache(Map<String, String> env) {
        String dir = blankToNull(env.get("ENGINE_CACHE_DIR"));
        if (dir == null) dir = blankToNull(env.get("DJL_CACHE_DIR"));
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".djl.ai");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The same facts without {@code engine} on the class path (the fallback when it fails to start). */
    EngineFacts without(String engine) {
        Set<String> rest = new TreeSet<>(engines);
        rest.remove(engine);
        return new EngineFacts(platform, gpus, gpuEvidence, rest, engineOverride, overrideSource, deviceRequest,
                mxnetNatives, pytorchNatives);
    }

    /** The engine names on the class path, sorted, for messages. */
    public String available() {
        return String.join(", ", new TreeSet<>(engines));
    }
}
