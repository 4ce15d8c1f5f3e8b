package dev.cnnlab.kernel.agent;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

import ai.djl.ndarray.NDArray;
import dev.cnnlab.display.HtmlRenderable;
import dev.cnnlab.display.MimeRenderable;
import dev.cnnlab.display.SignificantDigits;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Turns a value into a MIME bundle inside the agent JVM (where cell values live). Always gives
 * {@code text/plain}; takes a {@link MimeRenderable}'s own bundle (widgets); adds HTML for Tablesaw tables and
 * {@link HtmlRenderable}s, PNG for XChart charts,
 * {@link BufferedImage}s and image-shaped {@link NDArray}s. A renderer that fails falls back to text.
 */
public final class AgentRenderer {
    private AgentRenderer() {}

    /** The bundle for {@code value} (never null). */
    public static MimeBundle render(Object value) {
        if (value == null) return MimeBundle.text("null");
        if (value instanceof MimeBundle b) return b;
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character) {
            return MimeBundle.text(value.toString());  // fast path: no library class is touched
        }
        MimeBundle bundle = MimeBundle.text(safeToString(value));
        try {
            if (value instanceof MimeRenderable m) {
                m.toMimeBundle().forEach(bundle::put);
            } else if (value instanceof HtmlRenderable h) {
                bundle.put("text/html", h.toHtml());
            } else if (value instanceof Table t) {
                SignificantDigits.applyWhereUnformatted(t);   // floats as 4 significant digits, as the library's own tables
                bundle.put("text/plain", TableHtml.plain(t)).put("text/html", TableHtml.html(t));
            } else if (value instanceof Chart<?, ?> c) {
                bundle.put("image/png", base64(BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG)));
            } else if (value instanceof BufferedImage img) {
                bundle.put("image/png", base64(ImagePng.encode(img)));
            } else if (value instanceof NDArray a) {
                bundle.put("text/plain", NdArrayView.text(a));
                BufferedImage img = NdArrayView.image(a);
                if (img != null) bundle.put("image/png", base64(ImagePng.encode(img)));
            }
        } catch (RuntimeException | IOException | LinkageError e) {
            bundle.put("text/plain", bundle.data().get("text/plain") + "\n(rich view failed: " + e + ")");
        }
        return bundle;
    }

    /** An XChart chart as SVG (plus PNG and text), for {@code svg(chart)}. */
    public static MimeBundle svg(Chart<?, ?> chart) {
        MimeBundle bundle = render(chart);
        try {
            var out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            bundle.put("image/svg+xml", out.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException | LinkageError e) {
            bundle.put("text/plain", bundle + "\n(SVG failed: " + e + ")");
        }
        return bundle;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The text/plain fallback: readable for arrays, pictures and charts whose toString() is an address. */
    private static String safeToString(Object value) {
        try {
            if (value.getClass().isArray()) {
                String s = java.util.Arrays.deepToString(new Object[] {value});
                return s.substring(1, s.length() - 1);
            }
            if (value instanceof BufferedImage img) return "BufferedImage " + img.getWidth() + "x" + img.getHeight();
            if (value instanceof Chart<?, ?> c) {
                return c.getClass().getSimpleName() + " \"" + c.getTitle() + "\" " + c.getWidth() + "x" + c.getHeight();
            }
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return value.getClass().getName() + " (toString failed: " + e + ")";
        }
    }
}
