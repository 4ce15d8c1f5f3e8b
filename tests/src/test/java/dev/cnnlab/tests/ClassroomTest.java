package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cnnlab student} and {@code ./cnnlab grade} on a small lesson, through the real kernel. */
class ClassroomTest {
    static final String SETUP = """
            dev.cnnlab.classroom.Lessons.register(new dev.cnnlab.classroom.Lesson("99-demo", java.util.List.of(
                new dev.cnnlab.classroom.Exercise("ex1", "3 squared", () -> 3 * 3, 0, "multiply"),
                new dev.cnnlab.classroom.Exercise("ex2", "a 1x2 row", () -> new int[][] {{1, 2}}, 0, "rows"))));
            dev.cnnlab.classroom.Check.lesson("99-demo");""";

    static String notebook(String... cells) {
        StringBuilder sb = new StringBuilder("{\"cells\": [");
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("{\"cell_type\": \"code\", \"execution_count\": null, \"metadata\": {}, \"outputs\": [], \"source\": ")
                    .append(json(cells[i])).append('}');
        }
        return sb.append("], \"metadata\": {\"kernelspec\": {\"name\": \"cnnlab\", \"display_name\": \"Java (cnnlab)\","
                + " \"language\": \"java\"}}, \"nbformat\": 4, \"nbformat_minor\": 5}").toString();
    }

    static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    static String ex1(String answer) {
        return "int a1 = 0;\n// BEGIN SOLUTION\na1 = " + answer + ";\n// END SOLUTION\n"
                + "dev.cnnlab.classroom.Check.check(\"ex1\", a1);";
    }

    static String ex2(String answer) {
        return "int[][] a2 = null;\n// BEGIN SOLUTION\na2 = " + answer + ";\n// END SOLUTION\n"
                + "dev.cnnlab.classroom.Check.check(\"ex2\", a2);";
    }

    @Test
    void studentCopiesLoseTheSolutions(@TempDir Path dir) throws Exception {
        Path ref = Files.createDirectories(dir.resolve("ref"));
        Files.writeString(ref.resolve("99-demo.ipynb"), notebook(SETUP, ex1("3 * 3"), ex2("new int[][] {{1, 2}}")));
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder("/usr/bin/python3", LauncherTest.ROOT.resolve("tools/classroom.py").toString(),
                "student", ref.toString(), out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        String student = Files.readString(out.resolve("99-demo.ipynb"));
        assertFalse(student.contains("a1 = 3 * 3"), student);
        assertFalse(student.contains("a2 = new int"), student);
        assertFalse(student.contains("BEGIN SOLUTION"), student);
        assertTrue(student.contains("// YOUR CODE HERE"), student);
        assertTrue(student.contains("Check.check(\\\"ex1\\\", a1)"), student);
    }

    @Test
    void gradeScoresEachStudentAndSurvivesCrashes(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")), "Jupyter not installed");
        Path ref = Files.createDirectories(dir.resolve("ref"));
        Files.writeString(ref.resolve("99-demo.ipynb"), notebook(SETUP, ex1("3 * 3"), ex2("new int[][] {{1, 2}}")));
        Path subs = dir.resolve("subs");
        Map<String, String> submissions = Map.of(
                "alice", notebook(SETUP, ex1("9"), ex2("new int[][] {{1, 2}}")),
                "bob", notebook(SETUP, ex1("9"), ex2("new int[][] {{2, 1}}")),
                "carol", notebook(SETUP, ex1("9"), "while (true) { }", ex2("new int[][] {{1, 2}}")),
                "dave", "this is not a notebook");
        for (var e : submissions.entrySet()) {
            Files.createDirectories(subs.resolve(e.getKey()));
            Files.writeString(subs.resolve(e.getKey()).resolve("99-demo.ipynb"), e.getValue());
        }
        var pb = new ProcessBuilder(LauncherTest.LAUNCHER.toString(), "grade", subs.toString(),
                "--timeout", "40", "--reference", ref.toString()).redirectErrorStream(true);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        List<String> csv = Files.readAllLines(subs.resolve("grades.csv"));
        assertEquals(List.of(
                "student,99-demo/ex1,99-demo/ex2,score,total",
                "alice,1,1,2,2",
                "bob,1,0,1,2",
                "carol,0,0,0,2",   // timed out: a crashed notebook scores 0
                "dave,0,0,0,2"),   // unreadable
                csv.stream().map(String::strip).toList(), log);
        assertTrue(Files.readString(subs.resolve("grades.html")).contains("<td>alice</td>"));
    }
}
