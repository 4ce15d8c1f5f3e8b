package dev.cnnlab.kernel.magics;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.apache.maven.model.Model;
import org.apache.maven.model.Repository;
import org.apache.maven.model.io.xpp3.MavenXpp3Reader;
import org.codehaus.plexus.util.xml.pull.XmlPullParserException;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The dependencies and repositories of a POM, or of a POM fragment as IJava's {@code %%loadFromPOM} takes it:
 * loose {@code <dependency>} and {@code <repository>} elements, {@code <dependencies>} and {@code <repositories>},
 * in any mix; a single {@code <project>} is used as it is. {@code ${...}} properties of the POM's
 * {@code <properties>} (and {@code project.version}, {@code project.groupId}) are filled in, and a dependency with
 * no version takes it from the POM's {@code <dependencyManagement>}. A {@code <parent>} is not read.
 */
record PomDependencies(List<Dependency> dependencies, List<Dependency> managed, List<RemoteRepository> repositories,
                       List<java.nio.file.Path> systemJars) {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    /** Parses {@code xml}, a POM or fragment; {@code scopes} keeps the dependencies of these scopes. */
    static PomDependencies parse(String xml, Collection<String> scopes) {
        Model model = model(complete(xml));
        Map<String, String> props = properties(model);
        Map<String, org.apache.maven.model.Dependency> managedByKey = new HashMap<>();
        List<Dependency> managed = new ArrayList<>();
        if (model.getDependencyManagement() != null) {
            for (var d : model.getDependencyManagement().getDependencies()) {
                managedByKey.put(d.getManagementKey(), d);
                if (d.getVersion() != null && !"import".equals(d.getScope())) managed.add(dependency(d, null, props));
            }
        }
        List<Dependency> deps = new ArrayList<>();
        List<java.nio.file.Path> system = new ArrayList<>();
        for (var d : model.getDependencies()) {
            String scope = d.getScope() == null ? "compile" : d.getScope();
            if (!scopes.contains(scope)) continue;
            if (scope.equals("system")) {  // a jar on this machine: not resolved, added as it is
                if (d.getSystemPath() == null) {
                    throw new MagicException("<dependency> " + d.getManagementKey() + " of scope system has no <systemPath>");
                }
                system.add(java.nio.file.Path.of(interpolate(d.getSystemPath(), props)));
                continue;
            }
            deps.add(dependency(d, managedByKey.get(d.getManagementKey()), props));
        }
        List<RemoteRepository> repos = new ArrayList<>();
        for (Repository r : model.getRepositories()) {
            if (r.getUrl() == null || r.getUrl().isBlank()) {
                throw new MagicException("<repository> " + r.getId() + " has no <url>");
            }
            String id = r.getId() == null ? "repo-" + repos.size() : r.getId();
            repos.add(MavenResolution.repository(id, interpolate(r.getUrl(), props)));
        }
        return new PomDependencies(deps, managed, repos, system);
    }

    private static Dependency dependency(org.apache.maven.model.Dependency d, org.apache.maven.model.Dependency managed,
                                         Map<String, String> props) {
        String g = interpolate(d.getGroupId(), props), a = interpolate(d.getArtifactId(), props);
        if (g == null || a == null) throw new MagicException("a <dependency> needs <groupId> and <artifactId>: " + d);
        String v = d.getVersion() != null ? d.getVersion() : managed == null ? null : managed.getVersion();
        if (v == null) {
            throw new MagicException("<dependency> " + g + ":" + a + " has no <version> (and no <dependencyManagement>"
                    + " entry gives one; a <parent> is not read)");
        }
        String type = d.getType() == null || d.getType().equals("jar") ? "jar" : interpolate(d.getType(), props);
        String ext = type.equals("test-jar") ? "jar" : type;
        String classifier = d.getClassifier() != null ? interpolate(d.getClassifier(), props)
                : type.equals("test-jar") ? "tests" : "";
        var artifact = new DefaultArtifact(g, a, classifier, ext, interpolate(v, props));
        List<Exclusion> exclusions = d.getExclusions().stream()
                .map(x -> new Exclusion(x.getGroupId(), x.getArtifactId(), "*", "*")).toList();
        String scope = d.getScope() == null ? "compile" : d.getScope();
        return new Dependency(artifact, scope, d.isOptional(), exclusions);
    }

    private static Map<String, String> properties(Model model) {
        Map<String, String> props = new HashMap<>();
        Properties p = model.getProperties();
        for (String k : p.stringPropertyNames()) props.put(k, p.getProperty(k));
        if (model.getVersion() != null) props.put("project.version", model.getVersion());
        if (model.getGroupId() != null) props.put("project.groupId", model.getGroupId());
        if (model.getArtifactId() != null) props.put("project.artifactId", model.getArtifactId());
        return props;
    }

    /** {@code s} with {@code ${name}} replaced by the POM's property (or a system property); unknown ones are errors. */
    static String interpolate(String s, Map<String, String> props) {
        if (s == null) return null;
        String out = s.strip();
        for (int round = 0; round < 10 && out.contains("${"); round++) {  // properties may refer to properties
            Matcher m = PROPERTY.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String v = props.getOrDefault(m.group(1), System.getProperty(m.group(1)));
                if (v == null) throw new MagicException("unknown property ${" + m.group(1) + "} in '" + s.strip() + "'");
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }

    private static Model model(String pom) {
        try {
            return new MavenXpp3Reader().read(new StringReader(pom), false);
        } catch (IOException | XmlPullParserException e) {
            throw new MagicException("not a POM: " + e.getMessage(), e);
        }
    }

    /**
     * A complete POM from {@code xml}: a {@code <project>} as it is, else one made of the fragment's elements with
     * the dependencies and repositories gathered (IJava's rules, and its defaults for the coordinates).
     */
    static String complete(String xml) {
        String body = xml.strip().replaceFirst("^<\\?xml[^>]*\\?>", "");
        Document doc;
        DocumentBuilder builder;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);  // no external entities
            builder = f.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {  // thrown, not printed on stderr
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            doc = builder.parse(new ByteArrayInputStream(("<fragment>" + body + "</fragment>").getBytes(StandardCharsets.UTF_8)));
        } catch (SAXParseException e) {
            throw new MagicException("not well-formed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + e.getMessage());
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new MagicException("cannot read the XML: " + e.getMessage(), e);
        }
        List<Element> top = elements(doc.getDocumentElement().getChildNodes());
        if (top.size() == 1 && top.get(0).getTagName().equals("project")) return write(top.get(0));
        Document pom = builder.newDocument();
        Element project = (Element) pom.appendChild(pom.createElement("project"));
        Element dependencies = pom.createElement("dependencies");
        Element repositories = pom.createElement("repositories");
        Map<String, String> defaults = new java.util.LinkedHashMap<>(Map.of("modelVersion", "4.0.0",
                "groupId", "ijava.notebook", "artifactId", "cell", "version", "1"));
        for (Element e : top) {
            switch (e.getTagName()) {
                case "dependency" -> dependencies.appendChild(pom.importNode(e, true));
                case "repository" -> repositories.appendChild(pom.importNode(e, true));
                case "dependencies" -> elements(e.getChildNodes()).forEach(c -> dependencies.appendChild(pom.importNode(c, true)));
                case "repositories" -> elements(e.getChildNodes()).forEach(c -> repositories.appendChild(pom.importNode(c, true)));
                case "project" -> throw new MagicException("a <project> must be the whole cell, not one element among others");
                default -> {
                    defaults.remove(e.getTagName());
                    project.appendChild(pom.importNode(e, true));
                }
            }
        }
        defaults.forEach((k, v) -> project.appendChild(pom.createElement(k)).setTextContent(v));
        project.appendChild(dependencies);
        project.appendChild(repositories);
        return write(project);
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e) out.add(e);
            else if (n.getNodeType() == Node.TEXT_NODE && !n.getTextContent().isBlank()) {
                throw new MagicException("text outside any element: '" + n.getTextContent().strip() + "'");
            }
        }
        return out;
    }

    private static String write(Node node) {
        try {
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write a DOM we built", e);
        }
    }
}
