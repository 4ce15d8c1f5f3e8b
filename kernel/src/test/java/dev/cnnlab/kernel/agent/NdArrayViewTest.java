package dev.cnnlab.kernel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import javax.imageio.ImageIO;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** NDArray results: text with the values, and a PNG (read back with ImageIO) for image-shaped arrays. */
class NdArrayViewTest {
    static final NDManager M = NDManager.newBaseManager();

    @AfterAll
    static void close() {
        M.close();
    }

    /** The PNG the notebook receives, decoded. */
    static BufferedImage shown(NDArray a) throws Exception {
        String png = AgentRenderer.render(a).data().get("image/png");
        return png == null ? null : ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png)));
    }

    @Test
    void textShowsShapeAndValues() {
        String text = AgentRenderer.render(M.create(new float[] {1.5f, -2f, 3f, 4f, 5f, 6f}, new Shape(2, 3))).data().get("text/plain");
        assertTrue(text.contains("(2, 3)"), text);
        assertTrue(text.contains("1.5") && text.contains("-2.") && text.contains("6."), text);
    }

    @Test
    void largeArraysShowTheirCorner() {
        String text = AgentRenderer.render(M.arange(0f, 1_000_000f).reshape(1000, 1000)).data().get("text/plain");
        assertTrue(text.startsWith("ND: (1000, 1000) cpu() float32, its [:6, :12] corner:\n"), text);
        // DJL's own number format (exponential here: the values span more than 1000x)
        assertTrue(text.contains("[[ 0.00000000e+00,  1.00000000e+00,"), text);              // first row
        assertTrue(text.contains("1.10000000e+01],"), text);                                  // ... 12 columns
        assertTrue(text.contains(" [ 5.00000000e+03,  5.00100000e+03,"), text);              // sixth row
        assertTrue(!text.contains("Exceed") && !text.contains("6.00000000e+03") && !text.contains("1.20000000e+01"), text);
    }

    @Test
    void greyImageKeepsUnitValuesAndStretchesOthers() throws Exception {
        float[] v = new float[6 * 5];
        for (int i = 0; i < v.length; i++) v[i] = i / 29f;         // already in [0, 1]: shown as is
        BufferedImage img = shown(M.create(v, new Shape(6, 5)));
        assertEquals(5, img.getWidth());
        assertEquals(6, img.getHeight());
        assertEquals(Math.round(7 / 29f * 255), img.getRaster().getSample(2, 1, 0));  // row 1, column 2 = index 7
        assertEquals(255, img.getRaster().getSample(4, 5, 0));
        for (int i = 0; i < v.length; i++) v[i] = 10 + 2 * i;      // outside [0, 1]: min → 0, max → 255
        img = shown(M.create(v, new Shape(6, 5)));
        assertEquals(0, img.getRaster().getSample(0, 0, 0));
        assertEquals(Math.round(7 * 2 / 58f * 255), img.getRaster().getSample(2, 1, 0));
        assertEquals(255, img.getRaster().getSample(4, 5, 0));
    }

    @Test
    void colourImagesInBothChannelOrders() throws Exception {
        float[] chw = new float[3 * 5 * 6];                          // channel c of pixel (y, x) = c / 2 (+ x marker)
        for (int c = 0; c < 3; c++) for (int y = 0; y < 5; y++) for (int x = 0; x < 6; x++) chw[(c * 5 + y) * 6 + x] = c == 0 ? x / 5f : c / 2f;
        BufferedImage first = shown(M.create(chw, new Shape(3, 5, 6)));
        NDArray hwc = M.create(chw, new Shape(3, 5, 6)).transpose(1, 2, 0);
        BufferedImage last = shown(hwc);
        for (BufferedImage img : new BufferedImage[] {first, last}) {
            assertEquals(6, img.getWidth());
            int rgb = img.getRGB(5, 3);
            assertEquals(255, (rgb >> 16) & 0xff, "red = x / 5 at x = 5");
            assertEquals(128, (rgb >> 8) & 0xff, "green = 0.5");
            assertEquals(255, rgb & 0xff, "blue = 1");
            assertEquals(0, (img.getRGB(0, 3) >> 16) & 0xff, "red = 0 at x = 0");
        }
    }

    @Test
    void arraysThatAreNotPicturesGetNoImage() throws Exception {
        assertNull(shown(M.zeros(new Shape(10))));
        assertNull(shown(M.zeros(new Shape(2, 3))));              // too small to be a picture
        assertNull(shown(M.zeros(new Shape(4, 7, 7))));           // 4 channels
    }
}
