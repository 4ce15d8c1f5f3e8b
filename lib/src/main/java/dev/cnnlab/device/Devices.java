package dev.cnnlab.device;

import java.util.Arrays;
import java.util.List;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * What runs where: the DJL engine in use, the GPUs it sees, and the CPU threads it may use.
 *
 * <pre>{@code
 * Devices.describe();   // "MXNet 1.9.1 on cpu(), 2 threads (no GPU visible)"
 * Devices.training();   // the devices Fit trains on: every GPU, else the CPU
 * }</pre>
 */
public final class Devices {
    private Devices() {}

    /** The default DJL engine (MXNet on the CPU unless {@code CNNLAB_ENGINE} or a GPU says otherwise). */
    public static Engine engine() {
        String wanted = System.getenv("CNNLAB_ENGINE");
        return wanted == null || wanted.isBlank() ? Engine.getInstance() : Engine.getEngine(wanted);
    }

    /** Number of GPUs the engine can use (0 on a machine without CUDA). */
    public static int gpuCount() {
        return engine().getGpuCount();
    }

    /** Devices training uses: all visible GPUs, else the CPU. */
    public static List<Device> training() {
        Device[] gpus = engine().getDevices(gpuCount());
        return gpuCount() > 0 ? Arrays.asList(gpus) : List.of(Device.cpu());
    }

    /** CPU threads available to the engine's operators. */
    public static int cpuThreads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null && omp.matches("\\d+")) return Integer.parseInt(omp);
        return Runtime.getRuntime().availableProcessors();
    }

    /** One line: engine, version, devices, threads — what {@code ./cnnlab doctor} and {@code Fit} print. */
    public static String describe() {
        Engine e = engine();
        int gpus = gpuCount();
        String where = gpus > 0 ? gpus + " GPU(s) " + training() : "cpu()";
        String why = gpus > 0 ? "" : " (no GPU visible)";
        return e.getEngineName() + " " + e.getVersion() + " on " + where + ", "
                + cpuThreads() + " CPU threads" + why;
    }
}
