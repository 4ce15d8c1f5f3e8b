package dev.cnnlab.data;

/** For ArchitectureTest only: half of a data ↔ device cycle, which the rules must report. */
public final class CycleFixture {
    dev.cnnlab.device.CycleFixture other;
}
