package dev.cnnlab.classroom;

import java.util.List;

import dev.cnnlab.compress.Int8Quantization;
import dev.cnnlab.ops.Activations;

/** Exercises of notebook 08-quantization-and-distillation. */
final class QuantizationDistillationExercises {
    static final float[] W = {0.5f, -1.27f, 0.3f, 0.02f};
    static final float[] LOGITS_OVER_T = {2 / 2f, 1 / 2f, 0 / 2f};

    private QuantizationDistillationExercises() {}

    static Lesson lesson() {
        return new Lesson("08-quantization-and-distillation", List.of(
                new Exercise("ex1", "symmetric int8 scale of w (one channel)",
                        () -> Int8Quantization.channelScales(W, 1)[0], 1e-6,
                        "the largest |w| divided by 127"),
                new Exercise("ex2", "int8 values of w with that scale",
                        QuantizationDistillationExercises::quantized, 0,
                        "divide each weight by the scale and round to the nearest integer"),
                new Exercise("ex3", "softmax(z / T) for z = (2, 1, 0), T = 2",
                        () -> Activations.softmax(LOGITS_OVER_T), 1e-5,
                        "divide the logits by T first, then take the softmax"),
                // an intermediate value of the loop, which no one-line library call returns
                new Exercise("ex3b", "the denominator of softmax(z / T): the sum of exp(z_i / T)",
                        () -> Math.exp(LOGITS_OVER_T[0]) + Math.exp(LOGITS_OVER_T[1]) + Math.exp(LOGITS_OVER_T[2]), 1e-5,
                        "Math.exp of each logit divided by T, added up")));
    }

    private static Object quantized() {
        byte[] q = Int8Quantization.quantize(W, Int8Quantization.channelScales(W, 1));
        int[] out = new int[q.length];
        for (int i = 0; i < q.length; i++) out[i] = q[i];
        return out;
    }
}
