"""jupyter_kernel_test conformance suite against the cnnlab kernel of this checkout."""
import unittest

import jupyter_kernel_test
from jupyter_client.manager import start_new_kernel

import harness


class CnnlabKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "cnnlab"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("boom");'

    completion_samples = [
        {"text": "Math.abs", "matches": {"abs(", "absExact("}},
        {"text": "Integer.parseI", "matches": {"parseInt("}},
    ]
    complete_code_samples = ["1 + 1", "int x = 3;", "System.out.println(1);", "for (int i = 0; i < 3; i++) { }", "%lsmagic"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y = (1 +", "class A {"]
    invalid_code_samples = ["}}}", "int x = ;", "1 + + ;"]

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"ab\" + \"c\"", "result": "\"abc\""},
        {"code": "markdown(\"**bold**\")", "mime": "text/markdown", "result": "**bold**"},
    ]
    code_display_data = [
        {"code": 'display(html("<b>hi</b>"));', "mime": "text/html"},
        {"code": 'display(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB));', "mime": "image/png"},
    ]
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")
    code_inspect_sample = "Math.max"

    @classmethod
    def setUpClass(cls):
        harness.install_spec()
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, startup_timeout=120)
        reply = cls.kc.execute_interactive("int warm = 1;", timeout=120)  # the agent JVM is up before timed tests
        assert reply["content"]["status"] == "ok", reply


if __name__ == "__main__":
    unittest.main()
