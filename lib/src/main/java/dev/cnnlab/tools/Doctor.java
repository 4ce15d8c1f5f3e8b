package dev.cnnlab.tools;

import dev.cnnlab.data.DatasetCache;
import dev.cnnlab.device.DeviceException;
import dev.cnnlab.device.Devices;
import dev.cnnlab.device.EngineFacts;

/** {@code ./cnnlab doctor}: platform, engines and their natives, the engine that runs and why, datasets. */
public final class Doctor {
    private Doctor() {}

    /** Prints the report to standard output. */
    public static void main(String[] args) {
        System.out.println("  java home: " + System.getProperty("java.home"));
        EngineFacts f = EngineFacts.observe();
        System.out.println("  platform:  " + f.platform());
        System.out.println("  gpus:      " + f.gpus() + " (" + f.gpuEvidence() + ")");
        System.out.println("  engines:   " + f.available() + " on the class path");
        if (f.engines().contains("MXNet")) {
            System.out.println("    MXNet    natives: " + (f.mxnetNatives() == null ? "none for " + f.platform() : f.mxnetNatives()));
        }
        if (f.engines().contains("PyTorch")) {
            System.out.println("    PyTorch  natives: " + (f.pytorchNatives() == null ? "none (offline)" : f.pytorchNatives()));
        }
        try {
            System.out.println("  engine:    " + Devices.describe());
        } catch (DeviceException e) {
            System.out.println("  engine:    NOT USABLE: " + e.getMessage());
        }
        System.out.println("  datasets:  " + DatasetCache.root());
        DatasetCache.status().forEach((name, state) -> System.out.printf("    %-18s %s%n", name, state));
    }
}
