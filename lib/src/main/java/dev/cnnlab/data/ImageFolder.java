package dev.cnnlab.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

/**
 * Your own pictures as a labelled set: one subfolder per class, PNG or JPEG files inside, like Keras'
 * {@code image_dataset_from_directory} and torchvision's {@code ImageFolder}.
 *
 * <pre>{@code
 * photos/
 *   cat/  001.jpg 002.png ...
 *   dog/  a.jpg b.jpg ...
 * ImageFolder folder = ImageFolder.load(Path.of("photos"), 28, 28, 1);   // grey 28x28
 * ImageData data = folder.data();        // labels: cat = 0, dog = 1 (folders in name order)
 * folder.skipped();                      // files that could not be read, one message each
 * }</pre>
 *
 * <ul>
 *   <li>Classes are the subfolders in name order; images within a class are in file-name order. Hidden files
 *       and folders (name starts with '.') and files other than {@code .png .jpg .jpeg} are ignored.</li>
 *   <li>Every image is converted to the channels asked for (grey = 0.299 R + 0.587 G + 0.114 B, ITU-R BT.601,
 *       as PIL's "L"; grey to RGB repeats the grey value), then resized by area averaging: each output pixel is
 *       the mean of the input area it covers, input pixels weighted by their overlap (OpenCV's INTER_AREA).
 *       Values are in [0,1]. Alpha is ignored.</li>
 *   <li>A file that cannot be decoded is skipped; the message naming it goes to standard error and to
 *       {@link #skipped()}. A class folder with no readable image, or a folder with no class folders, is an
 *       error that names the folder.</li>
 * </ul>
 * Decoding uses {@code javax.imageio}: no engine, so both engines see the same pixels.
 */
public final class ImageFolder {
    private final Path root;
    private final ImageData data;
    private final List<Path> files;
    private final List<String> skipped;

    private ImageFolder(Path root, ImageData data, List<Path> files, List<String> skipped) {
        this.root = root;
        this.data = data;
        this.files = List.copyOf(files);
        this.skipped = List.copyOf(skipped);
    }

    /** Loads {@code dir} as grey 28x28 images, the input of the course's networks. */
    public static ImageFolder load(Path dir) {
        return load(dir, 28, 28, 1);
    }

    /** Loads {@code dir} as square {@code size x size} images with 1 (grey) or 3 (RGB) channels. */
    public static ImageFolder load(Path dir, int size, int channels) {
        return load(dir, size, size, channels);
    }

    /**
     * Loads {@code dir}: one subfolder per class, every image resized to {@code height x width} with
     * {@code channels} channels (1 grey, 3 RGB).
     *
     * @throws DatasetException if {@code dir} is not a folder, has no class folders, a class has no readable
     *                          image, or the size or channels are invalid
     */
    public static ImageFolder load(Path dir, int height, int width, int channels) {
        if (height <= 0 || width <= 0) {
            throw new DatasetException("image size must be positive, got " + height + "x" + width);
        }
        if (channels != 1 && channels != 3) {
            throw new DatasetException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (!Files.isDirectory(dir)) throw new DatasetException("no image folder at " + dir.toAbsolutePath());
        List<Path> classDirs = list(dir).stream().filter(Files::isDirectory).toList();
        if (classDirs.isEmpty()) {
            throw new DatasetException("no class folders in " + dir.toAbsolutePath() + ": put each class's images"
                    + " in its own subfolder (" + dir.resolve("cat/1.png") + ", " + dir.resolve("dog/1.png") + ")");
        }
        int per = channels * height * width;
        List<float[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (Path classDir : classDirs) {
            int label = classes.size();
            classes.add(classDir.getFileName().toString());
            int found = 0, before = skipped.size();
            for (Path file : list(classDir)) {
                if (!Files.isRegularFile(file) || !isImageName(file)) continue;
                found++;
                BufferedImage img;
                String problem;
                try {
                    img = ImageIO.read(file.toFile());
                    problem = img == null ? "not a PNG or JPEG that javax.imageio can decode" : null;
                } catch (IOException | RuntimeException e) { // decoders throw unchecked errors on damaged data too
                    img = null;
                    problem = "damaged or unreadable (" + e.getMessage() + ")";
                }
                if (img == null) {
                    String message = "skipped " + file.toAbsolutePath() + ": " + problem;
                    System.err.println(message);
                    skipped.add(message);
                    continue;
                }
                float[] pixels = resize(planes(img, channels), channels, img.getHeight(), img.getWidth(), height, width);
                images.add(pixels);
                labels.add(label);
                files.add(file);
            }
            if (found == 0) {
                throw new DatasetException("class folder " + classDir.toAbsolutePath() + " has no .png, .jpg or .jpeg"
                        + " images: every class needs at least one (remove the folder or add images)");
            }
            if (found == skipped.size() - before) {
                throw new DatasetException("class folder " + classDir.toAbsolutePath() + " has no readable images: all "
                        + found + " were skipped (see the messages above)");
            }
        }
        float[] all = new float[images.size() * per];
        int[] y = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(images.get(i), 0, all, i * per, per);
            y[i] = labels.get(i);
        }
        return new ImageFolder(dir, new ImageData(all, y, channels, height, width, classes), files, skipped);
    }

    /** The images and labels (in class order, then file-name order; shuffle before splitting). */
    public ImageData data() {
        return data;
    }

    /** Class names (the subfolder names), indexed by label. */
    public List<String> classes() {
        return data.classes();
    }

    /** The file each image came from, in the order of {@link #data()}. */
    public List<Path> files() {
        return files;
    }

    /** One message per file that could not be read ("skipped PATH: why"), empty if all were read. */
    public List<String> skipped() {
        return skipped;
    }

    /** The folder that was loaded. */
    public Path root() {
        return root;
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new DatasetException("cannot list " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isImageName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    /** The image as {@code channels} planes of floats in [0,1], at its own size. */
    static float[] planes(BufferedImage img, int channels) {
        int h = img.getHeight(), w = img.getWidth(), plane = h * w;
        float[] out = new float[channels * plane];
        Raster raster = img.getRaster();
        boolean grey = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(img.getColorModel() instanceof IndexColorModel);
        // read grey samples directly: getRGB() would pass them through a gamma conversion and change them
        double max = grey ? (1 << img.getColorModel().getComponentSize(0)) - 1 : 255;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = y * w + x;
                if (grey) {
                    float g = (float) (raster.getSample(x, y, 0) / max);
                    for (int c = 0; c < channels; c++) out[c * plane + o] = g;
                } else {
                    int rgb = img.getRGB(x, y);
                    float r = ((rgb >> 16) & 0xff) / 255f, g = ((rgb >> 8) & 0xff) / 255f, b = (rgb & 0xff) / 255f;
                    if (channels == 1) out[o] = (float) (0.299 * r + 0.587 * g + 0.114 * b);
                    else {
                        out[o] = r;
                        out[plane + o] = g;
                        out[2 * plane + o] = b;
                    }
                }
            }
        }
        return out;
    }

    /** Area-average resize of {@code channels} planes from {@code h x w} to {@code nh x nw}. */
    static float[] resize(float[] src, int channels, int h, int w, int nh, int nw) {
        if (h == nh && w == nw) return src;
        double[][] wy = weights(h, nh), wx = weights(w, nw);
        float[] out = new float[channels * nh * nw];
        double[] rows = new double[nh * w];
        for (int c = 0; c < channels; c++) {
            int in = c * h * w;
            java.util.Arrays.fill(rows, 0);
            for (int oy = 0; oy < nh; oy++) {            // first along y ...
                for (int iy = 0; iy < h; iy++) {
                    double k = wy[oy][iy];
                    if (k == 0) continue;
                    for (int x = 0; x < w; x++) rows[oy * w + x] += k * src[in + iy * w + x];
                }
            }
            for (int oy = 0; oy < nh; oy++) {            // ... then along x
                for (int ox = 0; ox < nw; ox++) {
                    double s = 0;
                    for (int ix = 0; ix < w; ix++) s += wx[ox][ix] * rows[oy * w + ix];
                    out[(c * nh + oy) * nw + ox] = (float) s;
                }
            }
        }
        return out;
    }

    /** weights[o][i]: the share of input pixel i in output pixel o (its overlap with o's span, over the span). */
    private static double[][] weights(int n, int m) {
        double scale = (double) n / m;
        double[][] k = new double[m][n];
        for (int o = 0; o < m; o++) {
            double from = o * scale, to = (o + 1) * scale;
            for (int i = (int) Math.floor(from); i < Math.min(n, (int) Math.ceil(to)); i++) {
                k[o][i] = (Math.min(to, i + 1) - Math.max(from, i)) / scale;
            }
        }
        return k;
    }

    @Override
    public String toString() {
        int[] counts = data.classCounts();
        StringBuilder sb = new StringBuilder("ImageFolder[" + root + ": " + data.size() + " images "
                + data.channels() + "x" + data.height() + "x" + data.width() + ", classes");
        for (int i = 0; i < counts.length; i++) sb.append(i == 0 ? " " : ", ").append(classes().get(i)).append('=').append(counts[i]);
        if (!skipped.isEmpty()) sb.append(", ").append(skipped.size()).append(" skipped");
        return sb.append(']').toString();
    }
}
