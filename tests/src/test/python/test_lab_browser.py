"""A person's view of cnnlab in JupyterLab 4 and Notebook 7, driven by Playwright in Debian's Chromium.

One JupyterLab server (this interpreter's, from the project venv) on a copy of notebooks/, in fast mode, with the
kernel spec of this checkout (harness.install_spec). Screenshots go to tests/target/screenshots. CNNLAB_BROWSER_NOTEBOOKS
(space separated file names) picks the lessons run in the browser; by default every lesson in notebooks/ (NN-*.ipynb),
each with Run All in a workspace of its own. About 20-40 s each in fast mode on 2 cores.
"""
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request

import harness

CHROMIUM = "/usr/bin/chromium"
SHOTS = os.path.join(harness.ROOT, "tests", "target", "screenshots")
TOKEN = "cnnlab-browser-test"
LESSONS = sorted(n for n in os.listdir(os.path.join(harness.ROOT, "notebooks")) if re.match(r"\d\d-.*\.ipynb$", n))
PROGRESS_MARK = "<progress value="   # the kernel's NotebookProgress (agent/NotebookProgress.java)

# the status the toolbar shows: idle, busy, starting, ...
KERNEL_STATUS = "window.jupyterapp.shell.currentWidget.sessionContext.kernelDisplayStatus"
KERNEL_IDLE_JS = ("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                  " && window.jupyterapp.shell.currentWidget.sessionContext && " + KERNEL_STATUS + " === 'idle'")

# JupyterLab's own model: every code cell's outputs, execution count and running state
CELLS_JS = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  if (!nb || !nb.content || !nb.sessionContext) return null;
  return {
    status: nb.sessionContext.kernelDisplayStatus,
    cells: nb.content.widgets.filter(w => w.model.type === 'code').map(w => ({
      count: w.model.executionCount,
      source: w.model.sharedModel.getSource().slice(0, 300),
      running: w.promptNode ? w.promptNode.textContent.includes('*') : false,
      outputs: w.model.outputs.toJSON()
    }))
  };
}"""


# issue #27: the convolution explorer of lessons 01/02, and training with a Stop button (lesson 05), long enough
# (100 epochs of 600 images) that only Stop ends it within the test
WIDGET_EXPLORER = """int[][] X = {{1, 2, 3, 0, 1}, {4, 5, 6, 1, 0}, {7, 8, 9, 2, 1}, {1, 0, 2, 3, 4}, {2, 1, 0, 5, 6}};
int[][] K = {{1, 0}, {0, -1}};
ConvolutionExplorer.of(X, K).widget()"""
WIDGET_TRAINING = """var shapes = SyntheticShapes.generate(600, 16, 7);
var net = Sequential.input(1, 16, 16).conv2d(8, 3).relu().maxPool(2).flatten().dense(5).build();
var h = LiveTraining.of(Fit.of(net).adam(1e-3).batchSize(32).epochs(100)).run(shapes);
System.out.println("epochs kept: " + h.epochs().size() + ", stopped: " + h.stopped());"""


# issue #28: a loop to stop in; line 3 gets the breakpoint
DEBUG_CELL = "int total = 0;\nfor (int i = 0; i < 3; i++) {\n    total += i;\n}\ntotal"


def notebook(*sources):
    return {"cells": [{"cell_type": "code", "execution_count": None, "id": "c%d" % i, "metadata": {},
                       "outputs": [], "source": s} for i, s in enumerate(sources)],
            "metadata": {"kernelspec": {"name": "cnnlab", "display_name": "Java (cnnlab)", "language": "java"},
                         "language_info": {"name": "java"}},
            "nbformat": 4, "nbformat_minor": 5}


class JupyterLabBrowserTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from playwright.sync_api import sync_playwright
        if not os.access(CHROMIUM, os.X_OK):
            raise unittest.SkipTest("Chromium not installed")
        harness.install_spec()
        cls.work = tempfile.mkdtemp(prefix="cnnlab-lab-")
        for name in os.listdir(os.path.join(harness.ROOT, "notebooks")):
            src = os.path.join(harness.ROOT, "notebooks", name)
            (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(cls.work, name))
        os.makedirs(os.path.join(cls.work, "nb7"))
        shutil.copy(os.path.join(cls.work, "01-convolution.ipynb"), os.path.join(cls.work, "nb7", "lesson.ipynb"))
        with open(os.path.join(cls.work, "scratch.ipynb"), "w") as f:
            json.dump(notebook("while (true) {}", "1 + 1", ""), f)
        with open(os.path.join(cls.work, "debug.ipynb"), "w") as f:
            json.dump(notebook(DEBUG_CELL), f)
        with open(os.path.join(cls.work, "widgets.ipynb"), "w") as f:
            json.dump(notebook(WIDGET_EXPLORER, WIDGET_TRAINING), f)
        os.makedirs(SHOTS, exist_ok=True)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            cls.port = s.getsockname()[1]
        env = dict(os.environ, CNNLAB_FAST="1")
        cls.log = open(os.path.join(cls.work, "server.log"), "w")
        cls.server = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
             "--port=%d" % cls.port, "--ServerApp.token=" + TOKEN, "--ServerApp.root_dir=" + cls.work,
             "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True"],
            env=env, stdout=cls.log, stderr=subprocess.STDOUT)
        cls.base = "http://127.0.0.1:%d" % cls.port
        deadline = time.time() + 180
        while True:
            try:
                urllib.request.urlopen(cls.base + "/api/status?token=" + TOKEN, timeout=5)
                break
            except OSError:
                if time.time() > deadline or cls.server.poll() is not None:
                    cls.tearDownClass()
                    raise AssertionError("JupyterLab never answered; log:\n" + cls.server_log())
                time.sleep(0.5)
        cls.pw = sync_playwright().start()
        # Debian's Chromium; Playwright never downloads a browser here
        cls.browser = cls.pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

    @classmethod
    def tearDownClass(cls):
        for what in ("browser", "pw"):
            obj = getattr(cls, what, None)
            if obj is not None:
                try:
                    obj.close() if what == "browser" else obj.stop()
                except Exception:
                    pass
        cls.server.terminate()
        try:
            cls.server.wait(20)
        except subprocess.TimeoutExpired:
            cls.server.kill()
        cls.log.close()

    @classmethod
    def server_log(cls):
        with open(os.path.join(cls.work, "server.log")) as f:
            return f.read()[-5000:]

    def open_lab(self, name):
        """Opens name alone, in a workspace of its own: JupyterLab's default workspace would restore the tabs of
        the notebooks opened before (each with a kernel), and the current widget could be one of those."""
        page = self.browser.new_page(viewport={"width": 1400, "height": 1000})
        workspace = "t%d" % (time.time() * 1000)
        page.goto("%s/lab/workspaces/%s/tree/%s?reset&token=%s" % (self.base, workspace, name, TOKEN))
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                               " && window.jupyterapp.shell.currentWidget.context"
                               " && window.jupyterapp.shell.currentWidget.context.path === %s" % json.dumps(name),
                               timeout=180_000, polling=500)
        page.wait_for_function(KERNEL_IDLE_JS, timeout=180_000, polling=500)
        return page

    @staticmethod
    def close_with_kernel(page):
        """Shuts the notebook's kernel down before closing its page: 14 lessons' kernels (two JVMs each) left
        running would hold several GiB."""
        page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.shutdown()")
        page.close()

    def wait_idle(self, page, timeout, watch=None):
        """Waits until the kernel is idle and no cell shows [*] for a second; calls watch(state) on each poll."""
        deadline = time.time() + timeout
        quiet_since = None
        while time.time() < deadline:
            state = page.evaluate(CELLS_JS)
            if watch:
                watch(state)
            busy = state["status"] != "idle" or any(c["running"] for c in state["cells"])
            if busy:
                quiet_since = None
            elif quiet_since is None:
                quiet_since = time.time()
            elif time.time() - quiet_since > 1.0:
                return state
            time.sleep(0.2)
        self.fail("still busy after %ss" % timeout)

    def test_lessons_run_all_without_errors_and_charts_render(self):
        names = os.environ.get("CNNLAB_BROWSER_NOTEBOOKS", " ".join(LESSONS)).split()
        for name in names:
            with self.subTest(notebook=name):
                started = time.time()
                page = self.open_lab(name)
                progress = {"max": 0, "texts": set()}

                def watch(state):   # the training progress: one output per cell, updated in place
                    for c in state["cells"]:
                        bars = [o for o in c["outputs"] if PROGRESS_MARK in json.dumps(o.get("data", {}))]
                        progress["max"] = max(progress["max"], len(bars))
                        progress["texts"].update(json.dumps(o["data"].get("text/plain", "")) for o in bars)

                page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")   # not awaited: it resolves when the cells finish
                state = self.wait_idle(page, 900, watch)
                page.wait_for_timeout(500)   # images decode
                page.screenshot(path=os.path.join(SHOTS, "lab-" + name.replace(".ipynb", ".png")), full_page=True)
                errors = [o for c in state["cells"] for o in c["outputs"] if o["output_type"] == "error"]
                self.assertEqual([], errors, name)
                self.assertTrue(all(c["count"] is not None for c in state["cells"]), name + ": a cell never ran")
                images = page.evaluate("() => Array.from(document.querySelectorAll('.jp-OutputArea img'))"
                                       ".map(i => [i.naturalWidth, i.naturalHeight])")
                charts = sum(1 for c in state["cells"] for o in c["outputs"] if "image/png" in o.get("data", {}))
                self.assertGreaterEqual(len(images), charts, name)
                for w, h in images:
                    self.assertTrue(w > 0 and h > 0, "%s: an image output of size %dx%d" % (name, w, h))
                if name.startswith("09-"):
                    self.assertGreater(charts, 0, "09 draws its detections")
                if name.startswith("05-"):
                    self.assertGreater(charts, 0, "05 draws its training curves")
                    training = [[(o["output_type"], sorted(o.get("data", {})), json.dumps(o)[:300]) for o in c["outputs"]]
                                for c in state["cells"] if "Fit.of" in c["source"]]
                    self.assertEqual(1, progress["max"], "training progress should be one output updated in place;"
                                     " the training cell's outputs: %s" % training)
                    self.assertGreater(len(progress["texts"]), 1, "the progress output never changed")
                print("figure: %s: %d cells, %d image outputs, %d images drawn, %.0f s in the browser"
                      % (name, len(state["cells"]), charts, len(images), time.time() - started))
                self.close_with_kernel(page)

    def test_toolbar_interrupt_then_completion_and_help(self):
        page = self.open_lab("scratch.ipynb")
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-cell-and-select-next'); }")   # cell 0; not awaited (it resolves when the cell ends)
        page.wait_for_function("() => " + KERNEL_STATUS + " === 'busy'", timeout=30_000, polling=100)
        page.wait_for_timeout(1000)
        page.screenshot(path=os.path.join(SHOTS, "lab-interrupt-busy.png"))
        page.locator(".jp-NotebookPanel-toolbar [data-command='notebook:interrupt-kernel']").click()
        clicked = time.time()
        try:   # the cell's own answer, not only the status (the interrupt_request's idle could be taken for it)
            page.wait_for_function("() => window.jupyterapp.shell.currentWidget.content.widgets[0].model.outputs"
                                   ".toJSON().some(o => o.output_type === 'error' && o.ename === 'Interrupted')",
                                   timeout=10_000, polling=50)
            stopped = time.time() - clicked
            page.wait_for_function("() => " + KERNEL_STATUS + " === 'idle'", timeout=10_000, polling=50)
        finally:
            page.screenshot(path=os.path.join(SHOTS, "lab-interrupt.png"))
        self.assertLessEqual(stopped, 2.0, "interrupt took %.2f s" % stopped)
        print("figure: toolbar interrupt: the cell stopped %.2f s after the click" % stopped)
        # cell 1 (selected after run-cell): 1 + 1
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-cell-and-select-next'); }")
        state = self.wait_idle(page, 60)
        out = state["cells"][1]["outputs"]
        self.assertEqual("2", out[0]["data"]["text/plain"].strip() if out and "data" in out[0] else out)

        # cell 2: completion after a dot, then the contextual help of conv2d
        page.locator(".jp-Cell").nth(2).locator(".cm-content").click()
        page.keyboard.type("Sequential.input(1, 28, 28).")
        page.keyboard.press("Tab")
        completer = page.locator(".jp-Completer")
        completer.wait_for(state="visible", timeout=30_000)
        page.screenshot(path=os.path.join(SHOTS, "lab-completer.png"))
        self.assertIn("conv2d", completer.inner_text())
        page.keyboard.press("Escape")
        page.keyboard.type("conv2d(")
        page.keyboard.press("Shift+Tab")
        tooltip = page.locator(".jp-Tooltip")
        tooltip.wait_for(state="visible", timeout=30_000)
        page.screenshot(path=os.path.join(SHOTS, "lab-help.png"))
        self.assertIn("conv2d", tooltip.inner_text())
        self.assertIn("2-D convolution", tooltip.inner_text(), "conv2d's Javadoc")
        page.close()

    def test_widgets_slider_redraws_and_stop_ends_training(self):
        page = self.open_lab("widgets.ipynb")
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-cell-and-select-next'); }")
        slider = page.locator(".widget-slider", has=page.locator(".widget-label", has_text="stride"))
        slider.wait_for(state="visible", timeout=120_000)
        output = page.locator(".widget-output").first
        output.wait_for(state="visible", timeout=30_000)
        page.wait_for_timeout(500)
        before = output.inner_text()
        page.screenshot(path=os.path.join(SHOTS, "lab-widget-explorer-before.png"), full_page=True)
        readout = slider.locator(".widget-readout")   # ipywidgets 8: the readout is editable, as a student would use it
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("2")
        page.keyboard.press("Enter")
        page.wait_for_function("([el, old]) => el.innerText !== old", arg=[output.element_handle(), before],
                               timeout=20_000, polling=100)
        after = output.inner_text()
        page.screenshot(path=os.path.join(SHOTS, "lab-widget-explorer-after.png"), full_page=True)
        self.assertNotEqual(before, after)
        self.assertIn("2", readout.inner_text())

        # training with a Stop button: press it during training; the run ends within 2 s with its history shown
        # (clicking the slider's readout made cell 0 the active cell again)
        page.evaluate("() => { window.jupyterapp.shell.currentWidget.content.activeCellIndex = 1;"
                      " window.jupyterapp.commands.execute('notebook:run-cell'); }")
        stop = page.locator(".widget-button", has_text="Stop")
        stop.wait_for(state="visible", timeout=120_000)
        page.wait_for_timeout(3000)   # some epochs run
        self.assertEqual("busy", page.evaluate("() => " + KERNEL_STATUS), "training ended before Stop was pressed")
        stop.click()
        pressed = time.time()
        page.wait_for_function("() => { const c = window.jupyterapp.shell.currentWidget.content.widgets[1];"
                               " return c.model.executionCount !== null && !c.promptNode.textContent.includes('*'); }",
                               timeout=30_000, polling=50)
        took = time.time() - pressed
        state = self.wait_idle(page, 30)
        page.screenshot(path=os.path.join(SHOTS, "lab-widget-stop.png"), full_page=True)
        text = json.dumps(state["cells"][1]["outputs"])
        self.assertEqual([], [o for o in state["cells"][1]["outputs"] if o["output_type"] == "error"])
        self.assertIn("stopped: true", text)
        self.assertLessEqual(took, 2.0, "Stop took %.2f s to end the training cell" % took)
        print("figure: widgets: the explorer redrew on a slider change; Stop ended training %.2f s after the click" % took)
        self.close_with_kernel(page)

    def test_debugger_stops_at_a_gutter_breakpoint_and_shows_the_variables(self):
        page = self.open_lab("debug.ipynb")
        bug = page.locator(".jp-DebuggerBugButton")
        bug.wait_for(state="visible", timeout=60_000)
        pressed = page.locator(".jp-DebuggerBugButton[aria-pressed='true']")
        deadline = time.time() + 60
        while pressed.count() == 0:   # the button only takes a click once JupyterLab knows the kernel can debug
            self.assertLess(time.time(), deadline, "the debugger button never stayed pressed")
            if bug.is_enabled():
                bug.click()   # JupyterLab sends initialize, attach, debugInfo, ... and the button stays pressed
            page.wait_for_timeout(1000)
        page.evaluate("() => window.jupyterapp.commands.execute('debugger:show-panel')")
        cell = page.locator(".jp-Cell").nth(0)
        line3 = cell.locator(".cm-line").nth(2).bounding_box()
        gutter = cell.locator(".cm-gutter.cm-breakpoint-gutter").bounding_box()
        page.mouse.click(gutter["x"] + gutter["width"] / 2, line3["y"] + line3["height"] / 2)   # a student's click
        page.wait_for_timeout(1000)   # JupyterLab sends dumpCell and setBreakpoints
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-cell'); }")   # not awaited: it stops
        names = page.locator(".jp-DebuggerVariables .jp-DebuggerVariables-name")
        names.filter(has_text="i").first.wait_for(timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=os.path.join(SHOTS, "lab-debugger-stopped.png"), full_page=True)
        shown = names.all_inner_texts()
        self.assertIn("i", [n.strip().rstrip(":") for n in shown], shown)
        # the loop counter with its value (JShell's top-level variables, such as total, are fields, not locals)
        self.assertIn("0", page.locator(".jp-DebuggerVariables").inner_text())
        self.assertEqual("busy", page.evaluate("() => " + KERNEL_STATUS), "the cell should be stopped, not finished")
        for _ in range(5):   # three stops in the loop, then the cell ends
            page.evaluate("() => window.jupyterapp.commands.execute('debugger:continue')")
            page.wait_for_timeout(700)
            if page.evaluate("() => " + KERNEL_STATUS) == "idle":
                break
        state = self.wait_idle(page, 60)
        out = state["cells"][0]["outputs"]
        self.assertEqual("3", out[0]["data"]["text/plain"].strip() if out and "data" in out[0] else out)
        print("figure: debugger: stopped at the gutter breakpoint, variables shown: %s" % ", ".join(n.strip() for n in shown))
        self.close_with_kernel(page)

    def test_notebook7_opens_and_runs_a_lesson(self):
        page = self.browser.new_page(viewport={"width": 1200, "height": 900})
        url = "%s/notebooks/nb7/lesson.ipynb?token=%s" % (self.base, TOKEN)
        for attempt in range(5):   # a notebook read right after a save can answer 500: retry
            response = page.goto(url)
            if response.ok:
                break
            page.wait_for_timeout(1000)
        self.assertTrue(response.ok, "Notebook 7 answered %d" % response.status)
        page.wait_for_function(KERNEL_IDLE_JS, timeout=180_000, polling=500)
        self.assertIn("Notebook", page.evaluate("() => window.jupyterapp.name"))
        page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")   # not awaited: it resolves when the cells finish
        state = self.wait_idle(page, 600)
        page.screenshot(path=os.path.join(SHOTS, "notebook7-lesson.png"), full_page=True)
        self.assertEqual([], [o for c in state["cells"] for o in c["outputs"] if o["output_type"] == "error"])
        self.assertTrue(all(c["count"] is not None for c in state["cells"]))
        page.close()


if __name__ == "__main__":
    unittest.main()
