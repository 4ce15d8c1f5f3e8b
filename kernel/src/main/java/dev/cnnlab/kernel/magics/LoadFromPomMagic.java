package dev.cnnlab.kernel.magics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * IJava's {@code %%loadFromPOM [SCOPE...]} (the cell body is a POM or POM fragment, see {@link PomDependencies})
 * and {@code %loadFromPOM POM_FILE [SCOPE...]}: adds the POM's dependencies with their runtime dependencies to the
 * class path, from the POM's repositories and Maven Central (not those of {@code %mavenRepo}, as in IJava), the
 * local repository first. Scopes default to compile, runtime, system and import; {@code -v} says where the jars
 * came from.
 */
public final class LoadFromPomMagic implements Magic {
    static final List<String> DEFAULT_SCOPES = List.of("compile", "runtime", "system", "import");

    private final MavenResolution resolution;
    private final SearchPath searchPath;

    /** A {@code %loadFromPOM} resolving through {@code resolution}, POM files looked for along {@code searchPath}. */
    LoadFromPomMagic(MavenResolution resolution, SearchPath searchPath) {
        this.resolution = resolution;
        this.searchPath = searchPath;
    }

    @Override
    public String name() {
        return "loadFromPOM";
    }

    @Override
    public String help() {
        return "%loadFromPOM POM_FILE [SCOPE...] / %%loadFromPOM [SCOPE...] with <dependency> and <repository> XML:"
                + " add a POM's dependencies";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        List<String> a = new ArrayList<>(MagicArgs.split(args));
        boolean verbose = a.removeIf(x -> x.equals("-v") || x.equals("--verbose"));
        if (a.isEmpty()) {
            throw new MagicException("%loadFromPOM needs a POM file, e.g. %loadFromPOM pom.xml (or use %%loadFromPOM"
                    + " as the first line of a cell of POM XML)");
        }
        Path pom = searchPath.find(a.get(0));
        if (pom == null || !Files.isRegularFile(pom)) {
            throw new MagicException("%loadFromPOM: no file " + a.get(0) + " in " + searchPath.describe());
        }
        String xml;
        try {
            xml = Files.readString(pom, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MagicException("%loadFromPOM: cannot read " + pom + ": " + e.getMessage(), e);
        }
        load("%loadFromPOM " + pom, xml, a.subList(1, a.size()), ctx, verbose);
    }

    @Override
    public void cell(String args, String body, MagicContext ctx) {
        List<String> a = new ArrayList<>(MagicArgs.split(args));
        boolean verbose = a.removeIf(x -> x.equals("-v") || x.equals("--verbose"));
        if (body.isBlank()) {
            throw new MagicException("%%loadFromPOM: the cell has no POM XML below its first line, e.g. <dependency>"
                    + "<groupId>com.google.code.gson</groupId><artifactId>gson</artifactId><version>2.11.0</version></dependency>");
        }
        load("%%loadFromPOM", body, a, ctx, verbose);
    }

    private void load(String what, String xml, List<String> scopes, MagicContext ctx, boolean verbose) {
        for (String s : scopes) {
            if (s.startsWith("-")) throw new MagicException(what + ": unknown option " + s + " (known: -v)");
        }
        PomDependencies pom;
        try {
            pom = PomDependencies.parse(xml, scopes.isEmpty() ? DEFAULT_SCOPES : scopes);
        } catch (MagicException e) {
            throw new MagicException(what + ": " + e.getMessage(), e);
        }
        for (Path jar : pom.systemJars()) {
            if (!Files.isRegularFile(jar)) throw new MagicException(what + ": no <systemPath> file " + jar);
            ctx.addToClasspath(jar.toAbsolutePath().toString());
            ctx.println("added " + jar);
        }
        if (pom.dependencies().isEmpty()) {
            if (pom.systemJars().isEmpty()) ctx.println(what + ": no dependencies of scopes " + (scopes.isEmpty() ? DEFAULT_SCOPES : scopes));
            return;
        }
        List<RemoteRepository> repos = new ArrayList<>(pom.repositories());
        if (repos.stream().noneMatch(r -> r.getUrl().equals(MavenResolution.CENTRAL.getUrl()))) repos.add(MavenResolution.CENTRAL);
        List<Artifact> jars = resolution.resolve(what, pom.dependencies(), pom.managed(), repos, ctx, verbose);
        MavenResolution.addToClassPath(jars, ctx);
    }
}
