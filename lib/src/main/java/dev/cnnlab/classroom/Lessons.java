package dev.cnnlab.classroom;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of lessons that {@link Check} knows. Notebook lessons register here by name. */
public final class Lessons {
    private static final Map<String, Lesson> LESSONS = new ConcurrentHashMap<>();

    static {
        restoreBuiltins();
    }

    private Lessons() {}

    /** (Re)registers the built-in lessons, one per notebook, whose answers the library computes. */
    static void restoreBuiltins() {
        for (Lesson l : builtins()) register(l);
    }

    /** The built-in lessons, freshly made. */
    static List<Lesson> builtins() {
        return List.of(ConvolutionExercises.lesson(), PaddingStrideChannelsExercises.lesson(),
                PoolingExercises.lesson(), DenseLayersExercises.lesson(), TrainingExercises.lesson(),
                ReproducingClaimsExercises.lesson(),
                PruningExercises.lesson(), QuantizationDistillationExercises.lesson(), DetectionExercises.lesson(),
                BackpropagationExercises.lesson(), ModernCnnExercises.lesson(), YourOwnImagesExercises.lesson(),
                WhatTheNetworkLearnsExercises.lesson());
    }

    /** Adds (or replaces) a lesson: a teacher's own exercises. The built-in ones win again when grading. */
    public static void register(Lesson lesson) {
        LESSONS.put(lesson.name(), lesson);
    }

    /** The lesson with this name (or whose name starts with it, e.g. {@code "01"}). */
    public static Lesson get(String name) {
        Lesson exact = LESSONS.get(name);
        if (exact != null) return exact;
        var matches = LESSONS.keySet().stream().filter(n -> n.startsWith(name + "-") || n.startsWith(name)).toList();
        if (matches.size() == 1) return LESSONS.get(matches.get(0));
        throw new IllegalArgumentException("no lesson '" + name + "'" + (matches.isEmpty() ? "" : " (ambiguous: " + matches + ")")
                + "; known lessons: " + new TreeMap<>(LESSONS).keySet());
    }
}
