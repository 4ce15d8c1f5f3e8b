package dev.cnnlab.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * What runs where: the DJL engine in use, the GPUs it sees, the CPU threads it may use, and why.
 *
 * <pre>{@code
 * Devices.describe();      // "MXNet 1.9.1 on cpu(), 2 CPU threads — no NVIDIA GPU (...)"
 * Devices.training();      // the devices Fit trains on: every GPU in use, else the CPU
 * Devices.require("gpu");  // gpu(0) if there is one, else cpu() with a message — never an exception
 * }</pre>
 *
 * The choice ({@link EngineSelection}) is made once per JVM: PyTorch on an NVIDIA GPU and where MXNet has no
 * natives, else {@link EngineSelection#CPU_ENGINE}; {@code CNNLAB_ENGINE} and {@code CNNLAB_DEVICE} override. The chosen engine also becomes DJL's default
 * ({@code ai.djl.default_engine}), so models and managers created anywhere use the same one.
 */
public final class Devices {
    private static EngineChoice choice;

    private Devices() {}

    /**
     * The engine and device decision for this JVM, made on first use. If the GPU engine cannot start, the
     * choice falls back to the CPU engine with a note (unless the user named the engine).
     *
     * @throws DeviceException if {@code CNNLAB_ENGINE} or {@code CNNLAB_DEVICE} cannot be honoured at all, or no
     *                         engine can run here
     */
    public static synchronized EngineChoice choice() {
        if (choice == null) {
            EngineFacts facts = EngineFacts.observe();
            choice = start(EngineSelection.choose(facts), facts, Engine::getEngine);
        }
        return choice;
    }

    /**
     * Makes {@code c}'s engine DJL's default and loads it with {@code load}; if it fails to load, falls back to the
     * CPU engine that {@code f} allows without it (tests pass a failing loader; a GPU machine cannot be had in CI).
     */
    static EngineChoice start(EngineChoice c, EngineFacts f, Function<String, Engine> load) {
        System.setProperty("ai.djl.default_engine", c.engine());
        try {
            Engine e = load.apply(c.engine());
            if (c.engine().equals("PyTorch")) GlibcMalloc.keepFreedBlocks();
            if (c.useGpu() && e.getGpuCount() == 0) {
                return c.onCpu(c.engine() + " " + e.getVersion() + " sees no CUDA device (CPU-only natives, or a "
                        + "driver/CUDA mismatch): using the CPU");
            }
            return c;
        } catch (RuntimeException | UnsatisfiedLinkError err) {
            DeviceException failed = new DeviceException(c.engine() + " engine failed to start (" + c.why() + "): "
                    + err.getMessage());
            if (f.engineOverride() != null || !c.useGpu()) throw failed;
            EngineChoice cpu;
            try {
                cpu = EngineSelection.cpuChoice(f.without(c.engine()), c.reason());
            } catch (DeviceException none) {
                throw failed;
            }
            System.setProperty("ai.djl.default_engine", cpu.engine());
            return new EngineChoice(cpu.engine(), false, c.reason(), c.notes())
                    .withNote(c.engine() + " failed to start (" + firstLine(err.getMessage()) + "): using "
                            + cpu.engine() + " on the CPU");
        }
    }

    /** The chosen DJL engine ({@link #choice()}). */
    public static Engine engine() {
        return Engine.getEngine(choice().engine());
    }

    /** Number of GPUs training uses (0 on the CPU, whatever the machine has). */
    public static int gpuCount() {
        return choice().useGpu() ? engine().getGpuCount() : 0;
    }

    /** Devices training uses: the GPU named by {@code CNNLAB_DEVICE=gpu:N}, else every GPU in use, else the CPU. */
    public static List<Device> training() {
        int gpus = gpuCount();
        if (gpus == 0) return List.of(Device.cpu());
        int only = gpuIndex(System.getenv("CNNLAB_DEVICE"));
        if (only >= 0) return List.of(require("gpu:" + only));
        List<Device> all = new ArrayList<>();
        for (int i = 0; i < gpus; i++) all.add(Device.gpu(i));
        return all;
    }

    /**
     * The device named by {@code spec} ({@code cpu}, {@code gpu}, {@code gpu:N}, {@code cuda:N}). A GPU that is not
     * there gives the CPU and a message on standard error saying why — a notebook written on a GPU machine still
     * runs on a laptop.
     *
     * @throws DeviceException if {@code spec} is not a device name at all
     */
    public static Device require(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("cpu")) return Device.cpu();
        int index = gpuIndex(s);
        if (index < 0) throw new DeviceException("unknown device '" + spec + "': use cpu, gpu or gpu:N (e.g. gpu:0)");
        int gpus = gpuCount();
        if (index < gpus) return Device.gpu(index);
        System.err.println("cnnlab: " + spec + " asked for, but " + (gpus == 0 ? "no GPU is in use" : "only " + gpus
                + " GPU(s) are in use") + " (" + choice().engine() + ": " + choice().why() + "); using cpu()");
        return Device.cpu();
    }

    /** N for gpu/gpu:N/cuda:N (gpu alone is 0), -1 otherwise. */
    static int gpuIndex(String spec) {
        if (spec == null) return -1;
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (!s.matches("(gpu|cuda)(:\\d{1,3})?")) return -1;
        int colon = s.indexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(s.substring(colon + 1));
    }

    /**
     * CPU threads the engine's operators use: {@code OMP_NUM_THREADS} when set (the {@code ./cnnlab} launcher sets
     * it to the physical cores), else the engine's own default: half the processors for MXNet on x86 (it assumes
     * hyper-threading), the processors for PyTorch.
     */
    public static int cpuThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null && omp.matches("\\d+")) return Integer.parseInt(omp);
        int procs = Runtime.getRuntime().availableProcessors();
        return choice().engine().equals("MXNet") && EngineFacts.platform(System.getProperty("os.name"),
                System.getProperty("os.arch")).endsWith("x86_64") ? Math.max(1, procs / 2) : procs;
    }

    /**
     * One line: engine, version, devices, threads and why — what {@code ./cnnlab doctor} and the first line of
     * {@code Fit} print, e.g. "PyTorch 2.11.0 on gpu(0), 16 CPU threads — NVIDIA GPU found (...)".
     */
    public static String describe() {
        EngineChoice c = choice();
        Engine e = engine();
        List<Device> ds = training();
        String where = ds.size() == 1 ? ds.get(0).toString() : ds.size() + " GPUs " + ds;
        int threads = cpuThreads();
        return e.getEngineName() + " " + e.getVersion() + " on " + where + ", " + threads + " CPU thread"
                + (threads == 1 ? "" : "s") + (System.getenv("OMP_NUM_THREADS") == null ? " (OMP_NUM_THREADS unset)" : "")
                + " — " + c.why();
    }

    private static String firstLine(String s) {
        if (s == null) return "no message";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
