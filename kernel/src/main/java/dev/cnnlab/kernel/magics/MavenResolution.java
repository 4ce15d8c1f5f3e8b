package dev.cnnlab.kernel.magics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;

/**
 * Resolves Maven dependencies with their runtime dependencies through Maven Resolver and adds the jars to the
 * cells' class path. The local repository ({@link #userLocalRepository()}) is tried first with no network at all, so an
 * artifact already there (from any earlier build) resolves offline; only what is missing is downloaded, from the
 * given remote repositories into that local repository. An artifact the kernel already has (same group and
 * artifact, any version, or the same first class) is not added again: the loaded one is kept and the cell says so.
 */
final class MavenResolution {
    /** Maven Central, the repository every resolution uses (IJava's default too). */
    static final RemoteRepository CENTRAL =
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build();

    private final Path localRepository;
    private RepositorySystem system;

    MavenResolution(Path localRepository) {
        this.localRepository = localRepository;
    }

    /**
     * A remote repository by id and URL. A {@code file://} one is read without checksums: a folder laid out by hand
     * or by a build seldom has them, and each missing one would log a stack trace.
     */
    static RemoteRepository repository(String id, String url) {
        var b = new RemoteRepository.Builder(id, "default", url);
        if (url.regionMatches(true, 0, "file:", 0, 5)) {
            b.setPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_DAILY, RepositoryPolicy.CHECKSUM_POLICY_IGNORE));
        }
        return b.build();
    }

    /** The user's local repository: {@code -Dmaven.repo.local} as Maven takes it, else {@code ~/.m2/repository}. */
    static Path userLocalRepository() {
        String given = System.getProperty("maven.repo.local");
        if (given != null && !given.isBlank()) return Path.of(given);
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The local repository this resolution reads first and downloads into. */
    Path localRepository() {
        return localRepository;
    }

    /**
     * The jars of {@code dependencies} and their runtime dependencies, resolved together (one conflict resolution,
     * as in a POM), {@code managed} pinning versions as a POM's dependencyManagement does. {@code what} names the
     * request in errors.
     */
    List<Artifact> resolve(String what, List<Dependency> dependencies, List<Dependency> managed,
                           List<RemoteRepository> repositories, MagicContext ctx, boolean verbose) {
        try {
            List<Artifact> local = resolve(dependencies, managed, repositories, true);
            if (verbose) ctx.println("resolved " + what + " from the local repository " + localRepository);
            return local;
        } catch (DependencyResolutionException | RuntimeException offline) {
            if (verbose) ctx.println("not all in " + localRepository + " (" + firstLine(offline) + "): downloading");
        }
        try {
            return resolve(dependencies, managed, repositories, false);
        } catch (DependencyResolutionException | RuntimeException e) {
            throw new MagicException("cannot resolve " + what + ": " + firstLine(e) + " (not in " + localRepository
                    + ", and not downloadable from " + repositories.stream().map(RemoteRepository::getUrl).toList()
                    + "; offline? check the coordinates on https://central.sonatype.com)", e);
        }
    }

    private List<Artifact> resolve(List<Dependency> dependencies, List<Dependency> managed,
                                   List<RemoteRepository> repositories, boolean offline)
            throws DependencyResolutionException {
        RepositorySystem sys = system();
        DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
        // offline: the "simple" layout takes any file present, whichever repository it came from (the default one
        // would ask the network again for an artifact that a build installed rather than downloaded)
        LocalRepository local = new LocalRepository(localRepository.toFile(), offline ? "simple" : "");
        session.setLocalRepositoryManager(sys.newLocalRepositoryManager(session, local));
        session.setOffline(offline);
        // POM profiles activated by <jdk> (commons-parent has some) need java.version: without it such a POM is
        // invalid, and its dependencies were silently dropped
        session.setSystemProperties(System.getProperties());
        if (offline) {
            // a POM (or its parent) missing locally must fail the offline try, not resolve without its dependencies
            session.setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(false, false));
        }
        CollectRequest collect = new CollectRequest(dependencies, managed, repositories);
        var request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
        List<Artifact> out = new ArrayList<>();
        for (ArtifactResult r : sys.resolveDependencies(session, request).getArtifactResults()) {
            if (r.getArtifact() != null && r.getArtifact().getFile() != null) out.add(r.getArtifact());
        }
        return out;
    }

    /**
     * Adds {@code artifacts} to the class path, keeping what the kernel has loaded already ({@code loaded}:
     * group:artifact → version; {@code classes}: class entry → jar name); prints a line per artifact.
     */
    static void addToClassPath(List<Artifact> artifacts, MagicContext ctx) {
        Map<String, String> loaded = LoadedArtifacts.byCoordinates(ctx.classPath());
        Map<String, String> classes = LoadedArtifacts.byClass(ctx.classPath());
        for (Artifact a : artifacts) {
            String key = a.getGroupId() + ":" + a.getArtifactId();
            if (loaded.containsKey(key)) {
                if (!loaded.get(key).equals(a.getVersion())) {
                    ctx.println("kept " + key + ":" + loaded.get(key) + " already loaded (asked for " + a.getVersion()
                            + "): a second version on one class path would break both");
                }
                continue;
            }
            String path = a.getFile().getAbsolutePath();
            String clash = LoadedArtifacts.firstClass(path);
            if (clash != null && classes.containsKey(clash)) {  // jars without Maven metadata (e.g. DJL's)
                ctx.println("kept " + classes.get(clash) + " already loaded (instead of " + a + ")");
                continue;
            }
            ctx.addToClasspath(path);
            loaded.put(key, a.getVersion());
            ctx.println("added " + a);
        }
    }

    private synchronized RepositorySystem system() {
        if (system == null) system = new RepositorySystemSupplier().get();
        return system;
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
