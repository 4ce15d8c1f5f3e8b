"""Behaviour of the cnnlab kernel through a real jupyter_client: streaming, displays, errors, magics, analysis."""
import datetime
import json
import os
import tempfile
import time
import unittest

import harness


class KernelBehaviour(harness.KernelTestCase):
    def test_stdout_streams_while_the_cell_runs(self):
        marker = tempfile.mktemp(prefix="cnnlab-go-")
        code = ('System.out.println("start");\n'
                'while (!java.nio.file.Files.exists(java.nio.file.Path.of("%s"))) Thread.sleep(20);\n'
                'System.out.println("end");' % marker)
        msg_id = self.kc.execute(code)
        seen = []
        deadline = time.time() + 60
        while "start" not in "".join(seen):  # only possible if output is sent before the cell ends
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            self.assertNotEqual(msg["msg_type"], "execute_result")
            self.assertFalse(msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle",
                             "cell finished before its first line of output arrived")
            if msg["msg_type"] == "stream":
                seen.append(msg["content"]["text"])
        open(marker, "w").close()
        try:
            reply = harness.reply_to(self.kc, msg_id)
            self.assertEqual(reply["status"], "ok")
        finally:
            os.remove(marker)

    def test_output_order_of_text_and_displays(self):
        out = self.run_ok('System.out.println("a");\ndisplay(html("<i>b</i>"));\nSystem.out.println("c");')
        kinds = [(t, c.get("text", "").strip() or c.get("data", {}).get("text/html")) for t, c, _ in out]
        self.assertEqual(kinds, [("stream", "a"), ("display_data", "<i>b</i>"), ("stream", "c")])

    def test_display_and_update_display(self):
        out = self.run_ok('String id = display("v1");\nupdateDisplay(id, "v2");')
        shown = [c for t, c, _ in out if t == "display_data"]
        updated = [c for t, c, _ in out if t == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updated), 1)
        self.assertEqual(shown[0]["data"]["text/plain"], "v1")
        self.assertEqual(updated[0]["data"]["text/plain"], "v2")
        self.assertEqual(shown[0]["transient"]["display_id"], updated[0]["transient"]["display_id"])

    def test_clear_output(self):
        out = self.run_ok('System.out.println("before");\nclearOutput(true);\ndisplay("after");\nclearOutput();')
        kinds = [t for t, c, _ in out]
        self.assertEqual(kinds, ["stream", "clear_output", "display_data", "clear_output"], out)
        self.assertEqual([c["wait"] for t, c, _ in out if t == "clear_output"], [True, False])

    def test_progress_bar_is_one_display_updated_in_place(self):
        out = self.run_ok('try (var p = Progress.start("epoch", 3)) {\n'
                          '  for (int i = 1; i <= 3; i++) p.update(i, "loss 0.1");\n}')
        shown = [c for t, c, _ in out if t == "display_data"]
        updated = [c for t, c, _ in out if t == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertIn("<progress", shown[0]["data"]["text/html"])
        self.assertGreaterEqual(len(updated), 1)
        ids = {c["transient"]["display_id"] for c in updated}
        self.assertEqual(ids, {shown[0]["transient"]["display_id"]})
        self.assertIn("3/3", updated[-1]["data"]["text/plain"])

    def test_library_display_sink_is_installed(self):
        out = self.run_ok('dev.cnnlab.display.Display.show(html("<u>lib</u>"));')
        self.assertEqual([c["data"]["text/html"] for t, c, _ in out if t == "display_data"], ["<u>lib</u>"])

    def test_cells_run_with_the_launchers_thread_settings(self):
        # the agent JVM, where cells train, inherits them; a missing spin cost a third of the training speed
        env = harness.result_of(self.run_ok(
            'Stream.of("MXNET_ENGINE_TYPE", "OMP_WAIT_POLICY", "GOMP_SPINCOUNT").map(System::getenv).toList()'))
        self.assertEqual(env["text/plain"], "[NaiveEngine, PASSIVE, 10000]")

    def test_rich_results(self):
        table = harness.result_of(self.run_ok(
            'var t = Table.create("scores", IntColumn.create("n", new int[] {1, 2, 3}));\nt'))
        self.assertIn("<th>n</th>", table["text/html"])
        self.assertIn("<td>3</td>", table["text/html"])
        big = harness.result_of(self.run_ok('Table.create("big", IntColumn.indexColumn("i", 1000, 0))'))
        self.assertIn("<td>999</td>", big["text/html"])
        self.assertNotIn("<td>500</td>", big["text/html"])  # head and tail only
        chart = harness.result_of(self.run_ok(
            'QuickChart.getChart("c", "x", "y", "y", new double[] {1, 2}, new double[] {3, 4})'))
        self.assertTrue(chart["image/png"].startswith("iVBORw0KGgo"))  # base64 of the PNG signature
        img = harness.result_of(self.run_ok('new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB)'))
        self.assertTrue(img["image/png"].startswith("iVBORw0KGgo"))
        self.assertIn("BufferedImage", img["text/plain"])
        tex = harness.result_of(self.run_ok('latex("x^2")'))
        self.assertEqual(tex["text/latex"], "$$x^2$$")

    def test_declarations_methods_classes_and_redefinition(self):
        self.run_ok("int f() { return 1; }")
        self.run_ok("int f() { return 2; }")
        self.assertEqual(harness.result_of(self.run_ok("f()"))["text/plain"], "2")
        self.run_ok("record P(int x, int y) { int sum() { return x + y; } }")
        self.assertEqual(harness.result_of(self.run_ok("new P(3, 4).sum()"))["text/plain"], "7")
        self.assertIsNone(harness.result_of(self.run_ok("int shown = 5;")))  # a declaration shows no value
        self.assertIsNone(harness.result_of(self.run_ok("shown + 1;")))     # a trailing ';' hides the value

    def test_last_expression_values(self):
        def shown(code):
            r = harness.result_of(self.run_ok(code))
            return None if r is None else r["text/plain"]
        self.assertEqual(shown('"a" + 1'), '"a1"')        # strings quoted as JShell does
        self.assertEqual(shown("'x'"), "'x'")
        self.assertEqual(shown("Object o = \"s\";\no"), '"s"')  # by the value, not the declared type
        self.assertEqual(shown("1.5f"), "1.5")
        self.assertEqual(shown("1 + 2 // three"), "3")      # a trailing comment
        self.assertEqual(shown("new int[] {4, 5}"), "[4, 5]")  # ends with '}': JShell's own expression path
        self.run_ok("int bumps = 0;\nvoid bump() { bumps++; }")
        out = self.run_ok("bump()")                         # a void call shows nothing and runs once
        self.assertIsNone(harness.result_of(out))
        self.assertEqual(shown("++bumps"), "2")             # side effects happen exactly once
        self.assertEqual(shown("bumps"), "2")
        # expressions run for their effect (not shown) run once; declarations between them stay declared
        self.assertEqual(shown("int q1 = 1;\nq1++;\nint q2 = q1 * 10;\nq2"), "20")
        self.assertEqual(shown("q1"), "2")
        self.assertEqual(shown('List<String> names = new ArrayList<>();\nnames.add("a");\nnames'), "[a]")
        self.assertEqual(shown("names.add(\"b\");\nnames.size()"), "2")
        reply, _ = harness.run(self.kc, "int[] small = new int[1];\n\nsmall[3]")
        self.assertEqual(reply["ename"], "ArrayIndexOutOfBoundsException")
        self.assertIn("cell (cell line 3)", "\n".join(reply["traceback"]))
        reply, _ = harness.run(self.kc, "Math.abs(undefinedName)")  # JShell's message, not the wrapper's
        self.assertEqual(reply["ename"], "CompilationError")
        self.assertIn("cell line 1, column 10", reply["evalue"])
        self.assertNotIn("$result", "\n".join(reply["traceback"]))
        # an expression waiting for a name is an error now and never runs later, when the name is declared
        reply, _ = harness.run(self.kc, "Math.abs(laterName)")
        self.assertEqual(reply["ename"], "CompilationError")
        self.assertNotIn("$shown", "\n".join(reply["traceback"]) + reply["evalue"])
        self.assertIsNone(harness.result_of(self.run_ok("int laterName = -3;")))
        self.assertEqual(shown("Math.abs(laterName)"), "3")

    def test_compile_error_has_cell_line_and_column(self):
        reply, out = harness.run(self.kc, "int a = 1;\nint b = a +\n  undefinedThing;")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "CompilationError")
        self.assertIn("cell line 3, column 3", reply["evalue"])
        self.assertIn("cannot find symbol", reply["evalue"])

    def test_runtime_error_trace_is_trimmed_to_the_cell(self):
        reply, out = harness.run(self.kc, "int zero = 0;\nint boom = 10 / zero;")
        self.assertEqual(reply["ename"], "ArithmeticException")
        trace = "\n".join(reply["traceback"])
        self.assertIn("cell line 2", trace)
        self.assertNotIn("jdk.jshell", trace)
        self.assertNotIn("java.lang.reflect", trace)

    def test_message_dates_are_iso_8601_with_time_zone(self):
        # jupyter_client turns ISO 8601 dates into datetimes; jjava's own "2026-11-25T18:33+0000" stays a string
        msg_id = self.kc.kernel_info()
        while True:
            msg = self.kc.get_shell_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id:
                break
        date = msg["header"]["date"]
        self.assertIsInstance(date, datetime.datetime, "unparsed date %r" % (date,))
        self.assertIsNotNone(date.tzinfo)
        age = (datetime.datetime.now(datetime.timezone.utc) - date).total_seconds()
        self.assertLess(abs(age), 30, "the date is now, to the second: %s" % date)

    def test_execution_count_counts_cells(self):
        r1, _ = harness.run(self.kc, "1")
        r2, _ = harness.run(self.kc, "2")
        self.assertEqual(r2["execution_count"], r1["execution_count"] + 1)

    def test_magics(self):
        self.assertIn("%maven", harness.stdout_of(self.run_ok("%lsmagic")))
        self.assertIn("Wall time:", harness.stdout_of(self.run_ok("%%time\nint timed = 3;")))
        self.assertTrue(any("cnnlab-lib" in l for l in harness.stdout_of(self.run_ok("%classpath")).splitlines()))
        reply, _ = harness.run(self.kc, "%nosuchmagic")
        self.assertEqual(reply["status"], "error")
        self.assertIn("unknown magic %nosuchmagic", reply["evalue"])
        d = tempfile.mkdtemp()
        with open(os.path.join(d, "helpers.jsh"), "w") as f:
            f.write("int fromJsh = 40;\nint twice(int x) { return 2 * x; }\n")
        nb = {"cells": [{"cell_type": "markdown", "source": "no"},
                        {"cell_type": "code", "source": ["int fromNb = ", "2;"]}], "nbformat": 4}
        with open(os.path.join(d, "other.ipynb"), "w") as f:
            json.dump(nb, f)
        self.run_ok("%load " + os.path.join(d, "helpers.jsh"))
        self.run_ok("%load " + os.path.join(d, "other"))  # IJava style: no extension
        self.assertEqual(harness.result_of(self.run_ok("twice(fromJsh) + fromNb"))["text/plain"], "82")

    def test_maven_keeps_loaded_artifacts(self):
        reply, out = harness.run(self.kc, "%maven ai.djl:api:0.30.0", timeout=300)
        if reply["status"] == "error" and "cannot resolve" in reply.get("evalue", ""):
            self.skipTest("Maven Central unreachable: " + reply["evalue"][:200])
        self.assertEqual(reply["status"], "ok", reply)
        self.assertIn("kept api-0.36.0.jar already loaded", harness.stdout_of(out))
        self.assertEqual(harness.result_of(self.run_ok("ai.djl.engine.Engine.class.getPackage() != null"))["text/plain"], "true")

    def test_completion_and_inspection(self):
        self.run_ok("int myCounter = 1;")
        r = harness.reply_to(self.kc, self.kc.complete("myCo"))
        self.assertIn("myCounter", r["matches"])
        self.assertEqual((r["cursor_start"], r["cursor_end"]), (0, 4))
        self.run_ok("myCounter + 1")  # run through a variable the kernel declares and drops: not offered
        r = harness.reply_to(self.kc, self.kc.complete("$cnnlab"))
        self.assertEqual([m for m in r["matches"] if m.startswith("$cnnlab")], [])
        r = harness.reply_to(self.kc, self.kc.complete("int q = 1;\nMath.ab"))
        self.assertIn("abs(", r["matches"])
        r = harness.reply_to(self.kc, self.kc.inspect("Math.max"))
        self.assertTrue(r["found"])
        self.assertIn("Math.max(int a, int b)", r["data"]["text/plain"])

    def test_inspection_shows_the_library_javadoc(self):
        # JShell has Javadoc only from the JDK's src.zip; the launcher points the kernel at lib's sources
        r = harness.reply_to(self.kc, self.kc.inspect("Fit.of(null).epochs"))
        self.assertTrue(r["found"])
        self.assertIn("Fit Fit.epochs(int n)", r["data"]["text/plain"])
        self.assertIn("Passes over the training data.", r["data"]["text/plain"])
        r = harness.reply_to(self.kc, self.kc.inspect("Conv2d.explain"))
        text = r["data"]["text/plain"]
        self.assertIn("Step-by-step view for int literals.", text)  # each overload its own comment
        self.assertIn("Step-by-step view of the valid, stride-1 convolution.", r["data"]["text/html"])

    def test_inspection_shows_djl_and_tablesaw_javadoc(self):
        # kernel/pom.xml copies the libraries' -sources.jar files from Maven Central; the launcher passes them on
        r = harness.reply_to(self.kc, self.kc.inspect("NDManager.newBaseManager"))
        text = r["data"]["text/plain"]
        self.assertIn("NDManager NDManager.newBaseManager()", text)
        self.assertIn("Returns: a new top-level NDManager", text)
        self.run_ok("NDArray inspected = NDManager.newBaseManager().ones(new Shape(2));")
        r = harness.reply_to(self.kc, self.kc.inspect("inspected.add"))
        text = r["data"]["text/plain"]
        self.assertIn("Adds a number to this NDArray element-wise.", text)  # add(Number) and add(NDArray): each its own
        self.assertIn("Adds other NDArrays to this NDArray element-wise.", text)
        r = harness.reply_to(self.kc, self.kc.inspect("Table.create"))
        self.assertIn("Returns a new, empty table (without rows or columns)", r["data"]["text/plain"])

    def test_errors_keep_the_kernel_and_variables(self):
        self.run_ok("int survivor = 7;")
        reply, _ = harness.run(self.kc, "int down(int n) { return down(n + 1) + 1; }\ndown(0)")
        self.assertEqual(reply["ename"], "StackOverflowError")
        reply, _ = harness.run(self.kc, "long[] huge = new long[Integer.MAX_VALUE - 8];")
        self.assertEqual(reply["ename"], "OutOfMemoryError")
        self.assertEqual(harness.result_of(self.run_ok("survivor"))["text/plain"], "7")

    def test_background_thread_output_reaches_the_last_cell(self):
        # printed after the cell ended: sent to that cell (its parent header), in order, not to the kernel log
        msg_id = self.kc.execute('new Thread(() -> {\n'
                                 '  try { Thread.sleep(700); } catch (InterruptedException e) { }\n'
                                 '  for (int i = 1; i <= 3; i++) System.out.println("late " + i);\n'
                                 '}).start();\n'
                                 'System.out.println("started");')
        before, after, idle = [], [], False
        deadline = time.time() + 60
        while "late 3" not in "".join(after):
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
            elif msg["msg_type"] == "stream":
                self.assertEqual(msg["content"]["name"], "stdout")
                (after if idle else before).append(msg["content"]["text"])
        self.assertEqual(harness.reply_to(self.kc, msg_id)["status"], "ok")
        self.assertEqual("".join(before), "started\n")
        self.assertEqual("".join(after), "late 1\nlate 2\nlate 3\n")
        self.assertEqual(harness.stdout_of(self.run_ok('System.out.println("next");')), "next\n")

    def test_redefining_a_class_says_which_variables_it_reset(self):
        def stderr_of(out):
            return "".join(c["text"] for t, c, _ in out if t == "stream" and c["name"] == "stderr")
        out = self.run_ok("class Redef { int a = 1; }\nRedef kept = new Redef();\nint plain = 3;\n"
                          "var inferred = new Redef();")
        self.assertEqual(stderr_of(out), "")  # first definitions: nothing to say
        out = self.run_ok('class Redef { String b = "q"; }')
        self.assertEqual(stderr_of(out),
                         "|  replaced class Redef\n"
                         "|    update replaced variable kept, reset to null\n"
                         "|    update replaced variable inferred, which cannot be referenced until its declaration"
                         " is run again\n")
        self.assertEqual(harness.result_of(self.run_ok("kept == null"))["text/plain"], "true")  # as the note says
        self.assertEqual(harness.result_of(self.run_ok("plain"))["text/plain"], "3")
        self.assertEqual(stderr_of(self.run_ok("kept = new Redef();")), "")

    def test_a_flood_of_output_is_cut_with_a_note(self):
        line, lines, limit = "0123456789" * 10 + "\n", 300000, 10 << 20  # 30.3 MB; the default limit
        reply, out = harness.run(self.kc, 'String floodLine = "0123456789".repeat(10) + "\\n";\n'
                                          'for (int i = 0; i < %d; i++) System.out.print(floodLine);' % lines,
                                 timeout=300)
        self.assertEqual(reply["status"], "ok")
        text = harness.stdout_of(out)
        self.assertEqual(len(text), limit)
        self.assertEqual(text, (line * (limit // len(line) + 1))[:limit])  # the first 10 MB, whole and in order
        notes = [c["text"] for t, c, _ in out if t == "stream" and c["name"] == "stderr"]
        dropped = len(line) * lines - limit
        self.assertEqual(notes, ["... %.1f MB of output dropped (limit 10 MB, CNNLAB_MAX_CELL_OUTPUT)\n"
                                 % (dropped / 2 ** 20)])
        self.assertEqual(out[-1][1]["text"], notes[0])  # the cell's last output
        self.assertEqual(harness.result_of(self.run_ok("1 + 1"))["text/plain"], "2")
        self.assertEqual(harness.stdout_of(self.run_ok('System.out.print("small");')), "small")  # a new budget

    def test_system_exit_restarts_the_agent_with_a_message(self):
        reply, _ = harness.run(self.kc, "System.exit(2)")
        self.assertEqual(reply["ename"], "AgentExited")
        self.assertIn("variables", reply["evalue"])
        self.assertEqual(harness.result_of(self.run_ok("20 + 22"))["text/plain"], "42")


class Imports(unittest.TestCase):
    """A kernel of its own: the user's imports change what later cells' names mean."""

    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = harness.start()

    @classmethod
    def tearDownClass(cls):
        harness.stop(cls.km, cls.kc)

    def shown(self, code):
        reply, out = harness.run(self.kc, code)
        self.assertEqual(reply["status"], "ok", "%r failed: %r" % (code, reply))
        return harness.result_of(out)["text/plain"]

    def test_the_users_star_imports_win_over_the_defaults(self):
        # DJL's usual imports: their Conv2d and Pool clash with the default import dev.cnnlab.ops.*
        self.assertEqual(self.shown(
            "import ai.djl.ndarray.*;\nimport ai.djl.ndarray.types.*;\nimport ai.djl.nn.*;\n"
            "import ai.djl.nn.convolutional.*;\nimport ai.djl.nn.pooling.*;\nimport ai.djl.training.*;\n"
            "Block conv = Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build();\n"
            "Block pool = Pool.maxPool2dBlock(new Shape(2, 2));\n"
            "conv.getClass().getName() + \" \" + pool.getClass().getName()"),
            '"ai.djl.nn.convolutional.Conv2d ai.djl.nn.LambdaBlock"')
        # cnnlab's by its full name; its other classes keep their simple names
        self.assertEqual(self.shown("dev.cnnlab.ops.Conv2d.explain(new int[][] {{1, 2}, {3, 4}}, new int[][] {{1}})"
                                    ".getClass().getName()"), '"dev.cnnlab.ops.Explanation"')
        self.assertEqual(self.shown("Corr2d.class.getName()"), '"dev.cnnlab.ops.Corr2d"')
        reply, out = harness.run(self.kc, "%imports")
        listed = harness.stdout_of(out).splitlines()
        self.assertIn("import ai.djl.nn.convolutional.*;", listed)
        self.assertIn("import dev.cnnlab.ops.Corr2d;", listed)
        self.assertIn("import java.util.*;", listed)  # an unrelated default stays
        self.assertNotIn("import dev.cnnlab.ops.*;", listed)
        self.assertNotIn("import dev.cnnlab.ops.Conv2d;", listed)
        self.assertNotIn("import dev.cnnlab.ops.Pool;", listed)


class Warmup(unittest.TestCase):
    """The idle warm-up (Warmup.java) runs throw-away snippets before the first cells: none of them may show."""

    def start(self):
        """A fresh kernel whose log (stderr) goes to a file, to see when the warm-up has run."""
        log = tempfile.NamedTemporaryFile("w+", prefix="cnnlab-warmup-", suffix=".log", delete=False)
        self.addCleanup(os.unlink, log.name)
        self.addCleanup(log.close)
        km, kc = harness.start(stderr=log)
        self.addCleanup(harness.stop, km, kc)
        return kc, log.name

    def test_a_cell_right_after_the_start_gets_its_result(self):
        kc, _ = self.start()
        reply, out = harness.run(kc, "1 + 1")
        self.assertEqual((reply["status"], reply["execution_count"]), ("ok", 1), reply)
        self.assertEqual(harness.result_of(out), {"text/plain": "2"})

    def test_the_warm_up_leaves_no_trace(self):
        kc, log = self.start()
        def text():
            with open(log) as f:
                return f.read()
        deadline = time.time() + 120
        while "Warmup - warm-up: " not in text():  # Warmup.java's last line, when its snippets have run
            self.assertLess(time.time(), deadline, "the warm-up did not end: " + text()[-2000:])
            time.sleep(0.2)
        text = text()
        ran = int(text.split("Warmup - warm-up: ", 1)[1].split()[0])
        self.assertGreater(ran, 0, text[-2000:])
        self.assertNotIn("warm-up snippet failed", text)
        self.assertNotIn("outside a cell", text)  # nothing printed or displayed
        stray = []
        while True:  # all IOPub so far: only kernel_info's busy/idle (the warm-up publishes nothing)
            try:
                msg = kc.get_iopub_msg(timeout=0.5)
            except Exception:
                break
            if msg["msg_type"] != "status":
                stray.append((msg["msg_type"], msg["content"]))
        self.assertEqual(stray, [])
        reply, out = harness.run(kc, "1 + 1")
        self.assertEqual((reply["status"], reply["execution_count"]), ("ok", 1), reply)
        self.assertEqual([t for t, _, _ in out], ["execute_result"])
        self.assertEqual(harness.result_of(out), {"text/plain": "2"})
        for name in ("$cnnlabWarm1", "$cnnlabWarm4", "$cnnlabWarm5(1)", "$cnnlabWarm6"):
            reply, _ = harness.run(kc, name)
            self.assertEqual(reply["status"], "error", name + " is defined")
        reply = harness.reply_to(kc, kc.complete("$cnnlabW", 8))
        self.assertEqual(reply["matches"], [])
        reply, out = harness.run(kc, "%imports")
        self.assertNotIn("cnnlabWarm", harness.stdout_of(out))
        reply, _ = harness.run(kc, "1 + 1")
        self.assertEqual(reply["execution_count"], 7)  # one per cell, errors included; the warm-up's count none

if __name__ == "__main__":
    unittest.main()
