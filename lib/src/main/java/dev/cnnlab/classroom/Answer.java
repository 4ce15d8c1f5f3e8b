package dev.cnnlab.classroom;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import ai.djl.ndarray.NDArray;

/**
 * An answer seen as a shape plus flat values, so a number, a {@code double[][]}, a nested {@code List} and
 * a DJL {@code NDArray} can be compared with each other. Strings and booleans compare as themselves.
 */
record Answer(int[] shape, double[] values, Object scalar) {

    /** Reads any supported answer; throws {@link IllegalArgumentException} naming the unsupported type. */
    static Answer of(Object o) {
        if (o == null) return new Answer(new int[0], new double[0], null);
        if (o instanceof String || o instanceof Boolean || o instanceof Character) {
            return new Answer(new int[0], new double[0], o);
        }
        if (o instanceof Number n) return new Answer(new int[0], new double[] {n.doubleValue()}, null);
        if (o instanceof NDArray a) {
            double[] v = Arrays.stream(a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray())
                    .toArray();
            return new Answer(Arrays.stream(a.getShape().getShape()).mapToInt(x -> (int) x).toArray(), v, null);
        }
        List<Integer> shape = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        flatten(o, 0, shape, values);
        return new Answer(shape.stream().mapToInt(Integer::intValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray(), null);
    }

    private static void flatten(Object o, int depth, List<Integer> shape, List<Double> out) {
        if (o instanceof Number n) {
            if (depth < shape.size()) throw new IllegalArgumentException("ragged answer: a number where a row was expected");
            out.add(n.doubleValue());
            return;
        }
        List<Object> items;
        if (o != null && o.getClass().isArray()) {
            int len = Array.getLength(o);
            items = new ArrayList<>(len);
            for (int i = 0; i < len; i++) items.add(Array.get(o, i));
        } else if (o instanceof Collection<?> c) {
            items = new ArrayList<>(c);
        } else {
            throw new IllegalArgumentException("cannot check an answer of type "
                    + (o == null ? "null" : o.getClass().getSimpleName()) + ": use numbers, arrays, lists or an NDArray");
        }
        if (depth == shape.size()) shape.add(items.size());
        else if (shape.get(depth) != items.size()) {
            throw new IllegalArgumentException("ragged answer: rows of different lengths (" + shape.get(depth)
                    + " and " + items.size() + ")");
        }
        for (Object item : items) flatten(item, depth + 1, shape, out);
    }

    /** The shape as students write it: {@code 3x3}, {@code a number}, {@code 4 values}. */
    String describeShape() {
        if (scalar != null) return scalar instanceof String ? "text" : scalar.getClass().getSimpleName();
        if (shape.length == 0) return values.length == 0 ? "nothing (null)" : "a number";
        if (shape.length == 1) return shape[0] + " values";
        return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining("x"));
    }

    /** Index of flat position {@code i} as {@code [r][c]}. */
    String index(int i) {
        if (shape.length == 0) return "";
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = i % shape[d];
            i /= shape[d];
        }
        return Arrays.stream(idx).mapToObj(k -> "[" + k + "]").collect(Collectors.joining());
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+$", "");
    }
}
