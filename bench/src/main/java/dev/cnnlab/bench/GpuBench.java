package dev.cnnlab.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.cnnlab.device.Devices;

/**
 * GPU rows, marked {@code [GPU]} in the same table: when the default DJL engine sees a GPU, the seed CNN trains
 * on it (batch 256, 2 epochs, 20,000 images; PyTorch with {@code --device cuda} as the peer when it sees one too).
 * Without a GPU the entry says so in one row, naming what {@code nvidia-smi} reports, so a reader can tell
 * "no GPU" from "a GPU DJL's engine cannot use" (e.g. the MXNet CPU build).
 */
final class GpuBench implements Bench.Entry {
    @Override
    public String name() {
        return "gpu";
    }

    @Override
    public List<String> run(boolean quick) throws Exception {
        int gpus = djlGpus();
        if (gpus <= 0) {
            return List.of(Row.plain("[GPU]", "GPUs used", "none", "DJL's engine sees no GPU; nvidia-smi: "
                    + nvidiaSmi() + ". CPU rows only").markdown());
        }
        List<String> rows = new ArrayList<>();
        rows.add(Row.plain("[GPU]", "GPUs used", "" + gpus, Devices.describe()).markdown());
        String torchCuda = "cuda".equals(MachineFacts.run(PeerPython.PYTHON, "-c",
                "import torch; print('cuda' if torch.cuda.is_available() else 'cpu')")) ? null : "PyTorch sees no GPU";
        TrainingBench.Config c = new TrainingBench.Config(256, 2, quick ? 1 : 2, quick ? 4000 : 20_000, true);
        if (torchCuda != null) rows.add(Row.plain("[GPU]", "PyTorch peer", "skipped", torchCuda).markdown());
        rows.addAll(TrainingBench.compare(c, List.of(Devices.choice().engine()), false, TrainingBench.SCRIPT, null,
                TrainingBench.SCHEDULE));
        return rows;
    }

    /** One line for the machine facts: what DJL sees and what nvidia-smi reports. */
    static String describeGpus() {
        int gpus = djlGpus();
        return (gpus > 0 ? gpus + " visible to DJL" : "none visible to DJL") + "; nvidia-smi: " + nvidiaSmi();
    }

    private static int djlGpus() {
        try {
            return Devices.gpuCount();
        } catch (RuntimeException e) {
            return -1;  // the engine failed to load; the facts say so under "engine"
        }
    }

    private static String nvidiaSmi() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/nvidia-smi"))
                || Files.isExecutable(Path.of("/usr/local/bin/nvidia-smi"));
        return present ? MachineFacts.run("nvidia-smi", "-L") : "not installed";
    }
}
