package dev.cnnlab.kernel.magics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.util.artifact.JavaScopes;

/**
 * {@code %maven COORDINATES...}, also by IJava's names {@code %addMavenDependencies} and
 * {@code %addMavenDependency}: adds Maven artifacts with their runtime dependencies to the class path (see
 * {@link MavenResolution}: the local repository first, offline). Coordinates as IJava takes them:
 * {@code group:artifact[:packaging[:classifier]]:version}, or Ivy's {@code org#name;version}; several separated by
 * spaces, resolved together. {@code --from=REPO} (an id added with {@code %mavenRepo}, or a URL) limits the
 * remote repositories to those named; {@code -v} says where each came from.
 */
public final class MavenMagic implements Magic {
    private static final Pattern IVY = Pattern.compile("^([-\\w/._+=]*)#([-\\w/._+=]+)(?:#[-\\w/._+=]+)?;([-\\w/._+=,\\[\\]{}():@]+)$");

    private final MavenResolution resolution;
    private final List<RemoteRepository> repositories = new ArrayList<>(List.of(MavenResolution.CENTRAL));

    /** A {@code %maven} resolving through {@code resolution}, from Maven Central and repositories added later. */
    MavenMagic(MavenResolution resolution) {
        this.resolution = resolution;
    }

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String help() {
        return "%maven GROUP:ARTIFACT[:PACKAGING[:CLASSIFIER]]:VERSION... [--from=REPO] [-v]: add Maven artifacts"
                + " and their dependencies (local repository first)";
    }

    /** {@code %mavenRepo ID URL} (IJava also {@code %addMavenRepo}): an extra repository for {@code %maven}. */
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
                List<String> p = MagicArgs.split(args);
                if (p.size() != 2) throw new MagicException("usage: %mavenRepo ID URL, got '" + args.strip() + "'");
                if (!p.get(1).matches("(?i)(https?|file)://.+")) {
                    throw new MagicException("%mavenRepo: '" + p.get(1) + "' is not a URL (http://, https:// or file://)");
                }
                repositories.removeIf(r -> r.getId().equals(p.get(0)));
                repositories.add(MavenResolution.repository(p.get(0), p.get(1)));
                ctx.println("added repository " + p.get(0) + " " + p.get(1));
            }
        };
    }

    @Override
    public void line(String args, MagicContext ctx) {
        List<String> coords = new ArrayList<>();
        Set<String> from = new LinkedHashSet<>();
        boolean verbose = false;
        List<String> all = MagicArgs.split(args);
        for (int i = 0; i < all.size(); i++) {
            String a = all.get(i);
            if (a.equals("-v") || a.equals("--verbose")) verbose = true;
            else if (a.startsWith("--from=")) from.add(a.substring(7));
            else if (a.equals("--from") && i + 1 < all.size()) from.add(all.get(++i));
            else if (a.startsWith("-")) throw new MagicException("%maven: unknown option " + a + " (known: --from=REPO, -v)");
            else coords.add(a);
        }
        if (coords.isEmpty()) {
            throw new MagicException("%maven needs coordinates, e.g. %maven org.apache.commons:commons-math3:3.6.1");
        }
        Map<String, String> loaded = LoadedArtifacts.byCoordinates(ctx.classPath());
        List<Dependency> wanted = new ArrayList<>();
        for (String c : coords) {
            Artifact artifact = artifact(c);
            String ga = artifact.getGroupId() + ":" + artifact.getArtifactId();
            if (loaded.containsKey(ga)) {  // no resolution at all: nothing of it could be added
                ctx.println("kept " + ga + ":" + loaded.get(ga) + ", already loaded by the kernel (asked for "
                        + artifact.getVersion() + "): a second version on one class path would break both");
            } else {
                wanted.add(new Dependency(artifact, JavaScopes.RUNTIME));
            }
        }
        if (wanted.isEmpty()) return;
        List<Artifact> jars = resolution.resolve(String.join(" ", coords), wanted, List.of(), repositories(from), ctx, verbose);
        MavenResolution.addToClassPath(jars, ctx);
    }

    /** The repositories to use: all, or those {@code --from} names (ids of added ones, or URLs). */
    private List<RemoteRepository> repositories(Set<String> from) {
        if (from.isEmpty()) return repositories;
        List<RemoteRepository> out = new ArrayList<>();
        for (String f : from) {
            RemoteRepository known = repositories.stream().filter(r -> r.getId().equalsIgnoreCase(f)).findFirst().orElse(null);
            if (known != null) out.add(known);
            else if (f.matches("(?i)(https?|file)://.+")) out.add(MavenResolution.repository("from-" + out.size(), f));
            else throw new MagicException("%maven --from=" + f + ": no such repository (known: "
                    + repositories.stream().map(RemoteRepository::getId).toList() + ", or give a URL)");
        }
        return out;
    }

    /**
     * The artifact that IJava coordinates name: {@code group:artifact[:packaging[:classifier]]:version} or Ivy's
     * {@code org#name[#branch];version}.
     */
    static Artifact artifact(String coords) {
        Matcher ivy = IVY.matcher(coords);
        if (ivy.matches()) return new DefaultArtifact(ivy.group(1), ivy.group(2), "jar", ivy.group(3));
        try {
            return new DefaultArtifact(coords);
        } catch (IllegalArgumentException e) {
            throw new MagicException("%maven: '" + coords + "' is not group:artifact[:packaging[:classifier]]:version,"
                    + " e.g. org.apache.commons:commons-math3:3.6.1");
        }
    }
}
