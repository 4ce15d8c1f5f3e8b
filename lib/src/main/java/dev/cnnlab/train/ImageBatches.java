package dev.cnnlab.train;

import java.util.Random;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.cnnlab.data.ImageData;

/**
 * Batches of images and their class numbers: gathered on the device from a copy of the whole set kept there
 * ({@link ResidentData}: no pixels cross from the host per batch), or copied on the host, where augmentation runs.
 * Both give the same batches in the same order.
 */
public final class ImageBatches implements BatchSource {
    private final ImageData data;
    private final Shape imageShape;
    private final Augment augment;
    private final ResidentData resident;
    private final Device device;
    private int[] order;

    private ImageBatches(ImageData data, Augment augment, ResidentData resident, Device device) {
        this.data = data;
        this.imageShape = data.imageShape();
        this.augment = augment;
        this.resident = resident;
        this.device = device;
    }

    /**
     * Batches of {@code data} on {@code device}. {@code onDevice}: true keeps the set on the device, false gathers on
     * the host, null decides: on the device unless augmenting or the set is over {@code CNNLAB_DEVICE_DATA_MB}.
     *
     * @throws TrainingException for {@code onDevice} true with augmentation (it runs on the host)
     */
    public static ImageBatches of(ImageData data, Augment augment, Device device, NDManager parent, Boolean onDevice) {
        return new ImageBatches(data, augment, ResidentData.of(parent, data, device, onDevice, augment != null), device);
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public void order(int[] permutation) {
        order = permutation;
        if (resident != null) resident.shuffle(permutation);
    }

    @Override
    public Batch batch(NDManager manager, int from, int to, Random random) {
        if (resident != null) {
            NDArray[] xy = resident.batch(manager, from, to);
            return new Batch(new NDList(xy[0]), new NDList(xy[1]));
        }
        int m = to - from, per = (int) imageShape.size();
        float[] pixels = data.pixels();
        int[] labels = data.labels();
        float[] x = new float[m * per];
        float[] y = new float[m];
        for (int i = 0; i < m; i++) {
            int k = order[from + i];
            System.arraycopy(pixels, k * per, x, i * per, per);
            y[i] = labels[k];
        }
        if (augment != null) augment.apply(x, m, imageShape, random);
        return new Batch(new NDList(manager.create(x, new Shape(m).addAll(imageShape))), new NDList(manager.create(y)));
    }

    @Override
    public String describe() {
        return resident != null ? String.format("kept on %s (%.0f MB), batches gathered there", device, resident.megabytes())
                : augment != null ? "batches built on the host (augmentation runs there)"
                : "batches built on the host (the set is over CNNLAB_DEVICE_DATA_MB or dataOnDevice(false))";
    }

    @Override
    public void close() {
        if (resident != null) resident.close();
    }
}
