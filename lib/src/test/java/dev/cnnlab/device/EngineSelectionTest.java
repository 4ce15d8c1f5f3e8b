package dev.cnnlab.device;

import java.util.Set;

import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/** The decision table with injected facts: no GPU, no network, no PyTorch jar needed. */
class EngineSelectionTest {
    private static final Set<String> BOTH = Set.of("MXNet", "PyTorch");
    private static final Set<String> MXNET = Set.of("MXNet");
    private static final String LOCAL = "PYTORCH_LIBRARY_PATH=/opt/torch/lib";

    private static EngineFacts facts(int gpus, Set<String> engines, String override, String device, String natives) {
        return new EngineFacts(gpus, gpus > 0 ? "/proc/driver/nvidia/gpus: " + gpus : "no NVIDIA driver", engines,
                override, override == null ? null : "CNNLAB_ENGINE", device, natives);
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
    void hiddenGpusDoNotCount() {
        String[] r = EngineFacts.probeGpus("-1");
        assertEquals("0", r[0]);
        assertTrue(r[1].contains("CUDA_VISIBLE_DEVICES"), r[1]);
    }
}
