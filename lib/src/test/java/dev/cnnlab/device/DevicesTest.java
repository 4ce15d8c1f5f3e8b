package dev.cnnlab.device;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

/** The real decision on this (CPU-only, offline) machine: MXNet on the CPU, GPU requests fall back. */
class DevicesTest {
    @Test
    void cpuMachineUsesMxnetAndSaysWhy() {
        assumeNoGpu();
        EngineChoice c = Devices.choice();
        assertEquals("MXNet", c.engine());
        assertFalse(c.useGpu());
        assertEquals("MXNet", Engine.getInstance().getEngineName(), "DJL's default follows the choice");
        String d = Devices.describe();
        assertTrue(d.startsWith("MXNet ") && d.contains(" on cpu(), ") && d.contains("CPU threads — "), d);
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
        try {
            EngineChoice c = Devices.start(gpu, false, name -> {
                if (name.equals("PyTorch")) throw new ai.djl.engine.EngineException("libtorch not found (test)");
                return Engine.getEngine(name);
            });
            assertEquals("MXNet", c.engine());
            assertFalse(c.useGpu());
            assertTrue(c.why().contains("PyTorch failed to start (libtorch not found (test)): using MXNet on the CPU"),
                    c.why());
            assertEquals("MXNet", System.getProperty("ai.djl.default_engine"));
            DeviceException e = assertThrows(DeviceException.class, () -> Devices.start(gpu, true, name -> {
                throw new ai.djl.engine.EngineException("libtorch not found (test)");
            }));
            assertTrue(e.getMessage().contains("PyTorch engine failed to start"), e.getMessage());
        } finally {
            System.setProperty("ai.djl.default_engine", Devices.choice().engine());
        }
    }

    private static void assumeNoGpu() {
        org.junit.jupiter.api.Assumptions.assumeFalse(Devices.choice().useGpu(), "this machine trains on a GPU");
    }
}
