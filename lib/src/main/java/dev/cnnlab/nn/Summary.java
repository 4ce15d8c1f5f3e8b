package dev.cnnlab.nn;

import java.util.List;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;

/**
 * A model summary like Keras' {@code model.summary()}: one row per layer with its output shape and exact
 * parameter count, then the totals; plus the multiply-accumulate operations (MACs) each layer costs per image.
 * Shapes are channels first, (None, C, H, W), because that is how DJL stores images.
 */
public final class Summary implements HtmlRenderable {
    private final String name;
    private final List<Layer> layers;
    private final Head head;

    Summary(String name, List<Layer> layers, Head head) {
        this.name = name;
        this.layers = List.copyOf(layers);
        this.head = head;
    }

    /** The rows. */
    public List<Layer> layers() {
        return layers;
    }

    /** Total parameters. */
    public long totalParams() {
        return layers.stream().mapToLong(Layer::params).sum();
    }

    /** Parameters trained by gradient descent. */
    public long trainableParams() {
        return layers.stream().mapToLong(Layer::trainable).sum();
    }

    /** Multiply-accumulate operations for one image (convolutions and dense layers). */
    public long totalMacs() {
        return layers.stream().mapToLong(Layer::macs).sum();
    }

    /**
     * The layer called {@code name}.
     *
     * @throws ModelException if there is none
     */
    public Layer layer(String layerName) {
        return layers.stream().filter(l -> l.name().equals(layerName)).findFirst()
                .orElseThrow(() -> new ModelException("no layer named '" + layerName + "'"));
    }

    private static String typeText(Layer l) {
        return l.name() + " (" + l.type() + ")";
    }

    @Override
    public String toString() {
        String rule = "_".repeat(87);
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(name).append("\"\n").append(rule).append('\n');
        sb.append(String.format(" %-31s %-25s %-12s %-15s%n", "Layer (type)", "Output Shape", "Param #", "MACs"));
        sb.append("=".repeat(87)).append('\n');
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            String act = l.activation().isEmpty() || l.kind() == Layer.Kind.ACTIVATION ? "" : " +" + l.activation();
            sb.append(String.format(" %-31s %-25s %-12s %-15s%n", typeText(l) + act, l.shapeText(),
                    String.format("%,d", l.params()), String.format("%,d", l.macs())));
            if (i < layers.size() - 1) sb.append('\n');
        }
        sb.append("=".repeat(87)).append('\n');
        sb.append(String.format("Total params: %,d%n", totalParams()));
        sb.append(String.format("Trainable params: %,d%n", trainableParams()));
        sb.append(String.format("Non-trainable params: %,d%n", totalParams() - trainableParams()));
        sb.append(String.format("Total MACs per image: %,d%n", totalMacs()));
        if (head != Head.LOGITS) sb.append("Head: ").append(head.name().toLowerCase()).append(" (no parameters)\n");
        return sb.append(rule).toString();
    }

    @Override
    public String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<table style=\"border-collapse:collapse;font-family:monospace\">");
        sb.append("<caption style=\"text-align:left\">Model: <b>").append(Html.escape(name)).append("</b></caption>");
        sb.append("<tr style=\"border-bottom:2px solid #444\"><th style=\"text-align:left;padding:2px 12px\">Layer (type)</th>"
                + "<th style=\"text-align:left;padding:2px 12px\">Output Shape</th>"
                + "<th style=\"text-align:right;padding:2px 12px\">Param #</th>"
                + "<th style=\"text-align:right;padding:2px 12px\">MACs</th></tr>");
        for (Layer l : layers) {
            String act = l.activation().isEmpty() ? "" : " <span style=\"color:#888\">" + Html.escape(l.activation()) + "</span>";
            sb.append("<tr style=\"border-bottom:1px solid #ddd\"><td style=\"padding:2px 12px\">").append(Html.escape(typeText(l)))
                    .append(act).append("</td><td style=\"padding:2px 12px\">").append(l.shapeText())
                    .append("</td><td style=\"text-align:right;padding:2px 12px\">").append(String.format("%,d", l.params()))
                    .append("</td><td style=\"text-align:right;padding:2px 12px\">").append(String.format("%,d", l.macs()))
                    .append("</td></tr>");
        }
        sb.append("</table><div style=\"font-family:monospace\">");
        sb.append(String.format("Total params: <b>%,d</b><br>Trainable params: %,d<br>Non-trainable params: %,d<br>"
                + "Total MACs per image: %,d", totalParams(), trainableParams(), totalParams() - trainableParams(), totalMacs()));
        if (head != Head.LOGITS) sb.append("<br>Head: ").append(head.name().toLowerCase()).append(" (no parameters)");
        return sb.append("</div>").toString();
    }
}
