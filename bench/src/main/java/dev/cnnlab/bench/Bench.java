package dev.cnnlab.bench;

/** {@code ./cnnlab bench}: side-by-side benchmarks (placeholder until the benchmark issue lands). */
public final class Bench {
    private Bench() {}

    /** Entry point. */
    public static void main(String[] args) {
        System.out.println("no benchmarks yet");
    }
}
