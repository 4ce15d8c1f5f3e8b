package dev.cnnlab.device;

import dev.cnnlab.data.DatasetCache;

/** {@code ./cnnlab doctor}: engine, devices and dataset cache state, for humans. */
public final class Doctor {
    private Doctor() {}

    /** Prints the report to standard output. */
    public static void main(String[] args) {
        System.out.println("  java home: " + System.getProperty("java.home"));
        EngineFacts f = EngineFacts.observe();
        System.out.println("  gpus:      " + f.gpus() + " (" + f.gpuEvidence() + ")");
        System.out.println("  engines:   " + String.join(", ", new java.util.TreeSet<>(f.engines()))
                + " on the class path" + (f.pytorchNatives() == null ? "" : "; libtorch: " + f.pytorchNatives()));
        try {
            System.out.println("  engine:    " + Devices.describe());
        } catch (DeviceException e) {
            System.out.println("  engine:    NOT USABLE: " + e.getMessage());
        }
        System.out.println("  datasets:  " + DatasetCache.root());
        DatasetCache.status().forEach((name, state) -> System.out.printf("    %-18s %s%n", name, state));
    }
}
