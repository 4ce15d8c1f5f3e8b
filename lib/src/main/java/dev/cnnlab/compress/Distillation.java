package dev.cnnlab.compress;

import java.util.Objects;
import java.util.function.Supplier;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.nn.Net;
import dev.cnnlab.train.Callback;
import dev.cnnlab.train.Fit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import dev.cnnlab.display.SignificantDigits;

/**
 * Knowledge distillation (Hinton, Vinyals and Dean 2015): a small student learns from a trained teacher's
 * softened outputs as well as from the labels. With temperature T and weight α the loss per image is
 * <pre>α · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 − α) · CE(y, softmax(s))</pre>
 * where t and s are the teacher's and the student's logits. A high T shows the student which wrong classes the
 * teacher finds similar (a shirt looks more like a pullover than like a boot); T² keeps that term's gradients
 * as large as the label term's.
 *
 * <pre>{@code
 * Net student = Sequential.input(1, 28, 28).conv2d(16, 3).relu().maxPool(2).conv2d(32, 3).relu().maxPool(2)
 *         .flatten().dense(48).relu().dense(10).softmax().build();
 * Distillation.of(teacher, student).temperature(4).alpha(0.7).epochs(5).run(train);   // trains the student
 * Distillation.of(teacher, null).temperature(4).alpha(0.7).epochs(5)
 *         .compare(() -> newStudent(), train, test);    // teacher vs student alone vs distilled student
 * PrunedNet p = MagnitudePruning.of(teacher).sparsity(0.5).run();
 * Distillation.of(teacher, null).epochs(2).run(p, train);   // fine-tunes the pruned copy from the teacher, masks held
 * }</pre>
 *
 * The teacher is only read. Training uses Adam, batch 64, seed 42 by default; with α = 0 it is plain
 * cross-entropy training of the student, so "alone" and "distilled" differ only in the loss.
 */
public final class Distillation {
    private final Net teacher;
    private final Net student;
    private double temperature = 4;
    private double alpha = 0.7;
    private int epochs = 5;
    private int batchSize = 64;
    private double learningRate = 1e-3;
    private long seed = 42;

    private Distillation(Net teacher, Net student) {
        this.teacher = Objects.requireNonNull(teacher, "teacher");
        this.student = student;
        if (student != null) checkPair(teacher, student);
    }

    /** Distils {@code teacher} into {@code student} (null when only {@link #compare} is used). */
    public static Distillation of(Net teacher, Net student) {
        return new Distillation(teacher, student);
    }

    /** Softmax temperature T &gt; 0 (default 4). */
    public Distillation temperature(double t) {
        if (!(t > 0) || Double.isInfinite(t)) throw new CompressionException("temperature must be positive, got " + t);
        temperature = t;
        return this;
    }

    /** Weight α in [0, 1] of the teacher's soft targets (default 0.7); 1 − α goes to the labels. */
    public Distillation alpha(double a) {
        if (!(a >= 0 && a <= 1)) throw new CompressionException("alpha must be in [0, 1], got " + a);
        alpha = a;
        return this;
    }

    /** Training epochs (default 5). */
    public Distillation epochs(int n) {
        if (n < 1) throw new CompressionException("epochs must be at least 1, got " + n);
        epochs = n;
        return this;
    }

    /** Images per step (default 64). */
    public Distillation batchSize(int n) {
        if (n < 1) throw new CompressionException("batch size must be positive, got " + n);
        batchSize = n;
        return this;
    }

    /** Adam's learning rate (default 1e-3). */
    public Distillation learningRate(double lr) {
        if (!(lr > 0)) throw new CompressionException("learning rate must be positive, got " + lr);
        learningRate = lr;
        return this;
    }

    /** Seed for the batch order (default 42). */
    public Distillation seed(long s) {
        seed = s;
        return this;
    }

    /** Trains the student in place with the distillation loss; returns the mean loss of each epoch. */
    public double[] run(ImageData train) {
        if (student == null) throw new CompressionException("no student: use Distillation.of(teacher, student)");
        return train(student, train, alpha);
    }

    /**
     * Distils the teacher into a pruned model as its fine-tuning: the distillation loss, with the pruning masks
     * re-applied after every step so that pruned weights stay exactly zero (the student given to {@link #of}, if
     * any, is not used).
     *
     * @return the mean loss of each epoch
     * @throws CompressionException if the pruned model does not take the teacher's inputs and outputs
     */
    public double[] run(PrunedNet pruned, ImageData train) {
        Objects.requireNonNull(pruned, "pruned");
        checkPair(teacher, pruned.net());
        Fit fit = fit(pruned.net(), train, alpha).callbacks(Callback.afterEachStep(state -> pruned.masks().apply()));
        return FineTuning.losses(fit.run(train));
    }

    /**
     * Trains two fresh students from {@code newStudent} with the same seed and epochs, one alone (α = 0) and one
     * distilled, and tabulates {@code model, params, accuracy %} for the teacher and both students on
     * {@code test}. The students are closed afterwards.
     */
    public Table compare(Supplier<Net> newStudent, ImageData train, ImageData test) {
        Table t = Table.create(String.format("distillation, T = %s, alpha = %s, %d epoch(s)", temperature, alpha, epochs),
                StringColumn.create("model"), LongColumn.create("params"), DoubleColumn.create("accuracy %"));
        add(t, "teacher", teacher, test);
        try (Net alone = newStudent.get()) {
            checkPair(teacher, alone);
            train(alone, train, 0);
            add(t, "student alone", alone, test);
        }
        try (Net distilled = newStudent.get()) {
            train(distilled, train, alpha);
            add(t, "student distilled", distilled, test);
        }
        return SignificantDigits.apply(t);
    }

    private static void add(Table t, String name, Net net, ImageData test) {
        t.stringColumn("model").append(name);
        t.longColumn("params").append(net.parameterCount());
        t.doubleColumn("accuracy %").append(Math.round(10000 * Measure.accuracy(net, test)) / 100.0);
    }

    private double[] train(Net s, ImageData train, double a) {
        return FineTuning.losses(fit(s, train, a).run(train));
    }

    private Fit fit(Net s, ImageData train, double a) {
        Fit fit = FineTuning.of(s, train, epochs, batchSize, learningRate, seed);
        if (a > 0) { // alpha 0: the teacher has no say, plain cross-entropy without its forward passes
            fit.loss(new DistillationLoss(s.outputs(), temperature, a)).batchSource(images -> new TeacherLogits(images, teacher));
        }
        return fit;
    }

    /**
     * The distillation loss averaged over a batch, computed on the host in double precision (the reference the
     * training loop's engine version is tested against).
     */
    public static double loss(float[][] teacherLogits, float[][] studentLogits, int[] labels, double t, double alpha) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] pt = softmax(teacherLogits[i], t), ps = softmax(studentLogits[i], t), p1 = softmax(studentLogits[i], 1);
            double kl = 0;
            for (int j = 0; j < pt.length; j++) if (pt[j] > 0) kl += pt[j] * (Math.log(pt[j]) - Math.log(ps[j]));
            sum += alpha * t * t * kl - (1 - alpha) * Math.log(p1[labels[i]]);
        }
        return sum / labels.length;
    }

    /** softmax(z / t). */
    static double[] softmax(float[] z, double t) {
        double max = Double.NEGATIVE_INFINITY;
        for (float v : z) max = Math.max(max, v / t);
        double[] p = new double[z.length];
        double sum = 0;
        for (int j = 0; j < z.length; j++) sum += p[j] = Math.exp(z[j] / t - max);
        for (int j = 0; j < z.length; j++) p[j] /= sum;
        return p;
    }

    private static void checkPair(Net teacher, Net student) {
        if (teacher == student) throw new CompressionException("teacher and student are the same model");
        if (!teacher.inputShape().equals(student.inputShape()) || teacher.outputs() != student.outputs()) {
            throw new CompressionException("the student must take the teacher's inputs " + teacher.inputShape()
                    + " and have its " + teacher.outputs() + " outputs; got " + student.inputShape() + " and " + student.outputs());
        }
    }
}
