package dev.cnnlab.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Maven resolution reads the local repository first, with no network, and downloads only what is missing. */
class MavenResolutionTest {
    /** Nothing listens on port 9 of this machine: any network use fails at once. */
    static final List<RemoteRepository> UNREACHABLE =
            List.of(new RemoteRepository.Builder("central", "default", "http://127.0.0.1:9/maven2/").build());

    static Dependency dep(String coords) {
        return new Dependency(new DefaultArtifact(coords), "runtime");
    }

    @Test
    void anArtifactInTheLocalRepositoryResolvesWithNoNetwork(@TempDir Path tmp) throws Exception {
        Path local = tmp.resolve("m2");
        Path lib = FixtureRepo.artifact(local, "fix", "lib", "1.0");
        Path app = FixtureRepo.artifact(local, "fix", "app", "2.0", "fix:lib:1.0");
        var ctx = new FakeContext(new Magics());
        var jars = new MavenResolution(local).resolve("fix:app:2.0", List.of(dep("fix:app:2.0")), List.of(), UNREACHABLE, ctx, true);
        assertEquals(List.of(app, lib), jars.stream().map(a -> a.getFile().toPath()).toList());
        assertTrue(ctx.printed.get(0).startsWith("resolved fix:app:2.0 from the local repository"), ctx.printed.toString());
        MavenResolution.addToClassPath(jars, ctx);
        assertEquals(List.of(app.toString(), lib.toString()), ctx.classPath);
    }

    /**
     * The user's real local repository, where a build left commons-text (it depends on commons-lang3; both POMs
     * have parents): resolved with the network unreachable. Skipped where that build never ran.
     */
    @Test
    void theUsersLocalRepositoryResolvesOffline() {
        Path m2 = MavenResolution.userLocalRepository();
        Path text = m2.resolve("org/apache/commons/commons-text/1.10.0/commons-text-1.10.0.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(text), "not in this machine's " + m2);
        var ctx = new FakeContext(new Magics());
        var jars = new MavenResolution(m2).resolve("commons-text", List.of(dep("org.apache.commons:commons-text:1.10.0")),
                List.of(), UNREACHABLE, ctx, true);
        assertEquals(List.of(text, m2.resolve("org/apache/commons/commons-lang3/3.12.0/commons-lang3-3.12.0.jar")),
                jars.stream().map(a -> a.getFile().toPath()).toList());
        assertTrue(ctx.printed.get(0).startsWith("resolved commons-text from the local repository"), ctx.printed.toString());
    }

    @Test
    void whatIsMissingLocallyIsDownloadedIntoTheLocalRepository(@TempDir Path tmp) throws Exception {
        Path local = tmp.resolve("m2"), remote = tmp.resolve("remote");
        FixtureRepo.artifact(remote, "fix", "far", "1.0");
        var repo = new RemoteRepository.Builder("fixture", "default", remote.toUri().toString()).build();
        var ctx = new FakeContext(new Magics());
        var jars = new MavenResolution(local).resolve("fix:far:1.0", List.of(dep("fix:far:1.0")), List.of(), List.of(repo), ctx, false);
        Path got = jars.get(0).getFile().toPath();
        assertTrue(got.startsWith(local), got.toString());
        assertTrue(Files.isRegularFile(local.resolve("fix/far/1.0/far-1.0.jar")));
    }

    @Test
    void anArtifactFoundNowhereIsAnErrorNamingBothPlaces(@TempDir Path tmp) {
        var ctx = new FakeContext(new Magics());
        var e = assertThrows(MagicException.class, () -> new MavenResolution(tmp)
                .resolve("fix:none:1.0", List.of(dep("fix:none:1.0")), List.of(), UNREACHABLE, ctx, false));
        assertTrue(e.getMessage().startsWith("cannot resolve fix:none:1.0: "), e.getMessage());
        assertTrue(e.getMessage().contains("not in " + tmp), e.getMessage());
        assertTrue(e.getMessage().contains("http://127.0.0.1:9/maven2/"), e.getMessage());
    }

    @Test
    void aLibraryTheKernelHasIsKept(@TempDir Path tmp) throws Exception {
        Path local = tmp.resolve("m2");
        Path lib = FixtureRepo.artifact(local, "fix", "lib", "1.0");
        var ctx = new FakeContext(new Magics());
        Path loaded = tmp.resolve("loaded-lib.jar");
        Files.copy(lib, loaded);  // the same first class as fix:lib, under another name: as DJL's jars are seen
        ctx.classPath.add(loaded.toString());
        var jars = new MavenResolution(local).resolve("fix:lib:1.0", List.of(dep("fix:lib:1.0")), List.of(), UNREACHABLE, ctx, false);
        MavenResolution.addToClassPath(jars, ctx);
        assertEquals(List.of(loaded.toString()), ctx.classPath);
        assertTrue(ctx.printed.get(0).startsWith("kept loaded-lib.jar already loaded"), ctx.printed.toString());
    }
}
