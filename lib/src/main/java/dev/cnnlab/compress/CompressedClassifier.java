package dev.cnnlab.compress;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.nn.Classifier;
import dev.cnnlab.nn.Head;
import dev.cnnlab.nn.Net;

/** A classifier made from a {@link Net}: it takes the net's images and reads its outputs the net's way. */
public interface CompressedClassifier extends Classifier {
    /** The net it was made from (pruned in place, or the float model behind an int8 one). */
    Net net();

    @Override
    default Shape inputShape() {
        return net().inputShape();
    }

    @Override
    default Head head() {
        return net().head();
    }

    @Override
    default NDManager manager() {
        return net().manager();
    }
}
