package dev.cnnlab.kernel.magics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** A Maven repository layout on disk with hand-made artifacts (a jar holding a text file and a
 * placeholder class entry, and its POM). */
final class FixtureRepo {
    private FixtureRepo() {}

    /** Writes {@code group:artifact:version} into {@code repo}, depending on {@code deps} (g:a:v each). */
    static Path artifact(Path repo, String group, String artifact, String version, String... deps) throws IOException {
        Path dir = repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version);
        Files.createDirectories(dir);
        StringBuilder d = new StringBuilder();
        for (String dep : deps) {
            String[] p = dep.split(":");
            d.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version></dependency>");
        }
        Files.writeString(dir.resolve(artifact + "-" + version + ".pom"), "<project><modelVersion>4.0.0</modelVersion>"
                + "<groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>" + version
                + "</version><dependencies>" + d + "</dependencies></project>");
        Path jar = dir.resolve(artifact + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("fix/" + artifact + "/Marker.class"));  // only its name is read (kept jars)
            j.closeEntry();
            j.putNextEntry(new JarEntry(artifact + ".txt"));
            j.write((artifact + " " + version).getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        return jar;
    }
}
