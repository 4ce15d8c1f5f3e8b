package dev.cnnlab.widgets;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import dev.cnnlab.display.Html;

/**
 * An image from bytes (ipywidgets' {@code Image}): the bytes travel to the front end as a binary comm buffer,
 * not as base64 text. {@code Image.of(bufferedImage)} encodes a picture as PNG; {@link #value(byte[])} replaces it,
 * e.g. a feature map redrawn at each step.
 */
public final class Image extends DOMWidget {
    /** An empty PNG image, as {@code Image()}. */
    public Image() {
        this(new byte[0]);
    }

    /** The encoded image {@code bytes}, in {@code png} format. */
    public Image(byte[] bytes) {
        super(Style.CONTROLS, Style.VERSION, "ImageModel", "ImageView");
        define("format", String.class, "png");
        define("height", String.class, "");
        define("value", byte[].class, new byte[0]);
        define("width", String.class, "");
        set("value", bytes);
        created();
    }

    /** {@code picture} encoded as PNG. */
    public static Image of(BufferedImage picture) {
        return new Image(png(picture));
    }

    /** The encoded image. */
    public byte[] value() {
        return ((byte[]) get("value")).clone();
    }

    /** Replaces the encoded image. */
    public Image value(byte[] bytes) {
        set("value", bytes.clone());
        return this;
    }

    /** Replaces the image by {@code picture}, encoded as PNG. */
    public Image value(BufferedImage picture) {
        set("format", "png");
        set("value", png(picture));
        return this;
    }

    /** The format of the bytes: {@code "png"}, {@code "jpeg"}, {@code "gif"} or {@code "svg+xml"}. */
    public Image format(String format) {
        if (!List.of("png", "jpeg", "gif", "svg+xml", "webp").contains(format)) {
            throw new WidgetException(name() + ": format must be png, jpeg, gif, svg+xml or webp, got '" + format + "'");
        }
        set("format", format);
        return this;
    }

    /** Display width as CSS or pixels, e.g. {@code "280"} to scale a 28x28 digit up 10 times. */
    public Image width(String css) {
        set("width", css);
        return this;
    }

    /** Display height as CSS or pixels. */
    public Image height(String css) {
        set("height", css);
        return this;
    }

    /** An {@code <img>} with the bytes as a data URI. */
    @Override
    public String toStaticHtml() {
        String w = (String) get("width"), h = (String) get("height");
        return "<img src='data:image/" + get("format") + ";base64," + Base64.getEncoder().encodeToString((byte[]) get("value")) + "'"
                + (w.isEmpty() ? "" : " width='" + Html.escape(w) + "'") + (h.isEmpty() ? "" : " height='" + Html.escape(h) + "'") + "/>";
    }

    private static byte[] png(BufferedImage picture) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(picture, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("encoding an image as PNG failed", e);
        }
    }
}
