package dev.cnnlab.nn;

import ai.djl.ndarray.types.Shape;

/**
 * One row of a model summary: a Keras-style layer (with its fused activation, if any).
 *
 * @param name        Keras-style name, e.g. {@code conv2d_1}, {@code max_pooling2d}, {@code dense}
 * @param type        Keras class name, e.g. {@code Conv2D}, {@code MaxPooling2D}, {@code Dense}
 * @param activation  activation applied inside the layer ({@code relu}, {@code sigmoid}, ...) or {@code ""}
 * @param outputShape output shape of one sample, channels first, e.g. (32, 26, 26)
 * @param params      number of parameters (weights and biases; BatchNorm also counts its running statistics)
 * @param trainable   how many of {@code params} are trained by gradient descent
 * @param macs        multiply-accumulate operations for one sample (convolutions and dense layers; 0 otherwise)
 */
public record Layer(String name, String type, String activation, Shape outputShape, long params,
                    long trainable, long macs) {
    /** The output shape written like Keras, with {@code None} for the batch: {@code (None, 32, 26, 26)}. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder("(None");
        for (long d : outputShape.getShape()) sb.append(", ").append(d);
        return sb.append(')').toString();
    }
}
