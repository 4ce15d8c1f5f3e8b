package dev.cnnlab.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * One Pascal VOC image and its annotation. The pixels are read only when {@link #image()} is called.
 *
 * @param id        image id, e.g. {@code 000005}
 * @param width     width in pixels, from the annotation
 * @param height    height in pixels, from the annotation
 * @param objects   annotated objects
 * @param imageFile the JPEG ({@code JPEGImages/<id>.jpg})
 */
public record VocImage(String id, int width, int height, List<VocObject> objects, Path imageFile) {
    /** Copies the object list. */
    public VocImage {
        objects = List.copyOf(objects);
    }

    /**
     * Reads the JPEG (each call reads it again; keep the result if you need it twice).
     *
     * @throws DatasetException if the file is missing or not a readable image
     */
    public BufferedImage image() {
        if (!Files.isRegularFile(imageFile)) throw new DatasetException(imageFile + ": no such file");
        try {
            BufferedImage img = ImageIO.read(imageFile.toFile());
            if (img == null) throw new DatasetException(imageFile + ": not a readable image (JPEG expected)");
            return img;
        } catch (IOException e) {
            throw new DatasetException(imageFile + ": cannot read image (" + e.getMessage() + ")", e);
        }
    }

    /** The objects not marked difficult. */
    public List<VocObject> objectsNotDifficult() {
        return objects.stream().filter(o -> !o.difficult()).toList();
    }
}
