package dev.cnnlab.detect;

import java.util.Random;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.*;

class BoxCoderTest {
    @Test
    void encodeByHand() {
        // anchor centre (0.5, 0.5) size 0.2 x 0.4; box centre (0.52, 0.46) size 0.4 x 0.2
        float[][] anchor = {{0.4f, 0.3f, 0.6f, 0.7f}};
        float[][] box = {{0.32f, 0.36f, 0.72f, 0.56f}};
        float[] t = BoxCoder.standard().encode(anchor, box)[0];
        assertEquals(0.02 / 0.2 / 0.1, t[0], 1e-5);     // 1
        assertEquals(-0.04 / 0.4 / 0.1, t[1], 1e-5);    // -1
        assertEquals(Math.log(2) / 0.2, t[2], 1e-5);
        assertEquals(Math.log(0.5) / 0.2, t[3], 1e-5);
        assertArrayEquals(new float[4], BoxCoder.standard().encode(anchor, anchor)[0], 1e-6f);
    }

    @Test
    void decodeInvertsEncode() {
        Random r = new Random(7);
        float[][] anchors = Anchors.generate(3, 3, new float[] {0.3f, 0.1f}, new float[] {1, 2});
        float[][] boxes = new float[anchors.length][];
        for (int i = 0; i < boxes.length; i++) {
            float x = r.nextFloat(), y = r.nextFloat();
            boxes[i] = new float[] {x, y, x + 0.01f + r.nextFloat() * 0.5f, y + 0.01f + r.nextFloat() * 0.5f};
        }
        BoxCoder coder = new BoxCoder(0.1f, 0.2f);
        float[][] back = coder.decode(anchors, coder.encode(anchors, boxes));
        for (int i = 0; i < boxes.length; i++) assertArrayEquals(boxes[i], back[i], 1e-5f);
    }

    @Test
    void rejectsEmptyBoxesAndMismatchedLengths() {
        BoxCoder c = BoxCoder.standard();
        var e = assertThrows(DetectionException.class,
                () -> c.encode(new float[][] {{0, 0, 1, 1}}, new float[][] {{0.5f, 0.5f, 0.5f, 0.7f}}));
        assertTrue(e.getMessage().startsWith("boxes[0] has zero width"), e.getMessage());
        assertThrows(DetectionException.class, () -> c.decode(new float[][] {{0, 0, 1, 1}}, new float[2][4]));
        assertThrows(DetectionException.class,
                () -> c.decode(new float[][] {{0, 0, 1, 1}}, new float[][] {{0, Float.NaN, 0, 0}}));
    }
}
