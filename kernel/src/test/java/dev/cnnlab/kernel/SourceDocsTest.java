package dev.cnnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDocsTest {
    // the library's real sources: surefire runs in kernel/
    static final SourceDocs DOCS = new SourceDocs(List.of(Path.of("../lib/src/main/java")));
    static final UnaryOperator<String> QUALIFIED = name -> null;
    // what the kernel's JShell answers for imported simple names (its default imports cover dev.cnnlab.*)
    static final Map<String, String> IMPORTED = Map.of("Fit", "dev.cnnlab.train.Fit", "Conv2d", "dev.cnnlab.ops.Conv2d",
            "Padding", "dev.cnnlab.ops.Padding", "Nms", "dev.cnnlab.detect.Nms", "Math", "java.lang.Math");

    static String text(String signature) {
        return DOCS.find(signature, IMPORTED::get).orElseThrow(() -> new AssertionError("no doc for " + signature)).text();
    }

    @Test
    void classDocIsReadFromItsSource() {
        JavadocText doc = DOCS.find("dev.cnnlab.ops.Conv2d", QUALIFIED).orElseThrow();
        assertTrue(doc.text().startsWith("True (textbook) 2-D convolution of one input channel with one kernel"), doc.text());
        assertTrue(doc.text().contains("Deep-learning libraries call cross-correlation \"convolution\""), doc.text());
        assertTrue(doc.text().contains("\n    Conv2d.of(x, k).padding(\"same\").compute()\n"), "pre kept, indented");
        assertTrue(doc.html().contains("<pre>Conv2d.apply(x, k)"), doc.html());
        assertTrue(doc.html().contains("<code>[[0,1,0],[1,0,1],[0,1,0]]</code>"), doc.html());
    }

    @Test
    void methodsAsJShellWritesThemWithImportedNames() {
        assertEquals("Passes over the training data.\n\nThrows:\n  TrainingException - if not positive", text("Fit Fit.epochs(int n)"));
        assertEquals("Starts configuring training of net.",
                text("dev.cnnlab.train.Fit dev.cnnlab.train.Fit.of(dev.cnnlab.nn.Net net)"));
        assertEquals("Callbacks such as EarlyStopping and Checkpoint.", text("Fit Fit.callbacks(Callback... cs)"));
    }

    @Test
    void overloadsMatchByParameterTypesElseTheFirstIsShown() {
        assertEquals("Plain SGD with the given learning rate.", text("Fit Fit.sgd(double lr)"));
        assertEquals("SGD with momentum (e.g. 0.9).", text("Fit Fit.sgd(double lr, double momentum)"));
        assertEquals("of(float[][], float[][]) for int literals.", text("Conv2d Conv2d.of(int[][] input, int[][] kernel)"));
        assertEquals("A convolution of input with kernel: 'valid', stride 1, dilation 1 until changed.",
                text("Conv2d Conv2d.of(long[][] input, long[][] kernel)"));
    }

    @Test
    void blockTagsFollowTheDescription() {
        assertEquals("""
                Class-agnostic NMS.

                Parameters:
                  boxes - corner boxes, one per row
                  scores - one score per box (any real numbers, e.g. probabilities)
                  iouThreshold - boxes overlapping a kept box by more than this are dropped (typically 0.45–0.5)
                Returns: indices of the kept boxes, by descending score
                Throws:
                  DetectionException - if a box is malformed, a score is NaN, or the lengths differ""",
                text("int[] Nms.apply(float[][] boxes, float[] scores, float iouThreshold)"));
        JavadocText ctor = DOCS.find("dev.cnnlab.detect.TinySsd(int numClasses)", QUALIFIED).orElseThrow();
        assertTrue(ctor.text().endsWith("Throws:\n  DetectionException - if numClasses < 1"), ctor.text());
        assertTrue(ctor.html().contains("<code>numClasses &lt; 1</code>"), ctor.html());
    }

    @Test
    void fieldsEnumConstantsAndListItems() {
        assertTrue(text("Padding.SAME:dev.cnnlab.ops.Padding").startsWith("Padding that keeps out = ceil(n / stride)"));
        assertEquals("Adam (Kingma and Ba), the seed articles' choice.", text("Fit.Optimizer.ADAM"));
        assertTrue(text("dev.cnnlab.ops.Padding").contains("\n- VALID: no padding;"), text("dev.cnnlab.ops.Padding"));
    }

    @Test
    void sourcesJarsAreSearchedLikeFolders(@TempDir Path dir) throws IOException {
        // a -sources.jar as Maven Central serves them (DJL, Tablesaw, XChart): packages as folders inside the jar
        Path jar = dir.resolve("api-0.36.0-sources.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("ai/djl/ndarray/NDArray.java"));
            out.write("""
                    package ai.djl.ndarray;
                    /** An interface representing an n-dimensional array. */
                    public interface NDArray {
                        /**
                         * Adds other {@code NDArray}s to this {@code NDArray} element-wise.
                         *
                         * @param other the other {@code NDArray}s to be added
                         * @return the result {@code NDArray}
                         */
                        NDArray add(NDArray other);
                        /** Adds a number element-wise. */
                        NDArray add(Number n);
                    }
                    """.getBytes(StandardCharsets.UTF_8));
        }
        SourceDocs docs = new SourceDocs(List.of(dir.resolve("missing-sources.jar"), jar, Path.of("../lib/src/main/java")));
        UnaryOperator<String> imported = name -> name.equals("NDArray") ? "ai.djl.ndarray.NDArray" : IMPORTED.get(name);
        assertEquals("""
                Adds other NDArrays to this NDArray element-wise.

                Parameters:
                  other - the other NDArrays to be added
                Returns: the result NDArray""", docs.find("NDArray NDArray.add(NDArray other)", imported).orElseThrow().text());
        assertEquals("Adds a number element-wise.", docs.find("NDArray NDArray.add(Number n)", imported).orElseThrow().text());
        assertEquals("An interface representing an n-dimensional array.",
                docs.find("ai.djl.ndarray.NDArray", QUALIFIED).orElseThrow().text());
        assertEquals("Passes over the training data.\n\nThrows:\n  TrainingException - if not positive",
                docs.find("Fit Fit.epochs(int n)", imported).orElseThrow().text(), "the folder after the jars");
    }

    @Test
    void withoutSourcesInspectKeepsTheSignatureOnly() {
        assertTrue(new SourceDocs(List.of(Path.of("no/such/folder"))).find("dev.cnnlab.ops.Conv2d", QUALIFIED).isEmpty());
        assertTrue(new SourceDocs(List.of()).find("Fit Fit.epochs(int n)", IMPORTED::get).isEmpty());
        assertTrue(DOCS.find("int Math.max(int a, int b)", IMPORTED::get).isEmpty(), "a JDK class");
        assertTrue(DOCS.find("dev.cnnlab.ops.Conv2d.noSuchThing", QUALIFIED).isEmpty());
        assertTrue(DOCS.find("f:dev.cnnlab.train.Fit", QUALIFIED).isEmpty(), "a session variable");
        assertTrue(DOCS.find(")(:<", QUALIFIED).isEmpty());
        System.clearProperty(SourceDocs.PROPERTY);
        assertTrue(SourceDocs.fromSystemProperty().find("dev.cnnlab.ops.Conv2d", QUALIFIED).isEmpty());
    }
}
