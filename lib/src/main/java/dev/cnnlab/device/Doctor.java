package dev.cnnlab.device;

import dev.cnnlab.data.DatasetCache;

/** {@code ./cnnlab doctor}: engine, devices and dataset cache state, for humans. */
public final class Doctor {
    private Doctor() {}

    /** Prints the report to standard output. */
    public static void main(String[] args) {
        System.out.println("  java home: " + System.getProperty("java.home"));
        System.out.println("  engine:    " + Devices.describe());
        System.out.println("  datasets:  " + DatasetCache.root());
        DatasetCache.status().forEach((name, state) -> System.out.printf("    %-18s %s%n", name, state));
    }
}
