package dev.cnnlab.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every widget's full state equals what ipywidgets 8.1.9 sends for the same widget: the same keys with the same
 * default values (model ids aside). The references are {@code src/test/resources/widgets/*.json}, written by
 * {@code generate.py} there from the real ipywidgets, so a missing key or a wrong module version fails here.
 */
class WidgetGoldenStateTest {
    private static final Map<String, Supplier<Widget>> WIDGETS = new TreeMap<>(Map.ofEntries(
            Map.entry("IntSlider", () -> new IntSlider("k", 0, 0, 100)),
            Map.entry("FloatSlider", FloatSlider::new),
            Map.entry("Dropdown", () -> new Dropdown<>("", List.of("a", "b"))),
            Map.entry("ToggleButtons", () -> new ToggleButtons<>("", List.of("a", "b"))),
            Map.entry("Checkbox", Checkbox::new),
            Map.entry("Button", Button::new),
            Map.entry("Play", Play::new),
            Map.entry("Output", Output::new),
            Map.entry("HBox", HBox::new),
            Map.entry("VBox", VBox::new),
            Map.entry("HTML", HTML::new),
            Map.entry("Image", Image::new),
            Map.entry("Label", Label::new),
            Map.entry("Layout", Layout::new),
            Map.entry("SliderStyle", Style::slider),
            Map.entry("DescriptionStyle", Style::description),
            Map.entry("ButtonStyle", Style::button),
            Map.entry("ToggleButtonsStyle", Style::toggleButtons),
            Map.entry("CheckboxStyle", Style::checkbox),
            Map.entry("HTMLStyle", Style::html),
            Map.entry("LabelStyle", Style::label),
            Map.entry("Link", () -> Widgets.jslink(new IntSlider(), "value", new IntSlider(), "value"))));

    @AfterEach
    void reset() {
        Widgets.reset();
    }

    @TestFactory
    List<DynamicTest> stateMatchesIpywidgets() {
        return WIDGETS.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            JsonObject expected = golden(e.getKey());
            WidgetJson.Message m = e.getValue().get().stateMessage(null);
            JsonObject data = JsonParser.parseString(m.json()).getAsJsonObject();
            JsonObject actual = data.getAsJsonObject("state");
            // binary values travel as buffers: the reference writes them as "<bytes:N>"
            for (JsonElement path : data.getAsJsonArray("buffer_paths")) {
                String key = path.getAsJsonArray().get(0).getAsString();
                actual.addProperty(key, "<bytes:" + m.buffers().get(0).length + ">");
            }
            assertEquals(new TreeMap<>(expected.asMap()).keySet(), new TreeMap<>(actual.asMap()).keySet(), e.getKey() + " keys");
            for (String k : expected.keySet()) {
                String want = WidgetJson.GSON.toJson(expected.get(k));
                String got = WidgetJson.GSON.toJson(actual.get(k)).replaceAll("IPY_MODEL_[0-9a-f]{32}", "IPY_MODEL_<id>");
                assertEquals(want, got, e.getKey() + "." + k);
            }
        })).toList();
    }

    private static JsonObject golden(String name) throws IOException {
        try (InputStream in = WidgetGoldenStateTest.class.getResourceAsStream("/widgets/" + name + ".json")) {
            if (in == null) throw new IOException("missing test resource widgets/" + name + ".json");
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
    }
}
