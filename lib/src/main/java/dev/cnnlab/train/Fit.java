package dev.cnnlab.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import ai.djl.Device;
import ai.djl.Model;
import dev.cnnlab.data.ImageData;
import dev.cnnlab.device.Devices;
import dev.cnnlab.nn.Net;

/**
 * Trains a model: the settings read like Keras' {@code model.compile(...)} and {@code model.fit(...)}.
 *
 * <pre>{@code
 * var split = data.train().split(0.1, 42);     // 10 % of every class held out for validation
 * History h = Fit.of(net).adam(1e-3).batchSize(64).epochs(5).seed(42)
 *         .callbacks(EarlyStopping.onValLoss(3))   // stopping and model choice see validation data only
 *         .run(split.train(), split.validation());
 * Evaluation.of(net, data.test());                 // the test set, touched once at the end
 * }</pre>
 *
 * Fit is cnnlab's one training loop. A classifier trains on images with the loss its head calls for: softmax
 * cross-entropy for several outputs (labels are class numbers), sigmoid binary cross-entropy for one output (labels
 * 0/1). Other kinds of training plug into the same loop: a {@link TrainingLoss} (a detector's SSD loss,
 * distillation's), a {@link BatchSource} (a detector's box targets, a teacher's logits added to the labels) and
 * {@link Callback}s after every step (pruning masks) and epoch (early stopping, checkpoints). Metrics are loss and
 * accuracy (and top-k on validation data with {@link #topK(int)}). The first line printed names the engine,
 * devices and threads; then a progress bar per epoch (one updating display in a notebook). Training stops cleanly
 * between batches when the thread is interrupted (the notebook's interrupt button) and returns the {@link History}
 * so far; {@link #stop()} does the same from another thread (a Stop button) and is reported as a stop, not an
 * interrupt. Defaults: Adam 1e-3, batch 32, 1 epoch, seed 42, no validation.
 */
public final class Fit {
    /** Optimizers Fit offers. */
    public enum Optimizer {
        /** Adam (Kingma and Ba), the seed articles' choice. */
        ADAM,
        /** Stochastic gradient descent, with optional momentum. */
        SGD
    }

    final Net net;
    final Model model;
    final Consumer<Path> saver;
    Optimizer optimizer = Optimizer.ADAM;
    float learningRate = 1e-3f;
    float momentum;
    float weightDecay;
    int batchSize = 32;
    int epochs = 1;
    long seed = 42;
    double validationSplit;
    int topK;
    boolean verbose = true;
    int syncEvery = 20;
    Augment augment;
    LrSchedule schedule = LrSchedule.constant();
    List<Device> devices;
    Boolean dataOnDevice;
    TrainingLoss loss;
    UnaryOperator<BatchSource> batchSource = UnaryOperator.identity();
    final List<Callback> callbacks = new ArrayList<>();
    /** Set by {@link #stop()} from any thread; the loop reads it between batches. */
    final AtomicBoolean stopAsked = new AtomicBoolean();

    private Fit(Net net, Model model, Consumer<Path> saver) {
        this.net = net;
        this.model = model;
        this.saver = saver;
    }

    /** Starts configuring training of {@code net}. */
    public static Fit of(Net net) {
        Objects.requireNonNull(net, "net");
        return new Fit(net, net.model(), net::save);
    }

    /**
     * Starts configuring training of any DJL model, e.g. a detector's: it trains with {@link #run(BatchSource,
     * Validator)} and the {@link #loss(TrainingLoss)} given; {@code saver} writes it to a file for {@link Checkpoint}.
     */
    public static Fit of(Model model, Consumer<Path> saver) {
        return new Fit(null, Objects.requireNonNull(model, "model"), Objects.requireNonNull(saver, "saver"));
    }

    /** Adam with the given learning rate. */
    public Fit adam(double lr) {
        optimizer = Optimizer.ADAM;
        learningRate = positive("learning rate", lr);
        return this;
    }

    /** Plain SGD with the given learning rate. */
    public Fit sgd(double lr) {
        return sgd(lr, 0);
    }

    /** SGD with momentum (e.g. 0.9). */
    public Fit sgd(double lr, double momentum) {
        optimizer = Optimizer.SGD;
        learningRate = positive("learning rate", lr);
        if (momentum < 0 || momentum >= 1) throw new TrainingException("momentum must be in [0, 1), got " + momentum);
        this.momentum = (float) momentum;
        return this;
    }

    /** L2 weight decay added by the optimizer (0 = none). */
    public Fit weightDecay(double wd) {
        if (wd < 0) throw new TrainingException("weight decay must be >= 0, got " + wd);
        weightDecay = (float) wd;
        return this;
    }

    /**
     * Images per gradient step.
     *
     * @throws TrainingException if not positive
     */
    public Fit batchSize(int n) {
        if (n <= 0) throw new TrainingException("batch size must be positive, got " + n + " (try 32 or 64)");
        batchSize = n;
        return this;
    }

    /**
     * Passes over the training data.
     *
     * @throws TrainingException if not positive
     */
    public Fit epochs(int n) {
        if (n <= 0) throw new TrainingException("epochs must be positive, got " + n);
        epochs = n;
        return this;
    }

    /** Seed for shuffling, dropout and augmentation: with the same seed on the CPU a run repeats exactly. */
    public Fit seed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Holds back the last {@code fraction} of the training images (before shuffling, as Keras'
     * validation_split does) for validation. Ignored when {@link #run(ImageData, ImageData)} gets validation data.
     */
    public Fit validationSplit(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new TrainingException("validationSplit must be in (0, 1), got " + fraction);
        }
        validationSplit = fraction;
        return this;
    }

    /** Also reports top-k accuracy on the validation data. */
    public Fit topK(int k) {
        if (k <= 0) throw new TrainingException("k must be positive, got " + k);
        topK = k;
        return this;
    }

    /** Random changes of each training batch (Keras' ImageDataGenerator). */
    public Fit augment(Augment a) {
        augment = a;
        return this;
    }

    /** How the learning rate changes over the epochs (default constant). */
    public Fit lrSchedule(LrSchedule s) {
        schedule = Objects.requireNonNull(s, "schedule");
        return this;
    }

    /** Callbacks such as {@link EarlyStopping} and {@link Checkpoint}. */
    public Fit callbacks(Callback... cs) {
        for (Callback c : cs) callbacks.add(Objects.requireNonNull(c, "callback"));
        return this;
    }

    /** False: no device line, no progress bars (for tests and benchmarks). */
    public Fit verbose(boolean v) {
        verbose = v;
        return this;
    }

    /**
     * Keeps the whole training set on the (first) training device and gathers batches there: no host copy per
     * batch. Default (not called): on when there is no augmentation and the images fit in
     * {@code CNNLAB_DEVICE_DATA_MB} (1024 MB); {@code true} with augmentation is an error (it runs on the host).
     */
    public Fit dataOnDevice(boolean on) {
        dataOnDevice = on;
        return this;
    }

    /**
     * The loss to minimise instead of the classifier's (softmax or sigmoid cross-entropy by the head), e.g.
     * distillation's; it also says what counts as a hit for the accuracy.
     */
    public Fit loss(TrainingLoss l) {
        loss = Objects.requireNonNull(l, "loss");
        return this;
    }

    /**
     * Wraps the batches before they reach the model, e.g. to add a teacher's logits to the labels for distillation.
     */
    public Fit batchSource(UnaryOperator<BatchSource> wrap) {
        batchSource = Objects.requireNonNull(wrap, "wrap");
        return this;
    }

    /** How many batches between reads of the running loss (the only wait on the engine inside an epoch; default 20). */
    public Fit syncEvery(int batches) {
        if (batches <= 0) throw new TrainingException("syncEvery must be positive, got " + batches);
        syncEvery = batches;
        return this;
    }

    /** Devices to train on (default {@link Devices#training()}: every GPU, else the CPU). */
    public Fit devices(List<Device> ds) {
        if (ds.isEmpty()) throw new TrainingException("no devices given");
        devices = List.copyOf(ds);
        return this;
    }

    /**
     * Trains on {@code data.train()}, measuring {@code data.test()} after every epoch: for watching curves only.
     * With {@link EarlyStopping} or any choice made from these numbers the test set would choose the model; hold
     * out validation data instead ({@link ImageData#split}) and use {@link #run(ImageData, ImageData)}.
     */
    public History run(dev.cnnlab.data.Split data) {
        return run(data.train(), data.test());
    }

    /** Trains on {@code train} (with {@link #validationSplit} if set), returns the per-epoch history. */
    public History run(ImageData train) {
        return run(train, null);
    }

    /**
     * Trains on {@code train}, measuring on {@code validation} after every epoch.
     *
     * @throws TrainingException for an empty dataset, labels the model cannot output, or a NaN loss
     * @throws dev.cnnlab.nn.ModelException if the images do not have the model's input shape
     */
    public History run(ImageData train, ImageData validation) {
        Objects.requireNonNull(train, "train");
        if (net == null) {
            throw new TrainingException("Fit.of(model, saver) trains from a BatchSource: use run(BatchSource, Validator)");
        }
        if (train.size() == 0) throw new TrainingException("the training set is empty: nothing to learn from");
        if (validation == null && validationSplit > 0) {
            int nVal = (int) Math.round(train.size() * validationSplit);
            if (nVal == 0 || nVal == train.size()) {
                throw new TrainingException("validationSplit " + validationSplit + " of " + train.size()
                        + " images leaves nothing to " + (nVal == 0 ? "validate on" : "train on"));
            }
            validation = train.slice(train.size() - nVal, train.size());
            train = train.slice(0, train.size() - nVal);
        }
        if (validation != null && validation.size() == 0) {
            throw new TrainingException("the validation set is empty: pass null or more images");
        }
        checkData(train, "training");
        if (validation != null) checkData(validation, "validation");
        List<Device> ds = devices();
        ImageData val = validation;
        return run(ImageBatches.of(train, augment, ds.get(0), model.getNDManager(), dataOnDevice),
                val == null ? null : () -> Validation.measure(net, val, topK));
    }

    /**
     * Trains on the batches of {@code train} (closed afterwards), measuring with {@code validation} (may be null)
     * after every epoch: the form every other {@code run} comes to, and the one detectors use.
     *
     * @throws TrainingException for an empty source or a NaN loss
     */
    public History run(BatchSource train, Validator validation) {
        try (BatchSource source = batchSource.apply(Objects.requireNonNull(train, "train"))) {
            if (source.size() == 0) throw new TrainingException("the training set is empty: nothing to learn from");
            return new TrainingLoop(this, devices()).run(source, validation);
        }
    }

    /**
     * Asks the run in progress to end after the batch it is computing: safe to call from any thread (a widget's
     * Stop button runs on another thread than the training). That run returns normally; its {@link History} keeps
     * every finished epoch, leaves out the partial one (as after an interrupt), says {@link History#stopped()} and
     * has a note "stopped by request in epoch e after batch b of n". Callbacks still get {@code onTrainEnd}, so
     * {@link EarlyStopping} restores its best weights as usual. A call while nothing runs is forgotten: every
     * {@code run} starts unstopped.
     */
    public void stop() {
        stopAsked.set(true);
    }

    /** The loss the loop minimises: the one given, else the classifier's. */
    TrainingLoss loss() {
        if (loss == null) loss = ClassificationLoss.forOutputs(net.outputs());
        return loss;
    }

    private List<Device> devices() {
        return devices == null ? Devices.training() : devices;
    }

    private void checkData(ImageData data, String what) {
        if (data.size() == 0) throw new TrainingException("the " + what + " set is empty");
        net.checkInput(data.imageShape());
        boolean binary = net.outputs() == 1;
        int limit = binary ? 2 : net.outputs();
        int[] labels = data.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= limit) {
                throw new TrainingException("label " + labels[i] + " of " + what + " image " + i + " is outside [0, "
                        + limit + "): the model's last layer has " + net.outputs() + " output(s)"
                        + (binary ? " (a 1-unit sigmoid head learns labels 0 and 1)" : "")
                        + "; make the last dense layer as wide as the number of classes");
            }
        }
    }

    private static float positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) throw new TrainingException(what + " must be positive, got " + v);
        return (float) v;
    }
}
