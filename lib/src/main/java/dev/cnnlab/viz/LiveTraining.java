package dev.cnnlab.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.cnnlab.data.ImageData;
import dev.cnnlab.display.Display;
import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.train.Callback;
import dev.cnnlab.train.EpochStats;
import dev.cnnlab.train.Fit;
import dev.cnnlab.train.History;
import dev.cnnlab.train.TrainingState;
import dev.cnnlab.widgets.Button;
import dev.cnnlab.widgets.HBox;
import dev.cnnlab.widgets.HTML;
import dev.cnnlab.widgets.Output;
import dev.cnnlab.widgets.VBox;

/**
 * Lesson 05: training with live curves and a Stop button. The curves are redrawn after every epoch and a status
 * line every {@link #STATUS_EVERY} batches (through a {@link Callback} of the {@link Fit}); Stop calls
 * {@link Fit#stop()}, so the run ends cleanly after the batch it is computing and the history so far is shown.
 *
 * <pre>{@code
 * History h = LiveTraining.of(Fit.of(net).adam(1e-3).epochs(5).callbacks(stopping)).run(train, validation);
 * }</pre>
 *
 * Without a front end (a headless run) nobody presses Stop: training runs to its end, and the display is updated
 * once more at the end, so the saved notebook shows the final curves and history.
 */
public final class LiveTraining {
    /** Batches between updates of the status line. */
    public static final int STATUS_EVERY = 10;

    private final Fit fit;
    private final Button stop = new Button("Stop");
    private final HTML status = new HTML("not started");
    private final Output curves = new Output();
    private final VBox box = new VBox(new HBox(stop, status), curves);
    private final List<EpochStats> epochs = new ArrayList<>();

    private LiveTraining(Fit fit) {
        this.fit = fit;
        stop.buttonStyle("danger").disabled(true);
        stop.onClick(b -> {
            fit.stop();
            b.disabled(true);
            status.value("stopping after this batch …");
        });
        fit.callbacks(new Callback() {
            @Override
            public void onBatchEnd(TrainingState state) {
                if (state.steps() % STATUS_EVERY == 0) {
                    status.value("epoch " + (state.history().size() + 1) + "/" + state.epochs() + " · step " + state.steps());
                }
            }

            @Override
            public void onEpochEnd(TrainingState state, EpochStats stats) {
                synchronized (epochs) {
                    epochs.add(stats);
                }
                curves.replace(new Curves(soFar(), false));
            }
        });
    }

    /** Live curves and a Stop button for {@code fit} (its settings and callbacks stay as they are). */
    public static LiveTraining of(Fit fit) {
        return new LiveTraining(Objects.requireNonNull(fit, "fit"));
    }

    /** The Stop button and status line above the curves: what {@link #run} displays. */
    public VBox widget() {
        return box;
    }

    /** The Stop button (a test or another widget may click it). */
    public Button stopButton() {
        return stop;
    }

    /** Shows the widget, trains on {@code train} measuring on {@code validation} (may be null), returns the history. */
    public History run(ImageData train, ImageData validation) {
        synchronized (epochs) {
            epochs.clear();
        }
        curves.clear();
        status.value("starting …");
        stop.disabled(false);
        String shown = Display.show(box);
        History h = null;
        try {
            h = fit.run(train, validation);
            return h;
        } finally {
            stop.disabled(true);
            status.value(h == null ? "failed: see the error below"
                    : h.stopped() ? "stopped by request: " + h.epochs().size() + " epoch(s) kept"
                    : "done: " + h.epochs().size() + " epoch(s)");
            if (h != null) curves.replace(new Curves(h, true));
            Display.update(shown, box); // a front end without widgets (a headless run) sees the final state
        }
    }

    /** {@link #run(ImageData, ImageData)} without validation data. */
    public History run(ImageData train) {
        return run(train, null);
    }

    private History soFar() {
        synchronized (epochs) {
            return History.of(epochs, List.of(), "", false);
        }
    }

    /** The curves so far; when finished also the history's table and notes. */
    private record Curves(History history, boolean finished) implements HtmlRenderable {
        @Override
        public String toHtml() {
            return "<div>" + Html.chart(history.plot()) + (finished ? history.toHtml() : "") + "</div>";
        }

        @Override
        public String toString() {
            return history.toString();
        }
    }
}
