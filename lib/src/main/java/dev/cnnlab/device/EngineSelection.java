package dev.cnnlab.device;

import java.util.List;
import java.util.Locale;

/**
 * Decides the engine and device kind from {@link EngineFacts}; pure logic, so tests inject the facts.
 *
 * <ol>
 *   <li>An engine the user named ({@code CNNLAB_ENGINE}, else {@code -Dai.djl.default_engine}) wins; an unknown
 *       one, one missing from the class path, or one without native libraries for this platform is an error that
 *       says what is available.</li>
 *   <li>Otherwise, with an NVIDIA GPU, the PyTorch engine on the GPU, if it has natives (a local libtorch from
 *       {@code PYTORCH_LIBRARY_PATH}, DJL's cache, or DJL's download).</li>
 *   <li>Otherwise the CPU engine: {@link #CPU_ENGINE} where it has natives (x86_64), else the other one
 *       (PyTorch on ARM Linux and Apple Silicon, where MXNet has none).</li>
 * </ol>
 * {@code CNNLAB_DEVICE=cpu} keeps everything on the CPU; {@code CNNLAB_DEVICE=gpu} without a usable GPU falls
 * back to the CPU with a note, never an error.
 */
public final class EngineSelection {
    /**
     * The engine on a CPU where both have natives (x86_64): the one that measured faster over the whole
     * {@code ./cnnlab bench} (bench/README.md, "Which engine by default").
     */
    public static final String CPU_ENGINE = "MXNet";
    /** The engine cnnlab uses on NVIDIA GPUs, and on CPUs where MXNet has no natives. */
    public static final String GPU_ENGINE = "PyTorch";
    /** The engines cnnlab supports, in the order it prefers them on a CPU. */
    static final List<String> KNOWN = List.of(CPU_ENGINE, GPU_ENGINE);

    private EngineSelection() {}

    /**
     * The choice for these facts.
     *
     * @throws DeviceException if no engine can run here, if the user named an engine that is unknown, not on the
     *                         class path or without natives for this platform, or if {@code CNNLAB_DEVICE} holds
     *                         something other than cpu/gpu/gpu:N
     */
    public static EngineChoice choose(EngineFacts f) {
        if (f.engines().isEmpty()) {
            throw new DeviceException("no DJL engine on the class path: add ai.djl.pytorch:pytorch-engine or "
                    + "ai.djl.mxnet:mxnet-engine (./cnnlab and the Maven build do this)");
        }
        String device = deviceKind(f.deviceRequest());
        boolean wantCpu = device.equals("cpu");
        boolean wantGpu = device.equals("gpu");
        EngineChoice c = f.engineOverride() != null ? named(f, wantCpu) : automatic(f, wantCpu);
        if (wantGpu && !c.useGpu()) {
            c = c.withNote("CNNLAB_DEVICE=" + f.deviceRequest() + " asks for a GPU, but "
                    + (f.gpus() == 0 ? "none is usable" + (c.reason().contains(f.gpuEvidence()) ? ""
                    : " (" + f.gpuEvidence() + ")") : c.engine() + " cannot use it here")
                    + ": using the CPU");
        }
        return c;
    }

    /** The engine the user named. */
    private static EngineChoice named(EngineFacts f, boolean wantCpu) {
        String engine = canonical(f.engineOverride(), f.engines());
        if (engine == null) {
            throw new DeviceException(f.overrideSource() + "=" + f.engineOverride() + ": unknown engine; available here: "
                    + f.available() + " (or unset it and cnnlab picks one)");
        }
        if (!f.engines().contains(engine)) {
            throw new DeviceException(f.overrideSource() + "=" + f.engineOverride() + ", but the " + engine
                    + " engine is not on the class path (available here: " + f.available() + ")");
        }
        if (natives(f, engine) == null) {
            throw new DeviceException(f.overrideSource() + "=" + f.engineOverride() + ", but " + noNatives(f, engine)
                    + (usable(f).isEmpty() ? "" : "; " + String.join(", ", usable(f)) + " can run here"));
        }
        String reason = f.overrideSource() + "=" + f.engineOverride();
        EngineChoice c = new EngineChoice(engine, false, reason, List.of());
        if (wantCpu || f.gpus() == 0) return c;
        if (!engine.equals(GPU_ENGINE)) {
            return c.withNote(f.gpus() + " NVIDIA GPU(s) found, but " + engine
                    + " runs on the CPU here (its offline natives are CPU-only); PyTorch would use the GPU");
        }
        return new EngineChoice(engine, true, reason + "; " + gpuFound(f), List.of());
    }

    /** No engine named: the GPU if usable, else the CPU engine for this platform. */
    private static EngineChoice automatic(EngineFacts f, boolean wantCpu) {
        if (wantCpu) return cpuChoice(f, "CNNLAB_DEVICE=cpu");
        if (f.gpus() == 0) return cpuChoice(f, "no NVIDIA GPU (" + f.gpuEvidence() + ")");
        if (!f.engines().contains(GPU_ENGINE)) {
            return cpuChoice(f, gpu(f) + ", but the PyTorch engine is not on the class path, so the CPU is used");
        }
        if (f.pytorchNatives() == null) return cpuChoice(f, gpu(f) + ", but " + noGpuNatives());
        return new EngineChoice(GPU_ENGINE, true, gpuFound(f), List.of());
    }

    /**
     * The CPU engine for these facts: {@link #CPU_ENGINE} where it can run, else the first engine with natives here;
     * {@code why} leads the reason. Also the fallback when the GPU engine fails to start.
     *
     * @throws DeviceException if no engine on the class path has natives for this platform
     */
    static EngineChoice cpuChoice(EngineFacts f, String why) {
        List<String> usable = usable(f);
        if (usable.isEmpty()) {
            throw new DeviceException("no engine can run on " + f.platform() + ": " + String.join("; ",
                    f.engines().stream().sorted().map(e -> noNatives(f, e)).toList()));
        }
        String engine = usable.get(0);
        if (engine.equals(CPU_ENGINE)) return new EngineChoice(engine, false, why, List.of());
        return new EngineChoice(engine, false, why + "; " + (f.engines().contains(CPU_ENGINE)
                ? noNatives(f, CPU_ENGINE) : CPU_ENGINE + " is not on the class path") + ", so " + engine + " runs",
                List.of());
    }

    /** The engines on the class path that have natives here, {@link #CPU_ENGINE} first (what the bench compares). */
    public static List<String> usable(EngineFacts f) {
        return f.engines().stream().filter(e -> natives(f, e) != null)
                .sorted(java.util.Comparator.comparingInt(e -> KNOWN.contains(e) ? KNOWN.indexOf(e) : KNOWN.size()))
                .toList();
    }

    /** Where {@code engine}'s natives come from, or null; engines cnnlab does not know are taken as able to run. */
    private static String natives(EngineFacts f, String engine) {
        return switch (engine) {
            case "MXNet" -> f.mxnetNatives();
            case "PyTorch" -> f.pytorchNatives();
            default -> "its own jars";
        };
    }

    private static String noNatives(EngineFacts f, String engine) {
        return switch (engine) {
            case "MXNet" -> "MXNet has no native libraries for " + f.platform()
                    + " (ai.djl.mxnet:mxnet-native-mkl exists for x86_64 only; MXNET_LIBRARY_PATH is unset)";
            case "PyTorch" -> "PyTorch has no native libraries for " + f.platform() + " on the class path, "
                    + "PYTORCH_LIBRARY_PATH is unset and DJL is offline";
            default -> engine + " cannot run here";
        };
    }

    private static String gpu(EngineFacts f) {
        return "NVIDIA GPU found (" + f.gpuEvidence() + ")";
    }

    private static String gpuFound(EngineFacts f) {
        return gpu(f) + ", libtorch " + f.pytorchNatives();
    }

    private static String noGpuNatives() {
        return "DJL is offline and there is no local libtorch: set PYTORCH_LIBRARY_PATH to a libtorch "
                + "(e.g. a pip torch's torch/lib) or run once online (CNNLAB_DJL_OFFLINE=false) so DJL downloads it";
    }

    /** "cpu", "gpu" or "" (no request). */
    static String deviceKind(String request) {
        if (request == null) return "";
        String r = request.trim().toLowerCase(Locale.ROOT);
        if (r.equals("cpu")) return "cpu";
        if (r.matches("(gpu|cuda)(:\\d+)?")) return "gpu";
        throw new DeviceException("CNNLAB_DEVICE=" + request + ": expected cpu, gpu or gpu:N (e.g. gpu:0)");
    }

    /** The engine's proper spelling, matched case-insensitively against known and available names; null if unknown. */
    static String canonical(String name, java.util.Set<String> available) {
        for (String known : available) if (known.equalsIgnoreCase(name)) return known;
        for (String known : KNOWN) if (known.equalsIgnoreCase(name)) return known;
        return null;
    }
}
