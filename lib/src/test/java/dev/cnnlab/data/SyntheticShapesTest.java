package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SyntheticShapesTest {
    @Test
    void sameSeedSamePixels() {
        ImageData a = SyntheticShapes.generate(200, 28, 42), b = SyntheticShapes.generate(200, 28, 42);
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(a.labels(), b.labels());
    }

    @Test
    void differentSeedsDiffer() {
        ImageData a = SyntheticShapes.generate(50, 28, 1), b = SyntheticShapes.generate(50, 28, 2);
        assertFalse(java.util.Arrays.equals(a.pixels(), b.pixels()));
    }

    @Test
    void classesBalancedAndPixelsInUnitRange() {
        ImageData d = SyntheticShapes.generate(1003, 28, 7);
        assertEquals(SyntheticShapes.CLASSES, d.classes());
        int[] counts = d.classCounts();
        for (int c : counts) assertTrue(c == 200 || c == 201, java.util.Arrays.toString(counts));
        float min = 1, max = 0;
        for (float p : d.pixels()) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertTrue(min >= 0f && max <= 1f);
        assertTrue(max > 0.6f, "shapes are light");
    }

    @Test
    void rgbHasThreeDifferentPlanes() {
        ImageData d = SyntheticShapes.generate(10, 32, 3, true);
        assertEquals(3, d.channels());
        assertEquals(10 * 3 * 32 * 32, d.pixels().length);
        int plane = 32 * 32;
        boolean differ = false;
        for (int i = 0; i < plane && !differ; i++) differ = d.pixels()[i] != d.pixels()[i + plane];
        assertTrue(differ, "R and G planes differ");
    }

    @Test
    void shapeIsBrighterThanBackgroundSoItCanBeLearned() {
        // the brightest quarter of pixels lies on the shape: its mean is well above the image mean
        ImageData d = SyntheticShapes.generate(100, 28, 11);
        for (int n = 0; n < d.size(); n++) {
            float[] img = java.util.Arrays.copyOfRange(d.pixels(), n * 784, (n + 1) * 784);
            float[] sorted = img.clone();
            java.util.Arrays.sort(sorted);
            double top = 0, all = 0;
            for (int i = 588; i < 784; i++) top += sorted[i];
            for (float v : img) all += v;
            assertTrue(top / 196 > all / 784 + 0.2, "image " + n);
        }
    }

    @Test
    void nearestClassMeanBeatsChance() {
        // a crude sanity check of learnability: even a template matcher is far above 20 %
        Split s = SyntheticShapes.split(2000, 500, 28, 5);
        int k = 5, per = 784;
        double[][] mean = new double[k][per];
        int[] counts = s.train().classCounts();
        for (int n = 0; n < s.train().size(); n++) {
            for (int i = 0; i < per; i++) mean[s.train().label(n)][i] += s.train().pixels()[n * per + i] / counts[s.train().label(n)];
        }
        int correct = 0;
        for (int n = 0; n < s.test().size(); n++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int c = 0; c < k; c++) {
                double dist = 0;
                for (int i = 0; i < per; i++) {
                    double e = s.test().pixels()[n * per + i] - mean[c][i];
                    dist += e * e;
                }
                if (dist < bestD) {
                    bestD = dist;
                    best = c;
                }
            }
            if (best == s.test().label(n)) correct++;
        }
        assertTrue(correct > 0.3 * s.test().size(), "nearest-mean accuracy " + correct + "/" + s.test().size());
    }

    @Test
    void tenThousandImagesAreGeneratedAndBadArgumentsRejected() {
        assertEquals(10_000, SyntheticShapes.generate(10_000, 28, 0).size());
        assertThrows(DatasetException.class, () -> SyntheticShapes.generate(-1, 28, 0));
        assertThrows(DatasetException.class, () -> SyntheticShapes.generate(10, 4, 0));
    }
}
