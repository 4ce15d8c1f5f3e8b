package dev.cnnlab.nn;

/**
 * What the last layer's outputs mean. The head is applied by {@link Net#predict} but not during training:
 * the losses work on raw scores (logits) because that is numerically stable, so a head adds no parameters.
 */
public enum Head {
    /** Raw scores; classes by arg-max, trained with softmax cross-entropy. */
    LOGITS,
    /** Class probabilities by softmax over the outputs (Keras {@code activation='softmax'}). */
    SOFTMAX,
    /** Probability of the positive class for a 1-unit output (Keras {@code activation='sigmoid'}). */
    SIGMOID
}
