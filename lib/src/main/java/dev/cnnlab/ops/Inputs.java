package dev.cnnlab.ops;

/**
 * Checks and conversions for the arrays students type: every problem becomes an
 * {@link IllegalArgumentException} whose message names the argument and what is wrong with it.
 */
final class Inputs {
    private Inputs() {}

    /** Checks that {@code a} is a non-empty rectangular matrix; returns it. */
    static float[][] matrix(float[][] a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (a.length == 0 || a[0] == null || a[0].length == 0) {
            throw new IllegalArgumentException(name + " is empty: it needs at least one row and one column");
        }
        for (int r = 0; r < a.length; r++) {
            if (a[r] == null) {
                throw new IllegalArgumentException(name + " row " + r + " is null");
            }
            if (a[r].length != a[0].length) {
                throw new IllegalArgumentException(name + " is ragged: row " + r + " has " + a[r].length
                        + " values but row 0 has " + a[0].length);
            }
        }
        return a;
    }

    /** Checks that {@code a} is a non-empty vector; returns it. */
    static float[] vector(float[] a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return a;
    }

    /** Checks that {@code a} is channels x rows x cols with every channel the same size; returns it. */
    static float[][][] volume(float[][][] a, String name) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (a.length == 0) {
            throw new IllegalArgumentException(name + " has no channels");
        }
        for (int c = 0; c < a.length; c++) {
            matrix(a[c], name + " channel " + c);
            if (a[c].length != a[0].length || a[c][0].length != a[0][0].length) {
                throw new IllegalArgumentException(name + " channel " + c + " is " + a[c].length + "x"
                        + a[c][0].length + " but channel 0 is " + a[0].length + "x" + a[0][0].length);
            }
        }
        return a;
    }

    /** Checks a 4-D weight: outputs x inputs x kh x kw, all the same size; returns it. */
    static float[][][][] weights(float[][][][] w, String name) {
        if (w == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (w.length == 0) {
            throw new IllegalArgumentException(name + " has no output channels");
        }
        for (int o = 0; o < w.length; o++) {
            volume(w[o], name + "[" + o + "]");
            if (w[o].length != w[0].length || w[o][0].length != w[0][0].length
                    || w[o][0][0].length != w[0][0][0].length) {
                throw new IllegalArgumentException(name + "[" + o + "] has shape " + shape(w[o])
                        + " but " + name + "[0] has shape " + shape(w[0]));
            }
        }
        return w;
    }

    static String shape(float[][][] v) {
        return v.length + "x" + v[0].length + "x" + v[0][0].length;
    }

    static void positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }

    static float[] toFloat(double[] a) {
        if (a == null) {
            return null;
        }
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    static float[] toFloat(int[] a) {
        if (a == null) {
            return null;
        }
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = a[i];
        }
        return f;
    }

    static float[][] toFloat(double[][] a) {
        if (a == null) {
            return null;
        }
        float[][] f = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            f[i] = toFloat(a[i]);
        }
        return f;
    }

    static float[][] toFloat(int[][] a) {
        if (a == null) {
            return null;
        }
        float[][] f = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            f[i] = toFloat(a[i]);
        }
        return f;
    }

    static float[][][] toFloat(double[][][] a) {
        if (a == null) {
            return null;
        }
        float[][][] f = new float[a.length][][];
        for (int i = 0; i < a.length; i++) {
            f[i] = toFloat(a[i]);
        }
        return f;
    }

    static float[][][][] toFloat(double[][][][] a) {
        if (a == null) {
            return null;
        }
        float[][][][] f = new float[a.length][][][];
        for (int i = 0; i < a.length; i++) {
            f[i] = toFloat(a[i]);
        }
        return f;
    }

    static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
