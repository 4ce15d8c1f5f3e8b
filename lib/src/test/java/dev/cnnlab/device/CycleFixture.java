package dev.cnnlab.device;

/** For ArchitectureTest only: half of a data ↔ device cycle, which the rules must report. */
public final class CycleFixture {
    dev.cnnlab.data.CycleFixture other;
}
