package dev.cnnlab.classroom;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A notebook's exercises, by id. Lessons are registered in {@link Lessons}.
 *
 * @param name      the notebook's name, e.g. {@code "01-convolution"}
 * @param exercises the exercises in order
 */
public record Lesson(String name, List<Exercise> exercises) {
    /** Copies the list. */
    public Lesson {
        exercises = List.copyOf(exercises);
        Map<String, Exercise> seen = new LinkedHashMap<>();
        for (Exercise e : exercises) {
            if (seen.put(e.id(), e) != null) throw new IllegalArgumentException(name + ": duplicate exercise id " + e.id());
        }
    }

    /** The exercise with this id; a clear error listing the ids that exist otherwise. */
    public Exercise exercise(String id) {
        return exercises.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("lesson " + name + " has no exercise '" + id
                        + "'; its exercises are " + exercises.stream().map(Exercise::id).toList()));
    }
}
