package dev.cnnlab.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.aether.artifact.Artifact;
import org.junit.jupiter.api.Test;

/** The coordinates IJava's {@code %addMavenDependencies} takes, as {@link MavenMagic#artifact} reads them. */
class MavenCoordinatesTest {
    static String text(Artifact a) {
        return a.getGroupId() + "|" + a.getArtifactId() + "|" + a.getExtension() + "|" + a.getClassifier() + "|" + a.getVersion();
    }

    @Test
    void mavenForms() {
        assertEquals("com.google.code.gson|gson|jar||2.11.0", text(MavenMagic.artifact("com.google.code.gson:gson:2.11.0")));
        assertEquals("g|a|jar||1.0", text(MavenMagic.artifact("g:a:jar:1.0")));
        assertEquals("g|a|jar|natives-linux|1.0", text(MavenMagic.artifact("g:a:jar:natives-linux:1.0")));
        assertEquals("g|a|jar|tests|1.0", text(MavenMagic.artifact("g:a::tests:1.0")));  // IJava allows an empty packaging
        assertEquals("g|a|pom||1.0", text(MavenMagic.artifact("g:a:pom:1.0")));
    }

    @Test
    void ivyForm() {
        assertEquals("org.apache.commons|commons-text|jar||1.10.0", text(MavenMagic.artifact("org.apache.commons#commons-text;1.10.0")));
        assertEquals("o|n|jar||2", text(MavenMagic.artifact("o#n#branch;2")));
    }

    @Test
    void badCoordinatesAreNamedWithAnExample() {
        for (String bad : new String[] {"gson", "g:a", "g:a:b:c:d:e", "g::1"}) {
            var e = assertThrows(MagicException.class, () -> MavenMagic.artifact(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "' is not group:artifact[:packaging[:classifier]]:version"), e.getMessage());
        }
    }
}
