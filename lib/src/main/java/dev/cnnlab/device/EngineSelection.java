package dev.cnnlab.device;

import java.util.List;
import java.util.Locale;

/**
 * Decides the engine and device kind from {@link EngineFacts}; pure logic, so tests inject the facts.
 *
 * <ol>
 *   <li>An engine the user named ({@code CNNLAB_ENGINE}, else {@code -Dai.djl.default_engine}) wins; an unknown
 *       or absent one is an error that lists what is available.</li>
 *   <li>Otherwise, with an NVIDIA GPU, the PyTorch engine on the GPU — if it is on the class path and has
 *       natives (a local libtorch from {@code PYTORCH_LIBRARY_PATH}, DJL's cache, or DJL's download).</li>
 *   <li>Otherwise MXNet on the CPU: the offline default (its CPU natives come from Maven Central).</li>
 * </ol>
 * {@code CNNLAB_DEVICE=cpu} keeps everything on the CPU; {@code CNNLAB_DEVICE=gpu} without a usable GPU falls
 * back to the CPU with a note, never an error.
 */
public final class EngineSelection {
    /** The offline default engine. */
    public static final String DEFAULT_ENGINE = "MXNet";
    /** The engine cnnlab uses on NVIDIA GPUs. */
    public static final String GPU_ENGINE = "PyTorch";

    private EngineSelection() {}

    /**
     * The choice for these facts.
     *
     * @throws DeviceException if the user named an engine that is unknown or not on the class path, or
     *                         {@code CNNLAB_DEVICE} holds something other than cpu/gpu/gpu:N
     */
    public static EngineChoice choose(EngineFacts f) {
        if (f.engines().isEmpty()) {
            throw new DeviceException("no DJL engine on the class path: add ai.djl.mxnet:mxnet-engine "
                    + "(./cnnlab and the Maven build do this)");
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
                    + available(f) + " (or unset it: MXNet on the CPU, PyTorch on an NVIDIA GPU)");
        }
        if (!f.engines().contains(engine)) {
            throw new DeviceException(f.overrideSource() + "=" + f.engineOverride() + ", but the " + engine
                    + " engine is not on the class path (available here: " + available(f) + ")"
                    + (engine.equals(GPU_ENGINE) ? "; start through ./cnnlab, which adds it, or add "
                    + "ai.djl.pytorch:pytorch-engine to the class path" : ""));
        }
        String reason = f.overrideSource() + "=" + f.engineOverride();
        EngineChoice c = new EngineChoice(engine, false, reason, List.of());
        if (wantCpu) return c;
        if (f.gpus() == 0) return c;
        if (!engine.equals(GPU_ENGINE)) {
            return c.withNote(f.gpus() + " NVIDIA GPU(s) found, but " + engine
                    + " runs on the CPU here (its offline natives are CPU-only); PyTorch would use the GPU");
        }
        if (f.pytorchNatives() == null) return c.withNote(noNatives());
        return new EngineChoice(engine, true, reason + "; " + gpuFound(f), List.of());
    }

    /** No engine named: GPU if usable, else the offline default. */
    private static EngineChoice automatic(EngineFacts f, boolean wantCpu) {
        String fallback = f.engines().contains(DEFAULT_ENGINE) ? DEFAULT_ENGINE : f.engines().iterator().next();
        if (wantCpu) return new EngineChoice(fallback, false, "CNNLAB_DEVICE=cpu", List.of());
        if (f.gpus() == 0) {
            return new EngineChoice(fallback, false, "no NVIDIA GPU (" + f.gpuEvidence() + ")", List.of());
        }
        if (!f.engines().contains(GPU_ENGINE)) {
            return new EngineChoice(fallback, false, gpuFound(f) + ", but the PyTorch engine is not on the class "
                    + "path, so the CPU is used (./cnnlab adds it when it sees a GPU)", List.of());
        }
        if (f.pytorchNatives() == null) {
            return new EngineChoice(fallback, false, gpuFound(f) + ", but " + noNatives(), List.of());
        }
        return new EngineChoice(GPU_ENGINE, true, gpuFound(f), List.of());
    }

    private static String gpuFound(EngineFacts f) {
        return "NVIDIA GPU found (" + f.gpuEvidence() + "), libtorch " + f.pytorchNatives();
    }

    private static String noNatives() {
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
        for (String known : List.of(DEFAULT_ENGINE, GPU_ENGINE)) if (known.equalsIgnoreCase(name)) return known;
        return null;
    }

    private static String available(EngineFacts f) {
        return String.join(", ", new java.util.TreeSet<>(f.engines()));
    }
}
