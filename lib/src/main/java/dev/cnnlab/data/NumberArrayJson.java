package dev.cnnlab.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A tiny parser for JSON files that hold one array of numbers, such as {@code {"data": [0, 0.2, 1]}}.
 * No JSON library: the files are megabytes of plain decimals, and a byte loop reads them several times
 * faster than a general parser or {@code Float.parseFloat} per token.
 */
final class NumberArrayJson {
    private static final double[] POW10 = new double[40];

    static {
        for (int i = 0; i < POW10.length; i++) POW10[i] = Math.pow(10, i);
    }

    private NumberArrayJson() {}

    /** The numbers of the first array in {@code file}. */
    static float[] read(Path file) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + ": no such file", e);
        } catch (IOException e) {
            throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return parse(Idx.displayName(file), b);
    }

    /** Parses the first array in {@code b}; {@code name} appears in error messages. */
    static float[] parse(String name, byte[] b) {
        int i = 0;
        while (i < b.length && b[i] != '[') i++;
        if (i == b.length) throw new DatasetException(name + ": no JSON array found — not a digits file?");
        i++;
        float[] out = new float[1 << 16];
        int n = 0;
        boolean expectValue = true;
        while (true) {
            while (i < b.length && isSpace(b[i])) i++;
            if (i >= b.length) throw new DatasetException(name + ": array not closed — truncated file?");
            byte c = b[i];
            if (c == ']') {
                if (expectValue && n > 0) throw error(name, b, i, "a number after ','");
                break;
            }
            if (!expectValue) {
                if (c != ',') throw error(name, b, i, "',' or ']'");
                expectValue = true;
                i++;
                continue;
            }
            // number: -?digits(.digits)?([eE][+-]?digits)?
            int start = i;
            boolean neg = false;
            if (c == '-') {
                neg = true;
                i++;
            }
            long mant = 0;
            int digits = 0, scale = 0;
            while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                if (digits < 18) mant = mant * 10 + (b[i] - '0'); else scale++;
                if (mant != 0) digits++;
                i++;
            }
            boolean any = i > start + (neg ? 1 : 0);
            if (i < b.length && b[i] == '.') {
                i++;
                int fracStart = i;
                while (i < b.length && b[i] >= '0' && b[i] <= '9') {
                    if (digits < 18) {
                        mant = mant * 10 + (b[i] - '0');
                        scale--;
                        if (mant != 0) digits++;
                    }
                    i++;
                }
                any |= i > fracStart;
            }
            if (!any) throw error(name, b, start, "a number");
            if (i < b.length && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                int sign = 1;
                if (i < b.length && (b[i] == '+' || b[i] == '-')) sign = b[i++] == '-' ? -1 : 1;
                int e = 0, expStart = i;
                while (i < b.length && b[i] >= '0' && b[i] <= '9') e = Math.min(1000, e * 10 + (b[i++] - '0'));
                if (i == expStart) throw error(name, b, i, "exponent digits");
                scale += sign * e;
            }
            double v = mant;
            if (scale > 0) v *= scale < POW10.length ? POW10[scale] : Math.pow(10, scale);
            else if (scale < 0) v /= -scale < POW10.length ? POW10[-scale] : Math.pow(10, -scale);
            if (n == out.length) out = Arrays.copyOf(out, out.length * 2);
            out[n++] = (float) (neg ? -v : v);
            expectValue = false;
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    private static DatasetException error(String name, byte[] b, int at, String expected) {
        String found = at < b.length ? "'" + (char) (b[at] & 0xff) + "'" : "end of file";
        return new DatasetException(name + ": expected " + expected + " at byte " + at + ", found " + found
                + " — corrupt JSON?");
    }
}
