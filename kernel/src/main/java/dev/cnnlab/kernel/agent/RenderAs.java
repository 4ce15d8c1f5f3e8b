package dev.cnnlab.kernel.agent;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * IJava's {@code render(value, mimeTypes...)}: the value as the requested MIME types rather than its preferred
 * ones, plus {@code text/plain} always. A string is taken as the content of each requested text-like type
 * ({@code display("<b>hi</b>", "text/html")}, {@code render(md, "text/markdown")}); an image can also be JPEG, GIF
 * or BMP, a chart SVG; other values keep those of their usual types that were asked for. A type the value cannot
 * be shown as is left out, as in IJava. A type may end in {@code /*} ({@code image/*}); {@code *} asks for all.
 */
final class RenderAs {
    /** Types whose content is text, so that a string can be shown as them. */
    private static final List<String> TEXT_TYPES = List.of("text/", "application/javascript", "application/json",
            "image/svg+xml", "application/xml");

    private RenderAs() {}

    static MimeBundle render(Object value, String... mimeTypes) {
        if (mimeTypes == null || mimeTypes.length == 0) return AgentRenderer.render(value);
        MimeBundle preferred = AgentRenderer.render(value);
        MimeBundle out = MimeBundle.text(preferred.data().getOrDefault("text/plain", String.valueOf(value)));
        for (String raw : mimeTypes) {
            if (raw == null || raw.isBlank()) throw new IllegalArgumentException("render: a MIME type is blank");
            String type = raw.strip().toLowerCase(Locale.ROOT);
            if (value instanceof CharSequence s && isText(type) && !type.endsWith("*")) {
                out.put(type, s.toString());
                continue;
            }
            if (value instanceof BufferedImage img && type.startsWith("image/") && !type.endsWith("*")) {
                String b64 = image(img, type);
                if (b64 != null) {
                    out.put(type, b64);
                    continue;
                }
            }
            if (value instanceof Chart<?, ?> c && type.equals("image/svg+xml")) {
                out.put(type, AgentRenderer.svg(c).data().get(type));
                continue;
            }
            preferred.data().forEach((k, v) -> {
                if (matches(type, k)) out.put(k, v);
            });
        }
        return out;
    }

    static boolean matches(String requested, String type) {
        if (requested.equals("*") || requested.equals("*/*")) return true;
        if (requested.endsWith("/*")) return type.startsWith(requested.substring(0, requested.length() - 1));
        return requested.equals(type);
    }

    private static boolean isText(String type) {
        return TEXT_TYPES.stream().anyMatch(t -> t.endsWith("/") ? type.startsWith(t) : type.equals(t))
                || type.endsWith("+json") || type.endsWith("+xml");
    }

    /** The image as base64 in {@code type}, or null where ImageIO has no writer for it. */
    private static String image(BufferedImage img, String type) {
        String format = type.substring("image/".length());
        if (format.equals("svg+xml")) return null;
        try {
            BufferedImage src = img;
            if (!format.equals("png") && img.getColorModel().hasAlpha()) {  // JPEG and BMP writers refuse alpha
                src = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
                Graphics2D g = src.createGraphics();
                g.drawImage(img, 0, 0, java.awt.Color.WHITE, null);
                g.dispose();
            }
            var bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(src, format, bytes)) return null;
            return AgentRenderer.base64(bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
