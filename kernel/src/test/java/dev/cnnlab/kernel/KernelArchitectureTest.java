package dev.cnnlab.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The kernel has no ML code: it may show what the library displays ({@code dev.cnnlab.display}) and render DJL
 * arrays and Tablesaw tables, but it never builds, trains or loads a model.
 */
class KernelArchitectureTest {
    static final ArchRule NO_ML = noClasses().that().resideInAPackage("dev.cnnlab.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.cnnlab.data..", "dev.cnnlab.device..",
                    "dev.cnnlab.ops..", "dev.cnnlab.nn..", "dev.cnnlab.train..", "dev.cnnlab.compress..",
                    "dev.cnnlab.detect..", "dev.cnnlab.viz..", "dev.cnnlab.classroom..", "dev.cnnlab.tools..",
                    "ai.djl.nn..", "ai.djl.training..", "ai.djl.engine..", "ai.djl.inference..", "ai.djl.mxnet..",
                    "ai.djl.pytorch..")
            .because("the kernel has no ML code; the library reaches the notebook through dev.cnnlab.display");

    @Test
    void theKernelImportsNoMlPackage() {
        JavaClasses kernel = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cnnlab.kernel");
        assertTrue(kernel.size() > 30, "the import found the kernel's classes: " + kernel.size());
        NO_ML.check(kernel);
    }

    @Test
    void theRuleCatchesAnMlImport() {
        JavaClasses fixture = new ClassFileImporter().importClasses(MlImportFixture.class);
        assertTrue(NO_ML.evaluate(fixture).hasViolation(), "a kernel class holding a Net must be reported");
    }
}
