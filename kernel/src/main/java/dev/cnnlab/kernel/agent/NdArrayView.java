package dev.cnnlab.kernel.agent;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Readable text for DJL arrays, and a picture for image-shaped ones (H×W, 1|3×H×W, H×W×1|3). */
final class NdArrayView {
    private NdArrayView() {}

    /** Arrays up to this many values are printed whole (10 rows, 12 columns at most). */
    private static final int MAX_PRINTED = 1000;

    /**
     * The values as text ({@code toString()} hides them unless DJL's debug mode is on). A larger array shows its
     * leading corner, formatted from those values alone: DJL would read and format every value only to print
     * "Exceed max print size" (0.1 s for a million).
     */
    static String text(NDArray a) {
        if (a.size() <= MAX_PRINTED) return a.toDebugString(MAX_PRINTED, 10, 10, 12, true);
        long[] s = a.getShape().getShape();
        StringBuilder index = new StringBuilder();
        for (int d = 0; d < s.length; d++) {
            index.append(d == 0 ? ":" : ", :").append(Math.min(s[d], d == s.length - 1 ? 12 : 6));
        }
        try (NDArray corner = a.get(index.toString())) {
            String body = corner.toDebugString(Integer.MAX_VALUE, 10, 10, 12, true);
            return "ND: " + a.getShape() + " " + a.getDevice() + " " + a.getDataType() + ", its [" + index + "] corner:"
                    + body.substring(body.indexOf('\n'));
        }
    }

    /** The array as an image, or null when it is not image-shaped. */
    static BufferedImage image(NDArray a) {
        long[] s = a.getShape().getShape();
        int h, w, c;
        boolean channelsFirst;
        if (s.length == 2) { h = (int) s[0]; w = (int) s[1]; c = 1; channelsFirst = true; }
        else if (s.length == 3 && (s[0] == 1 || s[0] == 3) && s[1] > 4 && s[2] > 4) {
            c = (int) s[0]; h = (int) s[1]; w = (int) s[2]; channelsFirst = true;
        } else if (s.length == 3 && (s[2] == 1 || s[2] == 3) && s[0] > 4 && s[1] > 4) {
            h = (int) s[0]; w = (int) s[1]; c = (int) s[2]; channelsFirst = false;
        } else return null;
        if (h < 5 || w < 5 || h > 4096 || w > 4096) return null;
        float[] v = a.toType(DataType.FLOAT32, true).toFloatArray();
        float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
        for (float f : v) {
            if (f < min) min = f;
            if (f > max) max = f;
        }
        boolean unit = min >= 0 && max <= 1;           // images in [0,1] are shown as is
        float lo = unit ? 0 : min, scale = 255f / (unit ? 1 : Math.max(max - min, 1e-12f));
        // bytes written straight into the image's buffer: one byte a pixel for grey (a third of RGB to encode)
        BufferedImage img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int ch = 0; ch < c; ch++) {
                    int i = channelsFirst ? (ch * h + y) * w + x : (y * w + x) * c + ch;
                    int b = Math.round((v[i] - lo) * scale);
                    px[(y * w + x) * c + (c - 1 - ch)] = (byte) Math.max(0, Math.min(255, b));  // BGR order
                }
            }
        }
        return img;
    }
}
