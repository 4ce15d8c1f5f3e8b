package dev.cnnlab.kernel.magics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipFile;

import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * {@code %maven group:artifact:version...}: resolves artifacts with their runtime dependencies from Maven
 * Central (and repositories added with {@code %mavenRepo}) through Maven Resolver, into the user's
 * {@code ~/.m2/repository}, and adds them to the class path. An artifact the kernel already has (same
 * group and artifact, any version) is not added again: the loaded one is kept and the cell says so.
 */
public final class MavenMagic implements Magic {
    private final List<RemoteRepository> repositories = new ArrayList<>(List.of(
            new RemoteRepository.Builder("central", "default", "https://repo.maven.apache.org/maven2/").build()));
    private RepositorySystem system;

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String help() {
        return "%maven GROUP:ARTIFACT:VERSION...: add Maven artifacts and their dependencies";
    }

    /** {@code %mavenRepo ID URL}: an extra repository for {@code %maven}. */
    public Magic repoMagic() {
        return new Magic() {
            @Override
            public String name() {
                return "mavenRepo";
            }

            @Override
            public String help() {
                return "%mavenRepo ID URL: also resolve %maven artifacts from this repository";
            }

            @Override
            public void line(String args, MagicContext ctx) {
                String[] p = args.trim().split("\\s+");
                if (p.length != 2) throw new MagicException("usage: %mavenRepo ID URL");
                repositories.add(new RemoteRepository.Builder(p[0], "default", p[1]).build());
                ctx.println("added repository " + p[0] + " " + p[1]);
            }
        };
    }

    @Override
    public void line(String args, MagicContext ctx) {
        if (args.isBlank()) throw new MagicException("%maven needs coordinates, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        Map<String, String> loaded = loadedArtifacts(ctx.classPath());
        Map<String, String> classes = loadedClasses(ctx.classPath());
        for (String coords : args.trim().split("\\s+")) resolve(coords, loaded, classes, ctx);
    }

    private void resolve(String coords, Map<String, String> loaded, Map<String, String> classes, MagicContext ctx) {
        Artifact artifact;
        try {
            artifact = new DefaultArtifact(coords);
        } catch (IllegalArgumentException e) {
            throw new MagicException("%maven: '" + coords + "' is not group:artifact:version (" + e.getMessage() + ")");
        }
        String ga = artifact.getGroupId() + ":" + artifact.getArtifactId();
        if (loaded.containsKey(ga)) {
            ctx.println("kept " + ga + ":" + loaded.get(ga) + ", already loaded by the kernel (asked for "
                    + artifact.getVersion() + "): a second version on one class path would break both");
            return;
        }
        List<ArtifactResult> results;
        try {
            RepositorySystem sys = system();
            var session = MavenRepositorySystemUtils.newSession();
            Path local = Path.of(System.getProperty("user.home"), ".m2", "repository");
            session.setLocalRepositoryManager(sys.newLocalRepositoryManager(session, new LocalRepository(local.toFile())));
            var collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), repositories);
            var request = new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            results = sys.resolveDependencies(session, request).getArtifactResults();
        } catch (DependencyResolutionException | RuntimeException e) {
            throw new MagicException("%maven: cannot resolve " + coords + ": " + e.getMessage()
                    + " (offline? check the coordinates on https://central.sonatype.com)", e);
        }
        for (ArtifactResult r : results) {
            Artifact a = r.getArtifact();
            if (a == null || a.getFile() == null) continue;
            String key = a.getGroupId() + ":" + a.getArtifactId();
            if (loaded.containsKey(key)) {
                if (!loaded.get(key).equals(a.getVersion())) {
                    ctx.println("kept " + key + ":" + loaded.get(key) + " already loaded (dependency asked for " + a.getVersion() + ")");
                }
                continue;
            }
            String clash = firstClass(a.getFile().getAbsolutePath());
            if (clash != null && classes.containsKey(clash)) {  // jars without Maven metadata (e.g. DJL's)
                ctx.println("kept " + classes.get(clash) + " already loaded (instead of " + a + ")");
                continue;
            }
            ctx.addToClasspath(a.getFile().getAbsolutePath());
            loaded.put(key, a.getVersion());
            ctx.println("added " + a);
        }
    }

    private synchronized RepositorySystem system() {
        if (system == null) system = new RepositorySystemSupplier().get();
        return system;
    }

    /** class entry → jar file name, for every jar on the class path. */
    static Map<String, String> loadedClasses(List<String> classPath) {
        Map<String, String> out = new HashMap<>();
        for (String entry : classPath) {
            if (!entry.endsWith(".jar")) continue;
            String name = Path.of(entry).getFileName().toString();
            try (ZipFile zip = new ZipFile(entry)) {
                zip.stream().map(java.util.zip.ZipEntry::getName)
                        .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                        .forEach(n -> out.putIfAbsent(n, name));
            } catch (IOException ignored) {
                // not a readable jar
            }
        }
        return out;
    }

    private static String firstClass(String jar) {
        if (!jar.endsWith(".jar")) return null;
        try (ZipFile zip = new ZipFile(jar)) {
            return zip.stream().map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class"))
                    .findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** group:artifact → version of every jar on the class path that carries Maven metadata. */
    static Map<String, String> loadedArtifacts(List<String> classPath) {
        Map<String, String> out = new HashMap<>();
        for (String entry : classPath) {
            if (!entry.endsWith(".jar")) continue;
            try (ZipFile zip = new ZipFile(entry)) {
                zip.stream().filter(e -> e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties"))
                        .forEach(e -> {
                            try (InputStream in = zip.getInputStream(e)) {
                                Properties p = new Properties();
                                p.load(in);
                                String g = p.getProperty("groupId"), a = p.getProperty("artifactId"), v = p.getProperty("version");
                                if (g != null && a != null) out.putIfAbsent(g + ":" + a, v);
                            } catch (IOException ignored) {
                                // unreadable metadata: treat the jar as anonymous
                            }
                        });
            } catch (IOException ignored) {
                // not a readable jar
            }
        }
        return out;
    }
}
