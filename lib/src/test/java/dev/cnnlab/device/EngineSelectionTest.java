package dev.cnnlab.device;

import java.util.Set;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/** The decision table with injected facts: no GPU, no network, no PyTorch jar needed. */
class EngineSelectionTest {
    private static final Set<String> BOTH = Set.of("MXNet", "PyTorch");
    private static final Set<String> MXNET = Set.of("MXNet");
    private static final String LOCAL = "PYTORCH_LIBRARY_PATH=/opt/torch/lib";
    private static final String MX_JAR = "mxnet mkl linux-x86_64 on the class path";

    /** Linux x86_64, where both engines have natives (MXNet's jar; libtorch as given). */
    private static EngineFacts facts(int gpus, Set<String> engines, String override, String device, String natives) {
        return facts("linux-x86_64", gpus, engines, override, device, MX_JAR, natives);
    }

    private static EngineFacts facts(String platform, int gpus, Set<String> engines, String override, String device,
                                     String mxnet, String pytorch) {
        return new EngineFacts(platform, gpus, gpus > 0 ? "/proc/driver/nvidia/gpus: " + gpus : "no NVIDIA driver",
                engines, override, override == null ? null : "CNNLAB_ENGINE", device, mxnet, pytorch);
    }

    @Test
    void noGpuMeansMxnetOnTheCpuEvenWithPyTorchPresent() {
        EngineChoice c = EngineSelection.choose(facts(0, BOTH, null, null, LOCAL));
        assertEquals("MXNet", c.engine());
        assertFalse(c.useGpu());
        assertTrue(c.reason().contains("no NVIDIA GPU"), c.reason());
    }

    @Test
    void gpuWithPyTorchAndLocalLibtorchTrainsOnTheGpu() {
        EngineChoice c = EngineSelection.choose(facts(2, BOTH, null, null, LOCAL));
        assertEquals("PyTorch", c.engine());
        assertTrue(c.useGpu());
        assertTrue(c.reason().contains("NVIDIA GPU found") && c.reason().contains(LOCAL), c.reason());
    }

    @Test
    void gpuOnlineWithoutLocalLibtorchLetsDjlDownload() {
        EngineChoice c = EngineSelection.choose(facts(1, BOTH, null, null, "downloaded by DJL on first use into ~/.djl.ai/pytorch"));
        assertEquals("PyTorch", c.engine());
        assertTrue(c.useGpu());
    }

    @Test
    void gpuOfflineWithoutAnyLibtorchStaysOnTheCpuAndSaysHowToFixIt() {
        EngineChoice c = EngineSelection.choose(facts(1, BOTH, null, null, null));
        assertEquals("MXNet", c.engine());
        assertFalse(c.useGpu());
        assertTrue(c.why().contains("PYTORCH_LIBRARY_PATH"), c.why());
    }

    @Test
    void gpuWithoutThePyTorchJarStaysOnTheCpu() {
        EngineChoice c = EngineSelection.choose(facts(1, MXNET, null, null, LOCAL));
        assertEquals("MXNet", c.engine());
        assertFalse(c.useGpu());
        assertTrue(c.why().contains("not on the class path"), c.why());
    }

    @Test
    void cnnlabDeviceCpuKeepsTheCpuOnAGpuMachine() {
        EngineChoice c = EngineSelection.choose(facts(1, BOTH, null, "cpu", LOCAL));
        assertEquals("MXNet", c.engine());
        assertFalse(c.useGpu());
        assertEquals("CNNLAB_DEVICE=cpu", c.reason());
    }

    @Test
    void askingForAGpuThatIsNotThereFallsBackWithANote() {
        EngineChoice c = EngineSelection.choose(facts(0, BOTH, null, "gpu", LOCAL));
        assertFalse(c.useGpu());
        assertEquals(1, c.notes().size());
        assertTrue(c.notes().get(0).contains("CNNLAB_DEVICE=gpu") && c.notes().get(0).contains("using the CPU"),
                c.notes().get(0));
    }

    @Test
    void overrideIsCaseInsensitiveAndWins() {
        EngineChoice c = EngineSelection.choose(facts(0, BOTH, "pytorch", null, LOCAL));
        assertEquals("PyTorch", c.engine());
        assertFalse(c.useGpu());
        assertEquals("CNNLAB_ENGINE=pytorch", c.reason());
        EngineChoice m = EngineSelection.choose(facts(1, BOTH, "MXNet", null, LOCAL));
        assertEquals("MXNet", m.engine());
        assertFalse(m.useGpu());
        assertTrue(m.why().contains("CPU-only"), m.why());
        EngineChoice p = EngineSelection.choose(facts(1, BOTH, "PyTorch", null, LOCAL));
        assertTrue(p.useGpu());
    }

    @Test
    void unknownEngineListsTheAvailableOnes() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> EngineSelection.choose(facts(0, BOTH, "TensorFlow", null, LOCAL)));
        assertTrue(e.getMessage().contains("CNNLAB_ENGINE=TensorFlow") && e.getMessage().contains("MXNet, PyTorch"),
                e.getMessage());
    }

    @Test
    void namedEngineMissingFromTheClassPathSaysHowToGetIt() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> EngineSelection.choose(facts(1, MXNET, "PyTorch", null, LOCAL)));
        assertTrue(e.getMessage().contains("not on the class path") && e.getMessage().contains("available here: MXNet"),
                e.getMessage());
    }

    @Test
    void badDeviceNameIsAClearError() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> EngineSelection.choose(facts(0, MXNET, null, "tpu", null)));
        assertTrue(e.getMessage().contains("expected cpu, gpu or gpu:N"), e.getMessage());
        assertEquals("gpu", EngineSelection.deviceKind("cuda:1"));
        assertEquals("gpu", EngineSelection.deviceKind("GPU:0"));
    }

    @Test
    void armLinuxAndAppleSiliconTrainWithPyTorchBecauseMxnetHasNoNatives() {
        for (String platform : new String[] {"linux-aarch64", "osx-aarch64"}) {
            EngineChoice c = EngineSelection.choose(facts(platform, 0, BOTH, null, null, null,
                    "pytorch cpu " + platform + " on the class path"));
            assertEquals("PyTorch", c.engine(), platform);
            assertFalse(c.useGpu());
            assertTrue(c.reason().contains("MXNet has no native libraries for " + platform)
                    && c.reason().contains("x86_64 only") && c.reason().endsWith("so PyTorch runs"), c.reason());
        }
    }

    @Test
    void x86WithBothEnginesTakesTheMeasuredFasterOneAndSaysWhyNotTheOther() {
        EngineChoice c = EngineSelection.choose(facts(0, BOTH, null, null, "pytorch cpu linux-x86_64 on the class path"));
        assertEquals(EngineSelection.CPU_ENGINE, c.engine());
        assertEquals("no NVIDIA GPU (no NVIDIA driver)", c.reason());
        // an Intel Mac: MXNet's natives exist, PyTorch 2.7's do not
        EngineChoice mac = EngineSelection.choose(facts("osx-x86_64", 0, BOTH, null, null,
                "mxnet mkl osx-x86_64 on the class path", null));
        assertEquals("MXNet", mac.engine());
    }

    @Test
    void namingAnEngineWithoutNativesHereIsAnErrorThatSaysWhatCanRun() {
        DeviceException e = assertThrows(DeviceException.class, () -> EngineSelection.choose(facts("linux-aarch64", 0,
                BOTH, "MXNet", null, null, "pytorch cpu linux-aarch64 on the class path")));
        assertTrue(e.getMessage().startsWith("CNNLAB_ENGINE=MXNet, but MXNet has no native libraries for linux-aarch64")
                && e.getMessage().endsWith("; PyTorch can run here"), e.getMessage());
        EngineChoice p = EngineSelection.choose(facts("linux-aarch64", 0, BOTH, "pytorch", null, null,
                "pytorch cpu linux-aarch64 on the class path"));
        assertEquals("PyTorch", p.engine());
    }

    @Test
    void noEngineWithNativesIsAnErrorNamingEachEnginesProblem() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> EngineSelection.choose(facts("linux-riscv64", 0, BOTH, null, null, null, null)));
        assertTrue(e.getMessage().startsWith("no engine can run on linux-riscv64: MXNet has no native libraries")
                && e.getMessage().contains("PyTorch has no native libraries for linux-riscv64"), e.getMessage());
    }

    @Test
    void platformNamesFollowDjlsNativeJars() {
        assertEquals("linux-x86_64", EngineFacts.platform("Linux", "amd64"));
        assertEquals("linux-aarch64", EngineFacts.platform("Linux", "aarch64"));
        assertEquals("osx-aarch64", EngineFacts.platform("Mac OS X", "aarch64"));
        assertEquals("osx-x86_64", EngineFacts.platform("Mac OS X", "x86_64"));
        assertEquals("win-x86_64", EngineFacts.platform("Windows 11", "amd64"));
    }

    @Test
    void theBuildPutsBothEnginesNativesForThisPlatformOnTheClassPath() {
        String platform = EngineFacts.platform(System.getProperty("os.name"), System.getProperty("os.arch"));
        org.junit.jupiter.api.Assumptions.assumeTrue(platform.equals("linux-x86_64"), "natives checked on linux-x86_64");
        assertEquals("pytorch cpu linux-x86_64", EngineFacts.nativeJar("pytorch", platform));
        assertEquals("mxnet mkl linux-x86_64", EngineFacts.nativeJar("mxnet", platform));
        assertNull(EngineFacts.nativeJar("pytorch", "linux-aarch64"));
    }

    @Test
    void hiddenGpusDoNotCount() {
        String[] r = EngineFacts.probeGpus("-1");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("CUDA_VISIBLE_DEVICES"), r[1]);
    }
}
