package dev.cnnlab.kernel.magics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the cells' class path holds already, so that a Maven magic never adds a second version of a library the
 * kernel has loaded (both would break): artifacts by their Maven metadata, and jars by their classes for jars that
 * carry none (DJL's, for one).
 */
final class LoadedArtifacts {
    private LoadedArtifacts() {}

    /** group:artifact → version of every jar on the class path that carries Maven metadata. */
    static Map<String, String> byCoordinates(List<String> classPath) {
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

    /** class entry → jar file name, for every jar on the class path. */
    static Map<String, String> byClass(List<String> classPath) {
        Map<String, String> out = new HashMap<>();
        for (String entry : classPath) {
            if (!entry.endsWith(".jar")) continue;
            String name = Path.of(entry).getFileName().toString();
            try (ZipFile zip = new ZipFile(entry)) {
                zip.stream().map(ZipEntry::getName).filter(LoadedArtifacts::isClass).forEach(n -> out.putIfAbsent(n, name));
            } catch (IOException ignored) {
                // not a readable jar
            }
        }
        return out;
    }

    /** The first class entry of a jar, or null (not a jar, unreadable, or no classes). */
    static String firstClass(String jar) {
        if (!jar.endsWith(".jar")) return null;
        try (ZipFile zip = new ZipFile(jar)) {
            return zip.stream().map(ZipEntry::getName).filter(LoadedArtifacts::isClass).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isClass(String n) {
        return n.endsWith(".class") && !n.startsWith("META-INF/") && !n.endsWith("module-info.class");
    }
}
