package dev.cnnlab.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST: a big-endian header (magic, dimension sizes)
 * followed by unsigned bytes. Files may be raw or gzipped; gzip is recognised by its magic bytes
 * {@code 1f 8b}, not by the file name.
 *
 * <pre>{@code
 * Idx.Images x = Idx.readImages(Path.of("train-images-idx3-ubyte.gz"));  // NCHW floats in [0,1]
 * int[] y = Idx.readLabels(Path.of("train-labels-idx1-ubyte.gz"));
 * }</pre>
 */
public final class Idx {
    /** Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, columns). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of a label file: unsigned bytes, 1 dimension (count). */
    public static final int LABELS_MAGIC = 2049;

    // byte -> float in [0,1]: one table lookup per pixel instead of a division
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) UNIT[i] = i / 255f;
    }

    private Idx() {}

    /**
     * Images of an IDX file as one NCHW float array (C = 1).
     *
     * @param pixels {@code count * rows * cols} values in [0,1]
     * @param count  number of images
     * @param rows   image height
     * @param cols   image width
     */
    public record Images(float[] pixels, int count, int rows, int cols) {}

    /** Reads an image file (magic 2051), raw or gzipped. */
    public static Images readImages(Path file) {
        return parseImages(displayName(file), readBytes(file));
    }

    /** Reads a label file (magic 2049), raw or gzipped. */
    public static int[] readLabels(Path file) {
        return parseLabels(displayName(file), readBytes(file));
    }

    /**
     * Reads an image file and its label file into one {@link ImageData}.
     *
     * @throws DatasetException if either file is bad or the counts differ
     */
    public static ImageData read(Path images, Path labels, List<String> classes) {
        return combine(readImages(images), displayName(images), readLabels(labels), displayName(labels), classes);
    }

    /** Pairs parsed images and labels, checking that the counts agree. */
    static ImageData combine(Images x, String imagesName, int[] y, String labelsName, List<String> classes) {
        if (x.count() != y.length) {
            throw new DatasetException(imagesName + " has " + x.count() + " images but " + labelsName + " has "
                    + y.length + " labels — are they from the same set (train vs t10k)?");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classes.size()) {
                throw new DatasetException(labelsName + ": label " + y[i] + " at index " + i
                        + " is outside 0.." + (classes.size() - 1));
            }
        }
        return new ImageData(x.pixels(), y, 1, x.rows(), x.cols(), classes);
    }

    /** The file's bytes, decompressed when they start with the gzip magic. */
    public static byte[] readBytes(Path file) {
        String name = displayName(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            boolean gz = head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            if (!gz) {
                in.close();
                return Files.readAllBytes(file); // raw: one bulk read into an exactly sized array
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return gunzip(file, name);
    }

    private static byte[] gunzip(Path file, String name) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            // IDX images compress about 2:1; start big to avoid repeated array growth
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16, size * 2 + 1024));
            in.transferTo(out);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new DatasetException(name + ": gzip data ends early — truncated download?", e);
        } catch (ZipException e) {
            throw new DatasetException(name + ": corrupt gzip data (" + e.getMessage() + ") — damaged download?", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Parses the bytes of an image file; {@code name} appears in error messages. */
    static Images parseImages(String name, byte[] data) {
        checkMagic(name, data, IMAGES_MAGIC, 16);
        int count = readInt(data, 4), rows = readInt(data, 8), cols = readInt(data, 12);
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new DatasetException(name + ": bad header (count " + count + ", rows " + rows + ", cols " + cols + ")");
        }
        long expected = 16L + (long) count * rows * cols;
        checkLength(name, data, expected);
        int n = (int) (expected - 16);
        float[] pixels = new float[n];
        float[] unit = UNIT;
        for (int i = 0; i < n; i++) pixels[i] = unit[data[16 + i] & 0xff];
        return new Images(pixels, count, rows, cols);
    }

    /** Parses the bytes of a label file; {@code name} appears in error messages. */
    static int[] parseLabels(String name, byte[] data) {
        checkMagic(name, data, LABELS_MAGIC, 8);
        int count = readInt(data, 4);
        if (count < 0) throw new DatasetException(name + ": bad header (count " + count + ")");
        checkLength(name, data, 8L + count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) labels[i] = data[8 + i] & 0xff;
        return labels;
    }

    private static void checkMagic(String name, byte[] data, int magic, int headerBytes) {
        if (data.length < 4) {
            throw new DatasetException(name + ": expected an IDX header of " + headerBytes + " bytes, found "
                    + data.length + " — empty or truncated file?");
        }
        int found = readInt(data, 0);
        if (found != magic) {
            String hint = (found >>> 16) == 0x1f8b ? " — is it still gzipped?"
                    : found == IMAGES_MAGIC ? " — this is an image file, not a label file"
                    : found == LABELS_MAGIC ? " — this is a label file, not an image file"
                    : " — not an IDX file?";
            throw new DatasetException(name + ": expected magic " + magic + ", found 0x"
                    + String.format("%08x", found) + hint);
        }
        if (data.length < headerBytes) {
            throw new DatasetException(name + ": expected an IDX header of " + headerBytes + " bytes, found "
                    + data.length + " — truncated download?");
        }
    }

    private static void checkLength(String name, byte[] data, long expected) {
        if (data.length < expected) {
            throw new DatasetException(name + ": expected " + expected + " bytes, found " + data.length
                    + " — truncated download?");
        }
        if (data.length > expected) {
            throw new DatasetException(name + ": expected " + expected + " bytes, found " + data.length
                    + " — extra data after the last item?");
        }
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    /** The file name alone, as messages name it. */
    static String displayName(Path file) {
        Path f = file.getFileName();
        return f == null ? file.toString() : f.toString();
    }
}
