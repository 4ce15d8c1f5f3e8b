package dev.cnnlab.kernel;

import java.nio.file.Path;
import java.util.List;

import dev.cnnlab.kernel.magics.MagicContext;
import dev.cnnlab.kernel.magics.Magics;
import dev.cnnlab.kernel.magics.SearchPath;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * Runs one cell the way an execute_request does: magics here in the kernel, Java in the agent through
 * {@link CellEvaluator}. Shared by {@link CnnlabKernel} (Jupyter) and {@link HeadlessRun} (no Jupyter), so a
 * notebook run headless takes exactly the path it takes in JupyterLab.
 */
final class CellRunner {
    private final CellEvaluator evaluator;
    private final CodeAnalysis analysis;
    private final Magics magics;

    /**
     * A runner whose magics look for relative paths in {@code notebookDir} (null: unknown, the current directory
     * only); see {@link SearchPath}.
     */
    CellRunner(CellEvaluator evaluator, CodeAnalysis analysis, Path notebookDir) {
        this.evaluator = evaluator;
        this.analysis = analysis;
        this.magics = Magics.standard(new SearchPath(notebookDir));
    }

    /**
     * Runs {@code code}, output going to {@code out} (also from magics such as {@code %time} and {@code %load}).
     * Throws {@link CellError} or {@link dev.cnnlab.kernel.magics.MagicException} when the cell fails. Stream text
     * over the {@link OutputBudget} is dropped, and the cell's output ends with a line saying how much.
     */
    void run(String code, OutputDemux.Listener out) {
        evaluator.beginCellOutput();
        try {
            runCode(code, out);
        } finally {
            evaluator.reportDroppedOutput(out);  // the last line of the cell's output
        }
    }

    private void runCode(String code, OutputDemux.Listener out) {
        if (!Magics.hasMagic(code)) {
            evaluator.eval(code);
            return;
        }
        MagicContext ctx = new MagicContext() {
            @Override
            public void runCell(String c) {
                runCode(c, out);
            }

            @Override
            public void println(String text) {
                out.text("stdout", text + "\n");
            }

            @Override
            public List<String> classPath() {
                return evaluator.classPath();
            }

            @Override
            public void addToClasspath(String path) {
                evaluator.addToClasspath(path);
            }

            @Override
            public List<String> imports() {
                return DefaultImports.inForce(evaluator.shell());
            }
        };
        magics.run(code, ctx, evaluator::eval, c -> BaseKernel.IS_COMPLETE_YES.equals(analysis.isComplete(c)));
    }
}
