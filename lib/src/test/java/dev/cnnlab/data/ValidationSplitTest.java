package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The validation split: disjoint, exact sizes, every class in proportion, the same for the same seed. */
class ValidationSplitTest {
    /** n one-pixel images whose pixel is the image's index, labelled by {@code labels}: each image is identifiable. */
    static ImageData numbered(int[] labels, int classes) {
        float[] px = new float[labels.length];
        for (int i = 0; i < px.length; i++) px[i] = i;
        return new ImageData(px, labels, 1, 1, 1, java.util.stream.IntStream.range(0, classes).mapToObj(c -> "c" + c).toList());
    }

    /** 100 images: 50 of class 0, 30 of class 1, 20 of class 2, interleaved. */
    static ImageData unbalanced() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) labels[i] = i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2;
        return numbered(labels, 3);
    }

    static Set<Float> ids(ImageData d) {
        Set<Float> s = new HashSet<>();
        for (float v : d.pixels()) s.add(v);
        return s;
    }

    @Test
    void partsAreDisjointCoverEverythingAndHaveTheAskedSizes() {
        ValidationSplit s = unbalanced().split(0.2, 7);
        assertEquals(80, s.train().size());
        assertEquals(20, s.validation().size());
        Set<Float> train = ids(s.train()), val = ids(s.validation());
        assertEquals(80, train.size(), "no image twice in train");
        assertEquals(20, val.size(), "no image twice in validation");
        Set<Float> both = new HashSet<>(train);
        both.retainAll(val);
        assertTrue(both.isEmpty(), "an image in both parts: " + both);
        Set<Float> all = new HashSet<>(train);
        all.addAll(val);
        assertEquals(100, all.size(), "every image is in one part");
        // labels travel with their images: image i has label by i % 10
        for (int k = 0; k < s.validation().size(); k++) {
            int i = (int) s.validation().pixels()[k];
            assertEquals(i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2, s.validation().label(k));
        }
    }

    @Test
    void everyClassGivesTheSameFraction() {
        ValidationSplit s = unbalanced().split(0.2, 7);
        assertArrayEquals(new int[] {10, 6, 4}, s.validation().classCounts(), "20 % of 50, 30, 20");
        assertArrayEquals(new int[] {40, 24, 16}, s.train().classCounts());
    }

    @Test
    void roundingGoesToTheLargestRemainders() {
        // 0.25 of (5, 5, 2) = 1.25, 1.25, 0.5; the total round(0.25 * 12) = 3: floors 1+1+0, the remainder to class 2
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2};
        ValidationSplit s = numbered(labels, 3).split(0.25, 1);
        assertArrayEquals(new int[] {1, 1, 1}, s.validation().classCounts());
        assertArrayEquals(new int[] {1, 1, 1}, ValidationSplit.perClass(new int[] {5, 5, 2}, 0.25, 3));
        // 0.1 of (7, 7, 6) = 0.7, 0.7, 0.6; total 2: both 0.7s (ties to the lower class first)
        assertArrayEquals(new int[] {1, 1, 0}, ValidationSplit.perClass(new int[] {7, 7, 6}, 0.1, 2));
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        ImageData d = unbalanced();
        ValidationSplit a = d.split(0.2, 42), b = d.split(0.2, 42), c = d.split(0.2, 43);
        assertArrayEquals(a.validation().pixels(), b.validation().pixels());
        assertArrayEquals(a.train().pixels(), b.train().pixels());
        assertFalse(ids(a.validation()).equals(ids(c.validation())), "seed 43 held out the same images as seed 42");
        assertArrayEquals(a.validation().classCounts(), c.validation().classCounts(), "but in the same proportions");
    }

    @Test
    void bothPartsKeepTheOriginalOrder() {
        ValidationSplit s = unbalanced().split(0.3, 5);
        for (ImageData part : List.of(s.train(), s.validation())) {
            float[] p = part.pixels();
            for (int k = 1; k < p.length; k++) assertTrue(p[k - 1] < p[k], "out of order at " + k);
        }
    }

    @Test
    void badFractionsAreRefusedWithTheReason() {
        ImageData d = unbalanced();
        var e = assertThrows(DatasetException.class, () -> d.split(1.5, 1));
        assertTrue(e.getMessage().contains("must be in (0, 1), got 1.5"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> d.split(0.001, 1));
        assertTrue(e.getMessage().contains("leaves nothing to validate on"), e.getMessage());
        e = assertThrows(DatasetException.class, () -> d.split(0.999, 1));
        assertTrue(e.getMessage().contains("leaves nothing to train on"), e.getMessage());
    }
}
