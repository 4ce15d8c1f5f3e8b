package dev.cnnlab.train;

/**
 * The numbers of one finished epoch. Validation values are {@code NaN} when there was no validation data.
 *
 * @param epoch        1-based epoch number
 * @param loss         mean training loss over the epoch
 * @param accuracy     training accuracy over the epoch
 * @param valLoss      loss on the validation data after the epoch
 * @param valAccuracy  accuracy on the validation data after the epoch
 * @param valTopK      top-k accuracy on the validation data ({@code NaN} unless {@link Fit#topK(int)} was set)
 * @param learningRate learning rate at the end of the epoch
 * @param seconds      wall time of the epoch, training and validation
 * @param imagesPerSecond training images per second (training part only)
 */
public record EpochStats(int epoch, double loss, double accuracy, double valLoss, double valAccuracy,
                         double valTopK, double learningRate, double seconds, double imagesPerSecond) {
    /** The value of a monitored quantity by Keras name: loss, accuracy, val_loss, val_accuracy. */
    public double get(String metric) {
        return switch (metric) {
            case "loss" -> loss;
            case "accuracy", "acc" -> accuracy;
            case "val_loss" -> valLoss;
            case "val_accuracy", "val_acc" -> valAccuracy;
            default -> throw new TrainingException("unknown metric '" + metric
                    + "': use loss, accuracy, val_loss or val_accuracy");
        };
    }
}
