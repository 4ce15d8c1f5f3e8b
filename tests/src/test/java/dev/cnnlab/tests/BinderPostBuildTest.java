package dev.cnnlab.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Binder (repo2docker) and the Dockerfile do, without Docker: a fresh clone of this repository and a fresh
 * HOME, the image's Jupyter on PATH (here the venv's), then {@code binder/postBuild}. Afterwards
 * {@code jupyter kernelspec list} shows cnnlab in that HOME and a notebook executes with it. The Maven cache is
 * shared (a real image downloads it once) and the dataset fetch is skipped (no network in tests).
 */
class BinderPostBuildTest {
    static final String JUPYTER = System.getProperty("cnnlab.jupyter", "/usr/bin/jupyter");

    @Test
    void postBuildInAFreshCloneInstallsAWorkingKernel(@TempDir Path dir) throws Exception {
        Path jupyterBin = Path.of(JUPYTER).getParent();
        assumeTrue(Files.isExecutable(Path.of(JUPYTER)), "no Jupyter at " + JUPYTER);
        Path home = Files.createDirectories(dir.resolve("home")), clone = dir.resolve("cnnlab");
        String m2 = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
        assertEquals(0, exec(dir, Map.of(), 5, "git", "clone", "-q", "--no-hardlinks", LauncherTest.ROOT.toString(),
                clone.toString()).exit());
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", jupyterBin + ":" + System.getenv("PATH"),
                "MAVEN_OPTS", "-Dmaven.repo.local=" + m2, "CNNLAB_SKIP_DATA", "1");
        LauncherTest.Result built = exec(clone, env, 20, clone.resolve("binder/postBuild").toString());
        assertEquals(0, built.exit(), built.out());
        Path spec = home.resolve(".local/share/jupyter/kernels/cnnlab/kernel.json");
        assertTrue(Files.readString(spec).contains(clone.resolve("cnnlab").toString()), "spec runs the clone's launcher");
        LauncherTest.Result list = exec(clone, env, 2, JUPYTER, "kernelspec", "list");
        assertTrue(list.out().contains("cnnlab") && list.out().contains(home.toString()), list.out());

        Path nb = clone.resolve("check.ipynb");
        Files.writeString(nb, ClassroomTest.notebook("var net = Sequential.input(1, 28, 28).conv2d(4, 3).build();\n"
                + "System.out.println(\"params \" + net.parameterCount());"));
        LauncherTest.Result ran = exec(clone, env, 10, JUPYTER, "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=cnnlab", "--output", "check-out.ipynb", nb.toString());
        assertEquals(0, ran.exit(), ran.out());
        // 4 filters of 1x3x3 weights plus 4 biases
        assertTrue(Files.readString(clone.resolve("check-out.ipynb")).contains("params 40"), ran.out());
    }

    static LauncherTest.Result exec(Path dir, Map<String, String> env, long minutes, String... cmd) throws Exception {
        Path log = Files.createTempFile("cnnlab-binder", ".log");
        var pb = new ProcessBuilder(List.of(cmd)).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("JUPYTER_DATA_DIR");
        pb.environment().remove("JUPYTER_PATH");
        pb.environment().remove("CNNLAB_VENV");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        return new LauncherTest.Result(p.isAlive() ? -1 : p.exitValue(), out);
    }
}
