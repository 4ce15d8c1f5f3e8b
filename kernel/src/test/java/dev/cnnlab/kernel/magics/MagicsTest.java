package dev.cnnlab.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IJava's magic names and forms dispatch to cnnlab's magics; unknown ones are named with the known ones. */
class MagicsTest {
    @Test
    void ijavaNamesAreKnown() {
        var names = Magics.standard(new SearchPath(null)).names();
        for (String n : List.of("maven", "addMavenDependency", "addMavenDependencies", "mavenRepo", "addMavenRepo",
                "loadFromPOM", "jars", "classpath", "load", "time", "imports", "lsmagic")) {
            assertTrue(names.contains(n), n + " missing from " + names);
        }
    }

    @Test
    void anUnknownMagicIsNamedWithTheKnownOnes() {
        var ctx = new FakeContext(Magics.standard(new SearchPath(null)));
        var line = assertThrows(MagicException.class, () -> ctx.run("int a = 1;\n%addMavenDependencys g:a:1"));
        assertTrue(line.getMessage().startsWith("unknown magic %addMavenDependencys. Known line magics: %maven, "
                + "%addMavenDependencies, %addMavenDependency, %mavenRepo, %addMavenRepo, %loadFromPOM"), line.getMessage());
        var cell = assertThrows(MagicException.class, () -> ctx.run("%%javascript\nalert(1)"));
        assertTrue(cell.getMessage().startsWith("unknown magic %%javascript."), cell.getMessage());
        assertTrue(cell.getMessage().contains("cell magics: %%time, %%loadFromPOM"), cell.getMessage());
    }

    @Test
    void aMagicAsTheValueOfAnAssignment(@TempDir Path nb) throws Exception {
        Files.createDirectories(nb.resolve("libs"));
        Files.writeString(nb.resolve("libs/a b.jar"), "");
        var ctx = new FakeContext(Magics.standard(new SearchPath(nb)));
        ctx.run("int before = 1;\nList<String> added = %jars libs/*.jar\nint after = added.size();");
        String jar = nb.resolve("libs/a b.jar").toString().replace("\\", "\\\\");
        assertEquals(List.of("int before = 1;\n", "List<String> added = java.util.List.of(\"" + jar + "\");\n",
                "int after = added.size();\n"), ctx.java);
        assertEquals(List.of(nb.resolve("libs/a b.jar").toString()), ctx.classPath);
        ctx.java.clear();
        ctx.run("Object none = %imports");
        assertEquals(List.of("Object none = null;\n"), ctx.java);
        assertTrue(!Magics.hasMagic("String s = \"x = %jars y\";\nboolean b = n == %d;"), "in a string, after ==: Java");
        assertTrue(Magics.hasMagic("var jars = %jars x"));
        assertTrue(AssignedMagic.parse("// x = %jars y") == null);
    }

    @Test
    void lsmagicShowsTheAliases() {
        var ctx = new FakeContext(Magics.standard(new SearchPath(null)));
        ctx.run("%lsmagic");
        assertTrue(ctx.printed.stream().anyMatch(l -> l.contains("(also %addMavenDependencies, %addMavenDependency)")),
                ctx.printed.toString());
    }

    @Test
    void mavenMagicsByEveryNameReadTheLocalRepository(@TempDir Path tmp) throws Exception {
        Path local = tmp.resolve("m2");
        Path lib = FixtureRepo.artifact(local, "fix", "lib", "1.0");
        Path app = FixtureRepo.artifact(local, "fix", "app", "2.0", "fix:lib:1.0");
        Path tool = FixtureRepo.artifact(local, "fix", "tool", "3");
        String before = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", local.toString());
        try {
            var ctx = new FakeContext(Magics.standard(new SearchPath(tmp)));
            ctx.run("%addMavenDependency fix:app:jar:2.0");
            assertEquals(List.of(app.toString(), lib.toString()), ctx.classPath);
            ctx.run("%addMavenDependencies fix:tool:3 fix:lib:1.0");  // fix:lib is loaded: kept, not added twice
            assertEquals(List.of(app.toString(), lib.toString(), tool.toString()), ctx.classPath);
            var bad = assertThrows(MagicException.class, () -> ctx.run("%maven fix:app:2.0 --nope"));
            assertEquals("%maven: unknown option --nope (known: --from=REPO, -v)", bad.getMessage());
        } finally {
            if (before == null) System.clearProperty("maven.repo.local");
            else System.setProperty("maven.repo.local", before);
        }
    }

    @Test
    void loadFromPomAsCellAndAsLine(@TempDir Path tmp) throws Exception {
        Path local = tmp.resolve("m2"), remote = tmp.resolve("remote");
        Path far = FixtureRepo.artifact(remote, "fix", "far", "1.0");
        Path near = FixtureRepo.artifact(local, "fix", "near", "1.0");
        String before = System.getProperty("maven.repo.local");
        System.setProperty("maven.repo.local", local.toString());
        try {
            var ctx = new FakeContext(Magics.standard(new SearchPath(tmp)));
            ctx.run("%%loadFromPOM\n<repository><id>fixture</id><url>" + remote.toUri() + "</url></repository>\n"
                    + "<dependency><groupId>fix</groupId><artifactId>far</artifactId><version>1.0</version></dependency>");
            assertEquals(List.of(local.resolve("fix/far/1.0/far-1.0.jar").toString()), ctx.classPath);
            assertTrue(Files.isRegularFile(far));
            Files.writeString(tmp.resolve("pom.xml"), "<project><modelVersion>4.0.0</modelVersion><groupId>me</groupId>"
                    + "<artifactId>nb</artifactId><version>1</version><dependencies><dependency><groupId>fix</groupId>"
                    + "<artifactId>near</artifactId><version>1.0</version></dependency></dependencies></project>");
            ctx.run("%loadFromPOM pom.xml");  // relative: the notebook's folder
            assertEquals(near.toString(), ctx.classPath.get(1));
            var e = assertThrows(MagicException.class, () -> ctx.run("%%loadFromPOM\n<dependency><groupId>g</groupId>"));
            assertTrue(e.getMessage().startsWith("%%loadFromPOM: not well-formed XML at line 1"), e.getMessage());
        } finally {
            if (before == null) System.clearProperty("maven.repo.local");
            else System.setProperty("maven.repo.local", before);
        }
    }
}
