package dev.cnnlab.compress;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.cnnlab.nn.Net;
import dev.cnnlab.train.BatchSource;

/**
 * Adds a teacher's logits for each batch's images to its labels, for distillation. They are computed when the
 * batch is made, before the student's gradients are recorded, and cut from any gradient: constants for the student.
 */
final class TeacherLogits implements BatchSource {
    private final BatchSource images;
    private final Net teacher;

    TeacherLogits(BatchSource images, Net teacher) {
        this.images = images;
        this.teacher = teacher;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public void order(int[] permutation) {
        images.order(permutation);
    }

    @Override
    public Batch batch(NDManager manager, int from, int to, Random random) {
        Batch b = images.batch(manager, from, to, random);
        NDArray logits = teacher.forward(b.data().head(), false).stopGradient();
        logits.attach(manager);
        NDList labels = new NDList(b.labels());
        labels.add(logits);
        return new Batch(b.data(), labels);
    }

    @Override
    public String describe() {
        return images.describe() + ", with the teacher's logits";
    }

    @Override
    public void close() {
        images.close();
    }
}
