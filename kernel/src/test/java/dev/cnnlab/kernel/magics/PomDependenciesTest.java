package dev.cnnlab.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.aether.graph.Dependency;
import org.junit.jupiter.api.Test;

/** POMs and POM fragments as IJava's {@code %%loadFromPOM} takes them. */
class PomDependenciesTest {
    static final List<String> SCOPES = LoadFromPomMagic.DEFAULT_SCOPES;

    static List<String> coords(PomDependencies pom) {
        return pom.dependencies().stream().map(PomDependenciesTest::coords).toList();
    }

    static String coords(Dependency d) {
        var a = d.getArtifact();
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getExtension()
                + (a.getClassifier().isEmpty() ? "" : ":" + a.getClassifier()) + ":" + a.getVersion() + "/" + d.getScope();
    }

    @Test
    void looseDependenciesAndRepositoriesInAnyMix() {
        var pom = PomDependencies.parse("""
                <repository>
                  <id>fixture</id>
                  <url>file:///tmp/repo</url>
                </repository>
                <dependency>
                  <groupId>com.google.code.gson</groupId>
                  <artifactId>gson</artifactId>
                  <version>2.11.0</version>
                </dependency>
                <dependencies>
                  <dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version><classifier>linux</classifier></dependency>
                  <dependency><groupId>g</groupId><artifactId>t</artifactId><version>1</version><scope>test</scope></dependency>
                </dependencies>
                """, SCOPES);
        assertEquals(List.of("com.google.code.gson:gson:jar:2.11.0/compile", "g:a:jar:linux:1/compile"), coords(pom));
        assertEquals(1, pom.repositories().size());
        assertEquals("fixture", pom.repositories().get(0).getId());
        assertEquals("file:///tmp/repo", pom.repositories().get(0).getUrl());
    }

    @Test
    void scopesChooseTheDependencies() {
        String xml = "<dependency><groupId>g</groupId><artifactId>t</artifactId><version>1</version><scope>test</scope></dependency>"
                + "<dependency><groupId>g</groupId><artifactId>c</artifactId><version>1</version></dependency>";
        assertEquals(List.of("g:t:jar:1/test"), coords(PomDependencies.parse(xml, List.of("test"))));
        assertEquals(List.of("g:c:jar:1/compile"), coords(PomDependencies.parse(xml, SCOPES)));
    }

    @Test
    void aWholeProjectWithPropertiesAndDependencyManagement() {
        var pom = PomDependencies.parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>me</groupId><artifactId>nb</artifactId><version>3.1</version>
                  <properties><text.version>1.10.0</text.version><lang.version>${text.major}.12.0</lang.version>
                    <text.major>3</text.major></properties>
                  <dependencyManagement><dependencies>
                    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId>
                      <version>${lang.version}</version></dependency>
                  </dependencies></dependencyManagement>
                  <dependencies>
                    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-text</artifactId>
                      <version>${text.version}</version>
                      <exclusions><exclusion><groupId>x</groupId><artifactId>y</artifactId></exclusion></exclusions></dependency>
                    <dependency><groupId>org.apache.commons</groupId><artifactId>commons-lang3</artifactId></dependency>
                    <dependency><groupId>me</groupId><artifactId>other</artifactId><version>${project.version}</version>
                      <type>test-jar</type></dependency>
                  </dependencies>
                </project>
                """, SCOPES);
        assertEquals(List.of("org.apache.commons:commons-text:jar:1.10.0/compile",
                "org.apache.commons:commons-lang3:jar:3.12.0/compile", "me:other:jar:tests:3.1/compile"), coords(pom));
        assertEquals("x:y", pom.dependencies().get(0).getExclusions().iterator().next().getGroupId() + ":"
                + pom.dependencies().get(0).getExclusions().iterator().next().getArtifactId());
        assertEquals(List.of("org.apache.commons:commons-lang3:jar:3.12.0/compile"),
                pom.managed().stream().map(PomDependenciesTest::coords).toList());
        assertTrue(pom.repositories().isEmpty());
    }

    @Test
    void systemScopeIsAJarOnThisMachine() {
        var pom = PomDependencies.parse("<dependency><groupId>g</groupId><artifactId>s</artifactId><version>1</version>"
                + "<scope>system</scope><systemPath>/opt/lib/s.jar</systemPath></dependency>", SCOPES);
        assertEquals(List.of(), coords(pom));
        assertEquals(List.of(java.nio.file.Path.of("/opt/lib/s.jar")), pom.systemJars());
    }

    @Test
    void mistakesAreNamed() {
        assertMessage("not well-formed XML at line 1", "<dependency><groupId>g</groupId>");
        assertMessage("<dependency> g:a has no <version>", "<dependency><groupId>g</groupId><artifactId>a</artifactId></dependency>");
        assertMessage("unknown property ${nope} in '${nope}'",
                "<dependency><groupId>g</groupId><artifactId>a</artifactId><version>${nope}</version></dependency>");
        assertMessage("text outside any element: 'com.google:gson:1'", "com.google:gson:1");
        assertMessage("<repository> r has no <url>", "<repository><id>r</id></repository>");
    }

    static void assertMessage(String expected, String xml) {
        var e = assertThrows(MagicException.class, () -> PomDependencies.parse(xml, SCOPES));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
