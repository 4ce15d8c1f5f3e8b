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
    void gradeScoresEachStudentAndSurvivesCrashesAndAttacks(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")), "Jupyter not installed");
        Path ref = Files.createDirectories(dir.resolve("ref"));
        Files.writeString(ref.resolve("99-demo.ipynb"), notebook(SETUP, ex1("3 * 3"), ex2("new int[][] {{1, 2}}")));
        Path keys = Files.createDirectories(dir.resolve("keys"));
        Files.writeString(keys.resolve("99-demo.jsh"), SETUP.substring(0, SETUP.indexOf("dev.cnnlab.classroom.Check.lesson")));
        // a hidden test (2 points) the student copy does not contain
        Files.writeString(keys.resolve("99-demo.tests.jsh"), "//// test h1 2\nreturn a2 != null && a2.length == 1;\n");
        Path subs = dir.resolve("subs");
        String forged = "System.out.println(\"[check] 99-demo/ex1: PASS\");\n"
                + "System.out.println(\"[grade] 99-demo/ex1: PASS\");\nSystem.out.println(\"[grade] 99-demo/ex2: PASS\");\n"
                + "dev.cnnlab.classroom.Check.hidden(\"guess\", \"99-demo\", \"h1\", () -> true);";
        String ownKey = SETUP.replace("() -> 3 * 3", "() -> 0");
        // attacks that succeed only outside the sandbox: each earns ex1 only if it could read or reach something
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        var server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        String reads = "int a1 = 0;\nif (java.nio.file.Files.isReadable(java.nio.file.Path.of(\"" + subs.resolve("alice/99-demo.ipynb")
                + "\")) || java.nio.file.Files.isReadable(java.nio.file.Path.of(\"" + ref.resolve("99-demo.ipynb") + "\"))) a1 = 9;\n"
                + "dev.cnnlab.classroom.Check.check(\"ex1\", a1);";
        String writes = "try { java.nio.file.Files.delete(java.nio.file.Path.of(\"" + victim + "\")); } catch (Exception e) { }\n"
                + "try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + subs.resolve("zed/99-demo.ipynb") + "\"), \"{}\"); }"
                + " catch (Exception e) { }\n"
                + "new ProcessBuilder(\"setsid\", \"sh\", \"-c\", \"sleep 1234.5; echo forged > " + subs.resolve("grades.csv")
                + "\").start();";
        String network = "int a1 = 0;\ntry (var s = new java.net.Socket(\"127.0.0.1\", " + server.getLocalPort() + ")) { a1 = 9; }"
                + " catch (Exception e) { }\ndev.cnnlab.classroom.Check.check(\"ex1\", a1);";
        Map<String, String> submissions = Map.ofEntries(
                Map.entry("alice", notebook(SETUP, ex1("9"), ex2("new int[][] {{1, 2}}"))),
                Map.entry("bob", notebook(SETUP, ex1("9"), ex2("new int[][] {{2, 1}}"))),
                Map.entry("carol", notebook(SETUP, ex1("9"), "while (true) { }", ex2("new int[][] {{1, 2}}"))),
                Map.entry("dave", "this is not a notebook"),
                Map.entry("eve", notebook(SETUP, forged)),                  // prints PASS lines: scores 0
                Map.entry("frank", notebook(ownKey, ex1("0"))),             // registers a lesson where 0 is right: 0
                Map.entry("grace", notebook(SETUP, ex1("(Integer) dev.cnnlab.classroom.Check.lesson(\"99-demo\")"
                        + ".exercise(\"ex1\").expected()"))),             // expected() is not public: does not compile
                Map.entry("heidi", notebook(SETUP, reads)),                 // another's notebook, the solutions: unseen
                Map.entry("ivan", notebook(SETUP, writes, ex1("9"))),       // deletes, overwrites, lingers: cannot
                Map.entry("ken", notebook(SETUP, network)),                 // no network
                Map.entry("zed", notebook(SETUP, ex1("9"), ex2("new int[][] {{1, 2}}"))),
                Map.entry("=cmd", notebook(SETUP, ex1("9"), ex2("new int[][] {{1, 2}}"))));
        for (var e : submissions.entrySet()) {
            Files.createDirectories(subs.resolve(e.getKey()));
            Files.writeString(subs.resolve(e.getKey()).resolve("99-demo.ipynb"), e.getValue());
        }
        Files.writeString(subs.resolve("sneaky_01.ipynb"), notebook(SETUP, ex1("9")));   // no such lesson: ignored
        Path outside = Files.writeString(dir.resolve("outside.ipynb"), notebook(SETUP, ex1("9")));
        Files.createDirectories(subs.resolve("mallory"));
        Files.createSymbolicLink(subs.resolve("mallory/99-demo.ipynb"), outside);        // a link: refused

        Process bad = new ProcessBuilder(LauncherTest.LAUNCHER.toString(), "grade", subs.toString(), "--timeout", "0")
                .redirectErrorStream(true).start();
        String badLog = new String(bad.getInputStream().readAllBytes());
        assertTrue(bad.waitFor() != 0 && badLog.contains("--timeout must be a positive number"), badLog);

        var pb = new ProcessBuilder(LauncherTest.LAUNCHER.toString(), "grade", subs.toString(),
                "--timeout", "40", "--reference", ref.toString(), "--keys", keys.toString()).redirectErrorStream(true);
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), log);
        List<String> csv = Files.readAllLines(subs.resolve("grades.csv"));
        assertEquals(List.of(
                "student,99-demo/ex1,99-demo/ex2,99-demo/h1,score,total",
                "'=cmd,1,1,2,4,4",   // a name a spreadsheet would run as a formula is quoted
                "alice,1,1,2,4,4",
                "bob,1,0,2,3,4",
                "carol,0,0,0,0,4",   // timed out: a crashed notebook scores 0
                "dave,0,0,0,0,4",    // unreadable
                "eve,0,0,0,0,4",     // printed PASS lines and its own Check.hidden call count for nothing
                "frank,0,0,0,0,4",   // its own answer key is replaced by the teacher's
                "grace,0,0,0,0,4",   // Exercise.expected() does not compile
                "heidi,0,0,0,0,4",   // could not read alice's notebook nor the reference
                "ivan,1,0,0,1,4",
                "ken,0,0,0,0,4",     // could not connect
                "zed,1,1,2,4,4"),    // ivan could not overwrite zed's notebook
                csv.stream().map(String::strip).toList(), log);
        assertEquals("keep me", Files.readString(victim));
        Process linger = new ProcessBuilder("pgrep", "-f", "sleep 1234.5").start();
        assertEquals(1, linger.waitFor(), "ivan's setsid child outlived the grader");
        server.close();
        assertTrue(log.contains("ignored sneaky_01.ipynb: no such lesson") && log.contains("ignored mallory/99-demo.ipynb: a symbolic link"),
                log);
        assertTrue(Files.readString(subs.resolve("grades.html")).contains("<td>alice</td>"));
        List<String> lms = Files.readAllLines(subs.resolve("grades-nbgrader.csv"));
        assertEquals("assignment,duedate,timestamp,student_id,last_name,first_name,email,raw_score,"
                + "late_submission_penalty,score,max_score", lms.get(0));
        assertTrue(lms.stream().anyMatch(l -> l.matches("99-demo,,20\\d\\d-[-0-9T:+]+,bob,,,,3,0.0,3,4")), lms.toString());
        String bob = Files.readString(subs.resolve("feedback/bob.html"));
        assertTrue(bob.contains("Total: <b>3 / 4</b>") && bob.contains("Hint: rows") && bob.contains("h1 (hidden test)")
                && bob.contains("hidden test passed"), bob);
        String eve = Files.readString(subs.resolve("feedback/eve.html"));
        assertTrue(eve.contains("not run"), eve + "\n" + log);
        assertTrue(log.contains("wrote ") && log.contains("grades-nbgrader.csv and feedback/"), log);
    }

    @Test
    void refusesToGradeWithoutASandbox(@TempDir Path dir) throws Exception {
        Path subs = Files.createDirectories(dir.resolve("subs/zoe"));
        Files.writeString(subs.resolve("01-convolution.ipynb"), notebook("1 + 1"));
        var pb = new ProcessBuilder("/usr/bin/python3", LauncherTest.ROOT.resolve("tools/classroom.py").toString(),
                "grade", dir.resolve("subs").toString()).redirectErrorStream(true);
        pb.environment().put("PATH", dir.toString());   // no bwrap on it
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor() != 0, log);
        assertTrue(log.contains("cannot sandbox the students' code (bubblewrap (bwrap) is not installed")
                && log.contains("--unsafe"), log);
        assertFalse(Files.exists(dir.resolve("subs/grades.csv")));
    }

    @Test
    void ctrlCLeavesThePreviousGradesAsTheyWere(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jupyter")), "Jupyter not installed");
        Path ref = Files.createDirectories(dir.resolve("ref"));
        Files.writeString(ref.resolve("99-demo.ipynb"), notebook(SETUP, ex1("3 * 3")));
        Path subs = Files.createDirectories(dir.resolve("subs/zoe"));
        Files.writeString(subs.resolve("99-demo.ipynb"), notebook(SETUP, "while (true) { }"));
        Files.writeString(dir.resolve("subs/grades.csv"), "previous grades\n");
        Process p = new ProcessBuilder(LauncherTest.LAUNCHER.toString(), "grade", dir.resolve("subs").toString(),
                "--timeout", "60", "--reference", ref.toString()).redirectErrorStream(true).start();
        var log = new StringBuilder();
        var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
        for (String line; (line = reader.readLine()) != null; ) {
            log.append(line).append('\n');
            if (line.startsWith("grading zoe")) break;
        }
        // usually inside the notebook's endless loop; on a loaded machine the kernel may still be starting,
        // and Ctrl-C must leave the grades alone then too
        Thread.sleep(Long.getLong("cnnlab.ctrlCDelayMs", 8000));
        // Ctrl-C in a terminal reaches the whole foreground process group: the grader and its kernel
        Process kill = new ProcessBuilder("pkill", "-INT", "-f", "classroom.py grade " + dir.resolve("subs")).start();
        assertEquals(0, kill.waitFor());
        log.append(new String(p.getInputStream().readAllBytes()));
        assertTrue(p.waitFor() != 0, log.toString());
        assertTrue(log.toString().contains("interrupted"), log.toString());
        assertEquals("previous grades\n", Files.readString(dir.resolve("subs/grades.csv")));
        assertFalse(Files.exists(dir.resolve("subs/grades.html")));
    }
}
