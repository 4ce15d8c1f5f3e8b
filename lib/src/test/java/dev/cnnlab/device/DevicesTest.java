package dev.cnnlab.device;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The real decision on this (CPU-only, offline) machine: the CPU engine ({@code CNNLAB_ENGINE} when the tests run
 * once per engine), GPU requests fall back.
 */
public class DevicesTest {
    /** The engine this JVM must have picked: the one CNNLAB_ENGINE names, else the x86_64 default. */
    public static String expectedEngine() {
        String named = System.getenv("CNNLAB_ENGINE");
        return named == null || named.isBlank() ? EngineSelection.CPU_ENGINE
                : EngineSelection.canonical(named, java.util.Set.of());
    }

    @Test
    void cpuMachineUsesTheCpuEngineAndSaysWhy() {
        assumeNoGpu();
        EngineChoice c = Devices.choice();
        String engine = expectedEngine();
        assertEquals(engine, c.engine(), c.why());
        assertFalse(c.useGpu());
        assertEquals(engine, Engine.getInstance().getEngineName(), "DJL's default follows the choice");
        String d = Devices.describe();
        assertTrue(d.startsWith(engine + " ") && d.contains(" on cpu(), ") && d.contains("CPU thread"), d);
        assertEquals(java.util.List.of(Device.cpu()), Devices.training());
    }

    @Test
    void askingForAMissingGpuGivesTheCpuAndAMessage() {
        assumeNoGpu();
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(Device.cpu(), Devices.require("gpu"));
            assertEquals(Device.cpu(), Devices.require("cuda:1"));
        } finally {
            System.setErr(old);
        }
        String msg = buf.toString(StandardCharsets.UTF_8);
        assertTrue(msg.contains("gpu asked for, but no GPU is in use") && msg.contains("using cpu()"), msg);
        assertEquals(Device.cpu(), Devices.require("CPU"));
    }

    @Test
    void unknownDeviceNameIsAnError() {
        DeviceException e = assertThrows(DeviceException.class, () -> Devices.require("tpu"));
        assertTrue(e.getMessage().contains("use cpu, gpu or gpu:N"), e.getMessage());
        assertEquals(2, Devices.gpuIndex("gpu:2"));
        assertEquals(0, Devices.gpuIndex("GPU"));
        assertEquals(-1, Devices.gpuIndex("cpu"));
    }

    @Test
    void aGpuEngineThatFailsToStartFallsBackToMxnetOnTheCpu() {
        EngineChoice gpu = new EngineChoice("PyTorch", true, "NVIDIA GPU found (test)", java.util.List.of());
        String before = System.getProperty("ai.djl.default_engine");
        try {
            EngineFacts f = new EngineFacts("linux-x86_64", 1, "test", java.util.Set.of("MXNet", "PyTorch"), null, null,
                    null, "mxnet mkl linux-x86_64 on the class path", "PYTORCH_LIBRARY_PATH=/nowhere");
            EngineChoice c = Devices.start(gpu, f, name -> {
                if (name.equals("PyTorch")) throw new ai.djl.engine.EngineException("libtorch not found (test)");
                return Engine.getEngine(name);
            });
            assertEquals("MXNet", c.engine());
            assertFalse(c.useGpu());
            assertTrue(c.why().contains("PyTorch failed to start (libtorch not found (test)): using MXNet on the CPU"),
                    c.why());
            assertEquals("MXNet", System.getProperty("ai.djl.default_engine"));
            EngineFacts named = new EngineFacts("linux-x86_64", 1, "test", java.util.Set.of("MXNet", "PyTorch"), "PyTorch",
                    "CNNLAB_ENGINE", null, "mxnet mkl linux-x86_64 on the class path", "PYTORCH_LIBRARY_PATH=/nowhere");
            DeviceException e = assertThrows(DeviceException.class, () -> Devices.start(gpu, named, name -> {
                throw new ai.djl.engine.EngineException("libtorch not found (test)");
            }));
            assertTrue(e.getMessage().contains("PyTorch engine failed to start"), e.getMessage());
        } finally {  // start() sets DJL's default engine: leave it as it was for the other tests
            if (before == null) System.clearProperty("ai.djl.default_engine");
            else System.setProperty("ai.djl.default_engine", before);
        }
    }

    private static void assumeNoGpu() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Devices.choice().useGpu(), "this machine trains on a GPU");
    }
}
