package dev.cnnlab.kernel.agent;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** PNG encoding of images for the notebook. */
final class ImagePng {
    private ImagePng() {}

    static byte[] encode(BufferedImage img) throws IOException {
        var out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer for image type " + img.getType());
        return out.toByteArray();
    }
}
