package dev.cnnlab.nn;

import java.util.List;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.HtmlRenderable;

/**
 * A model summary like Keras' {@code model.summary()}: one row per layer with its output shape and exact
 * parameter count, then the totals; plus the multiply-accumulate operations (MACs) each layer costs per image.
 * A residual block is one row holding the totals of its layers, followed by its branch's layers (marked
 * {@code F}) and its shortcut's (marked {@code S}, or {@code S identity}); the totals count each layer once.
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
        return Net.find(layers, layerName)
                .orElseThrow(() -> new ModelException("no layer named '" + layerName + "'"));
    }

    private static String typeText(Layer l) {
        return l.name() + " (" + l.type() + ")";
    }

    /** One row, then for a residual block its branch's rows marked F and its shortcut's marked S. */
    private static void textRow(StringBuilder sb, String mark, Layer l) {
        String act = l.activation().isEmpty() || l.kind() == Layer.Kind.ACTIVATION ? "" : " +" + l.activation();
        sb.append(String.format(" %-31s %-25s %-12s %-15s%n", mark + typeText(l) + act, l.shapeText(),
                String.format("%,d", l.params()), String.format("%,d", l.macs())));
        if (l.kind() != Layer.Kind.RESIDUAL) return;
        String indent = " ".repeat(mark.length()) + "  ";
        for (Layer b : l.branch()) textRow(sb, indent + "F ", b);
        if (l.shortcut().isEmpty()) sb.append(' ').append(indent).append("S identity\n");
        for (Layer s : l.shortcut()) textRow(sb, indent + "S ", s);
    }

    /** The HTML rows of {@code l}, as {@link #textRow}. */
    private static void htmlRow(StringBuilder sb, String mark, Layer l) {
        String act = l.activation().isEmpty() ? "" : " <span style=\"color:#888\">" + Html.escape(l.activation()) + "</span>";
        boolean inner = !mark.isEmpty();
        sb.append("<tr style=\"border-bottom:1px solid ").append(inner ? "#f0f0f0" : "#ddd")
                .append("\"><td style=\"padding:2px 12px;white-space:pre\">").append(Html.escape(mark + typeText(l)))
                .append(act).append("</td><td style=\"padding:2px 12px\">").append(l.shapeText())
                .append("</td><td style=\"text-align:right;padding:2px 12px\">").append(String.format("%,d", l.params()))
                .append("</td><td style=\"text-align:right;padding:2px 12px\">").append(String.format("%,d", l.macs()))
                .append("</td></tr>");
        if (l.kind() != Layer.Kind.RESIDUAL) return;
        String indent = " ".repeat(mark.length()) + "  ";
        for (Layer b : l.branch()) htmlRow(sb, indent + "F ", b);
        if (l.shortcut().isEmpty()) {
            sb.append("<tr style=\"border-bottom:1px solid #f0f0f0\"><td style=\"padding:2px 12px;white-space:pre\">")
                    .append(indent).append("S identity</td><td></td><td></td><td></td></tr>");
        }
        for (Layer s : l.shortcut()) htmlRow(sb, indent + "S ", s);
    }

    @Override
    public String toString() {
        String rule = "_".repeat(87);
        StringBuilder sb = new StringBuilder();
        sb.append("Model: \"").append(name).append("\"\n").append(rule).append('\n');
        sb.append(String.format(" %-31s %-25s %-12s %-15s%n", "Layer (type)", "Output Shape", "Param #", "MACs"));
        sb.append("=".repeat(87)).append('\n');
        for (int i = 0; i < layers.size(); i++) {
            textRow(sb, "", layers.get(i));
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
        for (Layer l : layers) htmlRow(sb, "", l);
        sb.append("</table><div style=\"font-family:monospace\">");
        sb.append(String.format("Total params: <b>%,d</b><br>Trainable params: %,d<br>Non-trainable params: %,d<br>"
                + "Total MACs per image: %,d", totalParams(), trainableParams(), totalParams() - trainableParams(), totalMacs()));
        if (head != Head.LOGITS) sb.append("<br>Head: ").append(head.name().toLowerCase()).append(" (no parameters)");
        return sb.append("</div>").toString();
    }
}
