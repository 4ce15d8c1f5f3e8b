package dev.cnnlab.data;

/**
 * A dataset's train and test parts.
 *
 * @param train images to learn from
 * @param test  images held out for evaluation
 */
public record Split(ImageData train, ImageData test) {
    @Override
    public String toString() {
        return "Split[train=" + train + ", test=" + test + "]";
    }
}
