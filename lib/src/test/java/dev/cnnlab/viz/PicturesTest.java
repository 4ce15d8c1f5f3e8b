package dev.cnnlab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class PicturesTest {
    @Test
    void greyScalesMinToBlackAndMaxToWhite() {
        var img = Pictures.grey(new float[][] {{-2, 0}, {2, 1}});
        assertEquals(0, img.getRaster().getSample(0, 0, 0));
        assertEquals(128, img.getRaster().getSample(1, 0, 0)); // (0 - -2) / 4 = 0.5
        assertEquals(255, img.getRaster().getSample(0, 1, 0));
        assertEquals(191, img.getRaster().getSample(1, 1, 0)); // 0.75 * 255 = 191.25
    }

    @Test
    void rowEnlargesTinyPicturesAndLeavesRoomForCaptions() {
        var a = Pictures.grey(new float[28][28]);
        var row = Pictures.row(List.of("a", "b"), a, a);
        assertEquals(4 + 2 * (112 + 4), row.getWidth()); // 28 * 4 = 112 each, 4 px padding
        assertEquals(4 + 112 + 15 + 4, row.getHeight()); // + an 11 pt caption line
        assertEquals(0x808080, 0xFFFFFF & row.getRGB(4 + 111, 4 + 111)); // a constant array is mid-grey
    }

    @Test
    void badInputIsNamed() {
        assertEquals("2 captions for 1 pictures", assertThrows(IllegalArgumentException.class,
                () -> Pictures.row(List.of("a", "b"), Pictures.grey(new float[][] {{1}}))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pictures.grey(new float[][] {{1, 2}, {3}}));
    }
}
