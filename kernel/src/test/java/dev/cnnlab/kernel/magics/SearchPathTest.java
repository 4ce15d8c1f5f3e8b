package dev.cnnlab.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relative paths in %load, %jars and %classpath: the loaded file's folder, the notebook's, the current one. */
class SearchPathTest {
    @Test
    void theNotebookFolderComesFromJupyterServersSessionName(@TempDir Path tmp) throws Exception {
        assertEquals(tmp, SearchPath.notebookDirFrom(tmp.resolve("lesson.ipynb").toString()));
        assertNull(SearchPath.notebookDirFrom(null));
        assertNull(SearchPath.notebookDirFrom(" "));
        assertNull(SearchPath.notebookDirFrom(tmp.resolve("gone/lesson.ipynb").toString()));
    }

    @Test
    void loadFindsFilesBesideTheNotebookAndBesideTheLoadedFile(@TempDir Path nb) throws Exception {
        Files.createDirectories(nb.resolve("lib/more"));
        Files.writeString(nb.resolve("lib/helpers.jsh"), "int h = 1;\n%load more/inner\n");  // relative to lib/
        Files.writeString(nb.resolve("lib/more/inner.jshell"), "int inner = 2;\n");
        Files.writeString(nb.resolve("setup.ipynb"), "{\"cells\":[{\"cell_type\":\"code\",\"source\":[\"int s = 3;\\n\","
                + "\"%load lib/helpers.jsh\"]},{\"cell_type\":\"markdown\",\"source\":\"x\"}],\"nbformat\":4}");
        var ctx = new FakeContext(Magics.standard(new SearchPath(nb)));
        ctx.run("%load setup");  // IJava: no extension needed, a notebook tried last
        assertEquals(List.of("int s = 3;", "int h = 1;", "int inner = 2;"), ctx.java.stream().map(String::strip).toList());
        var e = assertThrows(MagicException.class, () -> ctx.run("%load nothing"));
        assertTrue(e.getMessage().startsWith("%load: no file nothing in " + nb), e.getMessage());
        assertTrue(e.getMessage().contains("(also tried .jsh, .jshell, .java, .ijava, .ipynb)"), e.getMessage());
    }

    @Test
    void jarsTakesGlobsAndFoldersOfJars(@TempDir Path nb) throws Exception {
        Files.createDirectories(nb.resolve("libs/classes"));
        for (String f : List.of("libs/a.jar", "libs/b.jar", "libs/notes.txt")) Files.writeString(nb.resolve(f), "");
        var ctx = new FakeContext(Magics.standard(new SearchPath(nb)));
        ctx.run("%jars libs/*.jar");
        assertEquals(List.of(nb.resolve("libs/a.jar").toString(), nb.resolve("libs/b.jar").toString()), ctx.classPath);
        ctx.classPath.clear();
        ctx.run("%jars libs");  // a folder: the jars in it (IJava)
        assertEquals(List.of(nb.resolve("libs/a.jar").toString(), nb.resolve("libs/b.jar").toString()), ctx.classPath);
        var e = assertThrows(MagicException.class, () -> ctx.run("%jars nolibs/*.jar"));
        assertTrue(e.getMessage().startsWith("%jars: no jar matches nolibs/*.jar (looked in " + nb), e.getMessage());
    }

    @Test
    void classpathAddsFoldersAndJarsAsNamed(@TempDir Path nb) throws Exception {
        Files.createDirectories(nb.resolve("out/classes"));
        Files.writeString(nb.resolve("out/x.jar"), "");
        var ctx = new FakeContext(Magics.standard(new SearchPath(nb)));
        ctx.run("%classpath out/classes \"out/*.jar\"");
        assertEquals(List.of(nb.resolve("out/classes").toString(), nb.resolve("out/x.jar").toString()), ctx.classPath);
        ctx.run("%classpath");
        assertEquals(ctx.classPath, ctx.printed.subList(ctx.printed.size() - 2, ctx.printed.size()));
        var e = assertThrows(MagicException.class, () -> ctx.run("%classpath out/nothing"));
        assertTrue(e.getMessage().startsWith("%classpath: nothing matches out/nothing"), e.getMessage());
    }
}
