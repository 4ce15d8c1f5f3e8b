package dev.cnnlab.viz;

import java.util.List;
import java.util.Objects;

import dev.cnnlab.compress.PruningSweep;
import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.widgets.FloatSlider;
import dev.cnnlab.widgets.Interact;
import dev.cnnlab.widgets.Widgets;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lesson 07: a slider over a pruning sweep that was already measured ({@code MagnitudePruning...sweep(...)}):
 * for the chosen sparsity it shows the nearest measured model's accuracy and sparse file size, and marks it on the
 * sweep's chart. Moving the slider retrains nothing; it only looks up the sweep.
 *
 * <pre>{@code
 * var sweep = MagnitudePruning.of(baseline).perLayer().sweep(test, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98);
 * SparsityExplorer.of(sweep).show()
 * }</pre>
 */
public final class SparsityExplorer {
    private final PruningSweep sweep;
    private final List<PruningSweep.Point> points;

    private SparsityExplorer(PruningSweep sweep) {
        this.sweep = sweep;
        this.points = sweep.points();
    }

    /** An explorer of {@code sweep}'s measured points. */
    public static SparsityExplorer of(PruningSweep sweep) {
        return new SparsityExplorer(Objects.requireNonNull(sweep, "sweep"));
    }

    /** The measured points, the unpruned model first. */
    public List<PruningSweep.Point> points() {
        return points;
    }

    /**
     * The view at {@code sparsity} (a fraction in [0, 1]): the measured point nearest to it (the lower one on a
     * tie).
     *
     * @throws IllegalArgumentException if {@code sparsity} is outside [0, 1] or NaN
     */
    public View view(double sparsity) {
        if (!(sparsity >= 0 && sparsity <= 1)) {
            throw new IllegalArgumentException("sparsity must be a fraction in [0, 1], got " + sparsity);
        }
        PruningSweep.Point best = points.get(0);
        for (PruningSweep.Point p : points) {
            if (Math.abs(p.sparsity() - sparsity) < Math.abs(best.sparsity() - sparsity)) best = p;
        }
        return new View(sparsity, best, points.get(0), sweep);
    }

    /** The default view: the point nearest 90 % sparsity. */
    public View view() {
        return view(0.9);
    }

    /**
     * A sparsity slider (0 to the sweep's highest sparsity, steps of 0.01) above an output showing
     * {@link #view(double)}; it starts at {@link #view()} (90 %), also what a run without a front end shows.
     */
    public Interact widget() {
        double top = points.stream().mapToDouble(PruningSweep.Point::sparsity).max().orElse(0);
        var sparsity = new FloatSlider("sparsity", Math.min(0.9, top), 0, Math.max(0.01, Math.ceil(100 * top) / 100))
                .step(0.01);
        return Widgets.interact(() -> view(Math.min(1, sparsity.value())), sparsity);
    }

    /**
     * What the explorer shows for one slider position.
     *
     * @param asked    the sparsity the slider asked for
     * @param point    the nearest measured point
     * @param baseline the unpruned model's point
     * @param sweep    the whole sweep (for the chart and the dense file size)
     */
    public record View(double asked, PruningSweep.Point point, PruningSweep.Point baseline, PruningSweep sweep)
            implements HtmlRenderable {
        /** The sparse file's size as a fraction of the unpruned model's ordinary (dense) file. */
        public double fileFraction() {
            return (double) point.sparseBytes() / sweep.denseBytes();
        }

        /** The sweep's chart with the chosen point marked. */
        public XYChart chart() {
            XYChart c = sweep.chart();
            c.addSeries("chosen", new double[] {100 * point.sparsity()}, new double[] {100 * point.accuracy()})
                    .setMarker(SeriesMarkers.DIAMOND).setMarkerColor(java.awt.Color.RED);
            return c;
        }

        /** "90.0 % of the weights zero: accuracy 71.30 % (unpruned 88.20 %), sparse file 145,307 bytes = 0.126 of ...". */
        public String summary() {
            return String.format("%.1f %% of the weights zero%s: accuracy %.2f %% (unpruned %.2f %%), sparse file %,d bytes"
                            + " = %.3f of the dense file (%,d bytes)",
                    100 * point.sparsity(), Math.abs(point.sparsity() - asked) > 0.005
                            ? String.format(" (the measured point nearest %.0f %%)", 100 * asked) : "",
                    100 * point.accuracy(), 100 * baseline.accuracy(), point.sparseBytes(), fileFraction(),
                    sweep.denseBytes());
        }

        @Override
        public String toHtml() {
            return "<div style=\"font-family:sans-serif\"><div>" + Html.escape(summary()) + "</div>" + Html.chart(chart())
                    + "</div>";
        }

        @Override
        public String toString() {
            return summary();
        }
    }
}
