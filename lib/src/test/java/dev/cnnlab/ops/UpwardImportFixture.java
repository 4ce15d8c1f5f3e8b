package dev.cnnlab.ops;

import dev.cnnlab.train.Fit;

/** For ArchitectureTest only: an ops class that reaches up into train, which the layering must report. */
public final class UpwardImportFixture {
    Fit fit;
}
