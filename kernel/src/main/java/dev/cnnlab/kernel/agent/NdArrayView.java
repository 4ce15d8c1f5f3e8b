package dev.cnnlab.kernel.agent;

import java.awt.image.BufferedImage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Readable text for DJL arrays, and a picture for image-shaped ones (H×W, 1|3×H×W, H×W×1|3). */
final class NdArrayView {
    private NdArrayView() {}

    static String text(NDArray a) {
        return a.toString();
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
        for (float f : v) { min = Math.min(min, f); max = Math.max(max, f); }
        boolean unit = min >= 0 && max <= 1;           // images in [0,1] are shown as is
        float lo = unit ? 0 : min, span = unit ? 1 : Math.max(max - min, 1e-12f);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = 0;
                for (int ch = 0; ch < 3; ch++) {
                    int k = Math.min(ch, c - 1);
                    int i = channelsFirst ? (k * h + y) * w + x : (y * w + x) * c + k;
                    int b = Math.round((v[i] - lo) / span * 255f);
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, b));
                }
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }
}
