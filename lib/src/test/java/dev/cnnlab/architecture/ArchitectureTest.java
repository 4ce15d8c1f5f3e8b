package dev.cnnlab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's packages depend downward only, and never in a cycle. A package may use any package on a lower
 * level, none on its own level or above; the display types are at the bottom so every level can show itself.
 */
class ArchitectureTest {
    /** Lowest first; packages on one level are independent of each other. */
    static final List<List<String>> LEVELS = List.of(
            List.of("display"),
            List.of("widgets"),
            List.of("data", "device"),
            List.of("ops"),
            List.of("nn"),
            List.of("train"),
            List.of("compress", "detect"),
            List.of("viz"),
            List.of("classroom"),
            List.of("tools"));

    private static JavaClasses library;

    @BeforeAll
    static void importLibrary() {
        library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cnnlab");
    }

    /** The levels as an ArchUnit rule; {@code partial}: for a few classes, where most layers are empty. */
    static ArchRule layering(boolean partial) {
        LayeredArchitecture rule = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(partial);
        for (List<String> level : LEVELS) {
            for (String p : level) rule = rule.layer(p).definedBy("dev.cnnlab." + p + "..");
        }
        for (int i = 0; i < LEVELS.size(); i++) {
            List<String> above = new ArrayList<>();
            for (List<String> level : LEVELS.subList(i + 1, LEVELS.size())) above.addAll(level);
            for (String p : LEVELS.get(i)) {
                rule = above.isEmpty() ? rule.whereLayer(p).mayNotBeAccessedByAnyLayer()
                        : rule.whereLayer(p).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
        }
        return rule.because("packages depend downward only: display → widgets → data/device → ops → nn → train → "
                + "compress/detect → viz → classroom → tools");
    }

    static ArchRule noCycles() {
        return slices().matching("dev.cnnlab.(*)..").should().beFreeOfCycles();
    }

    @Test
    void packagesDependDownwardOnly() {
        layering(false).check(library);
    }

    @Test
    void noPackageCycles() {
        noCycles().check(library);
    }

    @Test
    void everyClassIsOnALevel() {
        List<String> packages = new ArrayList<>();
        for (List<String> level : LEVELS) for (String p : level) packages.add("dev.cnnlab." + p + "..");
        classes().should().resideInAnyPackage(packages.toArray(String[]::new))
                .because("a new package must be given its level in ArchitectureTest.LEVELS").check(library);
        assertTrue(library.size() > 150, "the import found the library's classes: " + library.size());
    }

    @Test
    void theRulesCatchAnUpwardImportAndACycle() {
        JavaClasses upward = new ClassFileImporter().importClasses(
                dev.cnnlab.ops.UpwardImportFixture.class, dev.cnnlab.train.Fit.class);
        EvaluationResult layers = layering(true).evaluate(upward);
        assertTrue(layers.hasViolation(), "ops → train must be reported");
        assertTrue(layers.getFailureReport().toString().contains("UpwardImportFixture"), layers.getFailureReport().toString());

        JavaClasses cycle = new ClassFileImporter().importClasses(
                dev.cnnlab.data.CycleFixture.class, dev.cnnlab.device.CycleFixture.class);
        assertTrue(noCycles().evaluate(cycle).hasViolation(), "data ↔ device must be reported as a cycle");
        EvaluationResult sameLevel = layering(true).evaluate(cycle);
        assertTrue(sameLevel.hasViolation() && sameLevel.getFailureReport().toString().contains("CycleFixture"),
                "packages on one level must not use each other: " + sameLevel.getFailureReport());

        assertFalse(layering(true).evaluate(new ClassFileImporter().importClasses(dev.cnnlab.train.Fit.class,
                dev.cnnlab.nn.Net.class)).hasViolation(), "train → nn is downward");
    }
}
