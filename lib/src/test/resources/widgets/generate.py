"""Writes the reference states that WidgetGoldenStateTest compares the Java widgets against.

Run from this folder with the project venv (ipywidgets 8.1.9):  ~/.cnnlab/venv/bin/python generate.py
Each NAME.json is get_state() of the widget in the dict below; model ids are replaced by IPY_MODEL_<id>
and binary values by "<bytes:N>" (they travel as comm buffers, not in the JSON).
"""
import json, os, ipywidgets as w, sys
def st(x):
    s = x.get_state()
    out = {}
    for k, v in s.items():
        if isinstance(v, (bytes, memoryview)): v = "<bytes:%d>" % len(bytes(v))
        out[k] = v
    return out
import re
def scrub(o):
    if isinstance(o, str): return re.sub(r'IPY_MODEL_[0-9a-f]{32}', 'IPY_MODEL_<id>', o)
    if isinstance(o, list): return [scrub(v) for v in o]
    if isinstance(o, tuple): return [scrub(v) for v in o]
    if isinstance(o, dict): return {k: scrub(v) for k, v in o.items()}
    return o
a = w.IntSlider(); b = w.IntSlider()
items = {
 "IntSlider": w.IntSlider(description='k'),
 "FloatSlider": w.FloatSlider(),
 "Dropdown": w.Dropdown(options=['a','b']),
 "ToggleButtons": w.ToggleButtons(options=['a','b']),
 "Checkbox": w.Checkbox(),
 "Button": w.Button(),
 "Play": w.Play(),
 "Output": w.Output(),
 "HBox": w.HBox(),
 "VBox": w.VBox(),
 "HTML": w.HTML(),
 "Image": w.Image(),
 "Label": w.Label(),
 "Layout": w.Layout(),
 "SliderStyle": w.IntSlider().style,
 "DescriptionStyle": w.Dropdown().style,
 "ButtonStyle": w.Button().style,
 "ToggleButtonsStyle": w.ToggleButtons().style,
 "CheckboxStyle": w.Checkbox().style,
 "HTMLStyle": w.HTML().style,
 "LabelStyle": w.Label().style,
 "Link": w.jslink((a,'value'),(b,'value')),
}
assert w.__version__ == "8.1.9", w.__version__
for name, x in items.items():
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".json"), "w") as f:
        json.dump(scrub(st(x)), f, indent=1, sort_keys=True); f.write("\n")
