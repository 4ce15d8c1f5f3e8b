package dev.cnnlab.kernel;

/** For KernelArchitectureTest only: a kernel class that reaches into the ML library, which the rule must report. */
final class MlImportFixture {
    dev.cnnlab.nn.Net net;
}
