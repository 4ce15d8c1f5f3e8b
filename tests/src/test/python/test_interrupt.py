"""Interrupt stops busy loops, sleeps and cooperative loops within 2 s, keeping variables.

Runs the kernel on the java named by CNNLAB_TEST_JAVA (default: java on PATH).
"""
import time
import unittest

import harness

BOUND_S = 2.0  # the requirement


class Interrupt(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = harness.start()
        reply, _ = harness.run(cls.kc, "int kept = 42;")
        assert reply["status"] == "ok", reply

    @classmethod
    def tearDownClass(cls):
        harness.stop(cls.km, cls.kc)

    def interrupt(self, code, started_marker):
        msg_id = self.kc.execute(code)
        deadline = time.time() + 60
        while True:  # wait until the cell is really running (it prints a marker first)
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream" \
                    and started_marker in msg["content"]["text"]:
                break
        t0 = time.time()
        self.km.interrupt_kernel()
        while True:
            msg = self.kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "error":
                elapsed = time.time() - t0
                content = msg["content"]
                break
        reply = harness.reply_to(self.kc, msg_id)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(content["ename"], "Interrupted")
        self.assertIn("interrupted", content["evalue"])
        self.assertLess(elapsed, BOUND_S, "interrupt took %.2f s" % elapsed)
        self.assertEqual(harness.result_of(harness.run(self.kc, "kept")[1])["text/plain"], "42")

    def test_busy_loop(self):
        self.interrupt('System.out.println("go");\nwhile (true) { }', "go")

    def test_sleep(self):
        self.interrupt('System.out.println("go");\nThread.sleep(600_000);', "go")

    def test_cooperative_training_loop(self):
        self.interrupt('System.out.println("go");\nlong steps = 0;\n'
                       'while (!Thread.currentThread().isInterrupted()) { steps++; }', "go")

    def test_next_cell_is_not_interrupted(self):
        self.interrupt('System.out.println("go");\nwhile (true) { }', "go")
        out = harness.run(self.kc, 'Thread.sleep(50);\n"slept"')[1]
        self.assertEqual(harness.result_of(out)["text/plain"], '"slept"')

    def test_java_version(self):
        version = harness.result_of(harness.run(self.kc, 'System.getProperty("java.specification.version")')[1])
        print("agent java", version["text/plain"])


if __name__ == "__main__":
    unittest.main()
