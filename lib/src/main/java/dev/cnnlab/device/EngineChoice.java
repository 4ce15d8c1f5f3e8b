package dev.cnnlab.device;

import java.util.List;

/**
 * The engine and device kind cnnlab decided on, and why — what {@link Devices#describe()} and
 * {@code ./cnnlab doctor} report.
 *
 * @param engine  the DJL engine name ({@code MXNet} or {@code PyTorch})
 * @param useGpu  true when training should run on the GPU(s)
 * @param reason  one sentence a user can check, e.g. "NVIDIA GPU found (/proc/driver/nvidia/gpus: 1)"
 * @param notes   things the user asked for that could not be honoured (e.g. a GPU that is not there)
 */
public record EngineChoice(String engine, boolean useGpu, String reason, List<String> notes) {

    /** Copies the notes so the record stays immutable. */
    public EngineChoice {
        notes = List.copyOf(notes);
    }

    /** The same choice with one more note. */
    EngineChoice withNote(String note) {
        return new EngineChoice(engine, useGpu, reason,
                java.util.stream.Stream.concat(notes.stream(), java.util.stream.Stream.of(note)).toList());
    }

    /** The same choice, moved to the CPU for {@code why}. */
    EngineChoice onCpu(String why) {
        return new EngineChoice(engine, false, reason, notes).withNote(why);
    }

    /** "why" text: the reason, then any notes. */
    public String why() {
        return notes.isEmpty() ? reason : reason + "; " + String.join("; ", notes);
    }
}
