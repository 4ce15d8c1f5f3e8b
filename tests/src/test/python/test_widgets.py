"""Jupyter widgets from Java, at the protocol level, through a real jupyter_client (issue #27).

What a widget front end (JupyterLab's @jupyter-widgets manager) sees and sends: comm_open on target
jupyter.widget with the protocol version 2.1.0 and the full state of ipywidgets 8's models (the keys checked
against the installed ipywidgets' own get_state()), the widget-view output, comm_info_request, request_state,
an update from the client running the Java observer (also while a cell is still running), a Button click, an
exception in a callback, and nbclient saving the widget state in the notebook's metadata.
"""
import json
import os
import queue
import tempfile
import time
import unittest

import harness

VIEW = "application/vnd.jupyter.widget-view+json"


def reference_state(kind):
    """The state keys of ipywidgets' own model (this interpreter's ipywidgets 8), or None without it."""
    try:
        import ipywidgets
    except ImportError:
        return None
    return ipywidgets.__dict__[kind]().get_state()


class WidgetProtocol(harness.KernelTestCase):
    def comm_opens(self, out):
        return {c["comm_id"]: c for t, c, _ in out if t == "comm_open"}

    def send_comm(self, comm_id, data, buffers=None):
        msg = self.kc.session.msg("comm_msg", {"comm_id": comm_id, "data": data})
        self.kc.session.send(self.kc.shell_channel.socket, msg, buffers=buffers)
        return msg["header"]["msg_id"]

    def iopub_until(self, pred, timeout=20):
        deadline = time.time() + timeout
        seen = []
        while time.time() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
            except queue.Empty:
                break
            seen.append(msg)
            if pred(msg):
                return msg
        self.fail("no matching IOPub message within %ss; saw %s" % (timeout, [m["msg_type"] for m in seen]))

    def test_a_slider_opens_its_models_and_shows_a_widget_view(self):
        out = self.run_ok('var k = new IntSlider("k", 3, 0, 10);\nk')
        opens = self.comm_opens(out)
        view = harness.result_of(out)[VIEW]
        self.assertEqual(2, view["version_major"])
        slider = opens[view["model_id"]]
        self.assertEqual("jupyter.widget", slider["target_name"])
        state = slider["data"]["state"]
        self.assertEqual(("IntSliderModel", "@jupyter-widgets/controls", "2.0.0"),
                         (state["_model_name"], state["_model_module"], state["_model_module_version"]))
        self.assertEqual((3, 0, 10, "k"), (state["value"], state["min"], state["max"], state["description"]))
        ref = reference_state("IntSlider")
        if ref is not None:
            self.assertEqual(sorted(ref), sorted(state), "IntSlider's state keys against ipywidgets' own")
        # layout and style are models of their own, opened before the slider that refers to them
        order = [c["comm_id"] for t, c, _ in out if t == "comm_open"]
        for key in ("layout", "style"):
            ref_id = state[key].replace("IPY_MODEL_", "")
            self.assertIn(ref_id, opens, key)
            self.assertLess(order.index(ref_id), order.index(view["model_id"]), key + " opened first")
        self.assertEqual("LayoutModel", opens[state["layout"][10:]]["data"]["state"]["_model_name"])
        self.assertEqual("SliderStyleModel", opens[state["style"][10:]]["data"]["state"]["_model_name"])

    def test_comm_open_metadata_and_comm_info(self):
        msg_id = self.kc.execute('var c = new Checkbox("on", true);\ndisplay(c);')
        opened = self.iopub_until(lambda m: m["msg_type"] == "comm_open" and m["parent_header"].get("msg_id") == msg_id
                                  and m["content"]["data"]["state"]["_model_name"] == "CheckboxModel")
        self.assertEqual("2.1.0", opened["metadata"]["version"])
        harness.reply_to(self.kc, msg_id)
        info_id = self.kc.comm_info(target_name="jupyter.widget")
        comms = harness.reply_to(self.kc, info_id)["comms"]
        self.assertIn(opened["content"]["comm_id"], comms)
        self.assertEqual("jupyter.widget", comms[opened["content"]["comm_id"]]["target_name"])

    def test_an_update_from_the_client_runs_the_java_observer_and_request_state_answers(self):
        out = self.run_ok('var s = new IntSlider("s", 1, 0, 9);\n'
                          'var seen = new java.util.concurrent.CopyOnWriteArrayList<String>();\n'
                          's.observe("value", ch -> seen.add(ch.oldValue() + "->" + ch.newValue()));\n'
                          's')
        model = harness.result_of(out)[VIEW]["model_id"]
        self.send_comm(model, {"method": "update", "state": {"value": 7}, "buffer_paths": []})
        time.sleep(0.5)
        self.assertEqual("[1->7]\n7\n", harness.stdout_of(self.run_ok("System.out.println(seen);\nSystem.out.println(s.value());")))
        self.send_comm(model, {"method": "request_state"})
        msg = self.iopub_until(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == model
                               and m["content"]["data"].get("method") == "update"
                               and "_model_name" in m["content"]["data"]["state"])
        self.assertEqual(7, msg["content"]["data"]["state"]["value"])
        # a setter in Java sends the change to the front end
        out = self.run_ok("s.value(4);")
        updates = [c["data"] for t, c, _ in out if t == "comm_msg" and c["comm_id"] == model]
        self.assertEqual([{"method": "update", "state": {"value": 4}, "buffer_paths": []}], updates)

    def test_a_click_reaches_a_cell_that_is_still_running(self):
        out = self.run_ok('var clicked = new java.util.concurrent.atomic.AtomicBoolean();\n'
                          'var stop = new Button("Stop").onClick(b -> clicked.set(true));\n'
                          'stop')
        model = harness.result_of(out)[VIEW]["model_id"]
        run_id = self.kc.execute('long t0 = System.nanoTime();\n'
                                 'while (!clicked.get() && System.nanoTime() - t0 < 60_000_000_000L) Thread.sleep(5);\n'
                                 'System.out.println("clicked " + clicked.get());')
        self.iopub_until(lambda m: m["msg_type"] == "status" and m["parent_header"].get("msg_id") == run_id
                         and m["content"]["execution_state"] == "busy")
        time.sleep(1.0)   # the cell is running now
        sent = time.time()
        self.send_comm(model, {"method": "custom", "content": {"event": "click"}})
        reply = harness.reply_to(self.kc, run_id, timeout=60)
        took = time.time() - sent
        self.assertEqual("ok", reply["status"])
        self.assertLess(took, 2.0, "the click reached the running cell after %.2f s" % took)
        print("figure: a click reached the running cell; the cell ended %.3f s after it was sent" % took)

    def test_an_exception_in_a_callback_is_shown_and_the_kernel_lives(self):
        out = self.run_ok('var bad = new IntSlider("bad", 0, 0, 5);\n'
                          'var errs = new Output();\n'
                          'bad.errorsTo(errs).observe("value", ch -> { throw new IllegalStateException("boom " + ch.newValue()); });\n'
                          'bad')
        model = harness.result_of(out)[VIEW]["model_id"]
        self.send_comm(model, {"method": "update", "state": {"value": 2}, "buffer_paths": []})
        time.sleep(0.5)
        text = harness.stdout_of(self.run_ok("System.out.println(errs.outputs());"))
        self.assertIn("IllegalStateException", text)
        self.assertIn("boom 2", text)

    def test_interact_redraws_its_output(self):
        out = self.run_ok('var n = new IntSlider("n", 2, 1, 5);\n'
                          'Widgets.interact(() -> "square " + n.value() * n.value(), n)')
        opens = self.comm_opens(out)
        outputs = [c for c in opens.values() if c["data"]["state"]["_model_name"] == "OutputModel"]
        self.assertEqual(1, len(outputs))
        # the first result: in the Output's opening state or in an update that follows it within the cell
        shown = [outputs[0]["data"]["state"]] + [c["data"].get("state", {}) for t, c, _ in out
                                                  if t == "comm_msg" and c["comm_id"] == outputs[0]["comm_id"]]
        self.assertIn("square 4", json.dumps([st.get("outputs") for st in shown]))
        n = [i for i, c in opens.items() if c["data"]["state"].get("description") == "n"][0]
        self.send_comm(n, {"method": "update", "state": {"value": 3}, "buffer_paths": []})
        msg = self.iopub_until(lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == outputs[0]["comm_id"]
                               and "square 9" in json.dumps(m["content"]["data"]))
        self.assertEqual("update", msg["content"]["data"]["method"])

    def test_nbclient_saves_the_widget_state_in_the_notebook(self):
        import nbformat
        from nbclient import NotebookClient
        nb = nbformat.v4.new_notebook()
        nb.cells.append(nbformat.v4.new_code_cell('var saved = new IntSlider("saved", 6, 0, 8);\nsaved'))
        nb.metadata["kernelspec"] = {"name": "cnnlab", "display_name": "Java (cnnlab)", "language": "java"}
        NotebookClient(nb, kernel_name="cnnlab", timeout=120, store_widget_state=True).execute()
        states = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        view = nb.cells[0].outputs[0]["data"][VIEW]
        self.assertIn(view["model_id"], states)
        saved = states[view["model_id"]]
        self.assertEqual(("IntSliderModel", 6), (saved["model_name"], saved["state"]["value"]))


if __name__ == "__main__":
    unittest.main()
