package dev.cnnlab.widgets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The comm messages widgets send and how they answer the front end's, through a recording transport. */
class WidgetProtocolTest {
    private RecordingTransport t;

    @BeforeEach
    void connect() {
        Widgets.reset();
        t = new RecordingTransport();
        Widgets.install(t);
    }

    @AfterEach
    void disconnect() {
        Widgets.reset();
    }

    @Test
    void aBoxOpensItsLayoutStyleAndChildrenFirstAndRefersToThemByModelId() {
        IntSlider s = new IntSlider("k", 3, 0, 10);
        VBox box = new VBox(s);
        List<String> opened = t.opened();
        assertEquals(java.util.Set.of(s.layout().id(), s.style().id()), java.util.Set.copyOf(opened.subList(0, 2)));
        assertEquals(List.of(s.id(), box.layout().id(), box.id()), opened.subList(2, 5));
        JsonObject open = t.last().data();
        assertEquals(box.id(), t.last().commId());
        assertEquals("[\"IPY_MODEL_" + s.id() + "\"]", open.getAsJsonObject("state").get("children").toString());
        assertEquals("IPY_MODEL_" + box.layout().id(), open.getAsJsonObject("state").get("layout").getAsString());
        assertEquals(0, open.getAsJsonArray("buffer_paths").size());
        JsonObject sliderState = t.messages.get(2).data().getAsJsonObject("state");
        assertEquals(3, sliderState.get("value").getAsInt());
        assertEquals("IPY_MODEL_" + s.style().id(), sliderState.get("style").getAsString());
        assertTrue(s.id().matches("[0-9a-f]{32}"), s.id());
    }

    @Test
    void aWidgetMadeBeforeTheFrontEndOpensWhenDisplayedWithItsChildrenFirst() {
        Widgets.reset();
        Checkbox c = new Checkbox("bias", true);
        HBox box = new HBox(c);
        c.value(false); // no front end: nothing is sent, the value is kept
        Widgets.install(t);
        assertTrue(t.messages.isEmpty());
        Map<String, String> bundle = box.toMimeBundle();
        assertEquals("{\"version_major\":2,\"version_minor\":0,\"model_id\":\"" + box.id() + "\"}",
                bundle.get("application/vnd.jupyter.widget-view+json"));
        assertEquals(box.id(), t.last().commId());
        assertTrue(t.opened().indexOf(c.id()) < t.opened().indexOf(box.id()));
        assertTrue(t.opened().containsAll(List.of(c.layout().id(), c.style().id(), box.layout().id())));
        box.toMimeBundle();
        assertEquals(5, t.opened().size(), "displayed twice, opened once");
        assertEquals("<div style='display:flex;gap:8px;flex-direction:row'><div><i>bias: False</i></div></div>", bundle.get("text/html"));
    }

    @Test
    void aSetterSendsAnUpdateAndTheReprShowsWhatDiffersFromTheDefaults() {
        IntSlider s = new IntSlider("k", 3, 0, 10);
        s.value(7);
        JsonObject update = t.last().data();
        assertEquals("{\"method\":\"update\",\"state\":{\"value\":7},\"buffer_paths\":[]}", update.toString());
        s.value(7);
        assertEquals(update, t.last().data(), "no message when nothing changed");
        assertEquals("IntSlider(value=7, description='k', max=10)", s.toString());
        assertEquals("IntSlider(value=7, description='k', max=10)", s.toMimeBundle().get("text/plain"));
        assertEquals("<i>k: 7</i>", s.toMimeBundle().get("text/html"));
    }

    @Test
    void anUpdateFromTheFrontEndRunsTheObserverWithOldAndNewValueWithoutEcho() {
        IntSlider s = new IntSlider("k", 3, 0, 10);
        List<Change> changes = new ArrayList<>();
        s.observe("value", changes::add);
        int before = t.messages.size();
        Widgets.receive(s.id(), "{\"method\":\"update\",\"state\":{\"value\":5},\"buffer_paths\":[]}", List.of());
        assertEquals(List.of(new Change(s, "value", 3, 5)), changes);
        assertEquals(5, s.value());
        assertEquals(before, t.messages.size(), "no echo of the front end's own change");
    }

    @Test
    void aClampedOrRoundedValueFromTheFrontEndIsSentBack() {
        IntSlider s = new IntSlider("k", 3, 0, 10);
        Widgets.receive(s.id(), "{\"method\":\"update\",\"state\":{\"value\":42},\"buffer_paths\":[]}", List.of());
        assertEquals(10, s.value());
        assertEquals("{\"method\":\"update\",\"state\":{\"value\":10},\"buffer_paths\":[]}", t.last().data().toString());
        FloatSlider f = new FloatSlider("lr", 0.5, 0, 1);
        int before = t.messages.size();
        Widgets.receive(f.id(), "{\"method\":\"update\",\"state\":{\"value\":1},\"buffer_paths\":[]}", List.of());
        assertEquals(1.0, f.value());
        assertEquals(before, t.messages.size(), "1 and 1.0 are the same number: nothing to correct");
        s.value(2);
        s.min(8);
        assertEquals(8, s.value(), "moving min past the value moves the value");
    }

    @Test
    void requestStateIsAnsweredWithTheFullState() {
        Dropdown<String> d = new Dropdown<>("padding", List.of("valid", "same"));
        Widgets.receive(d.id(), "{\"method\":\"request_state\"}", List.of());
        JsonObject reply = t.last().data();
        assertEquals(d.id(), t.last().commId());
        assertEquals("update", reply.get("method").getAsString());
        assertEquals(d.state().keySet(), reply.getAsJsonObject("state").keySet());
        assertEquals("[\"valid\",\"same\"]", reply.getAsJsonObject("state").get("_options_labels").toString());
        assertEquals(0, reply.getAsJsonObject("state").get("index").getAsInt());
    }

    @Test
    void aDropdownMapsTheFrontEndsIndexToItsValues() {
        Dropdown<Integer> d = Dropdown.labeled("stride", new java.util.LinkedHashMap<>(Map.of("one", 1)));
        d.options(new java.util.LinkedHashMap<>(Map.of("one", 1)));
        Dropdown<String> p = new Dropdown<>("padding", List.of("valid", "same"));
        List<Change> values = new ArrayList<>();
        p.observe("value", values::add);
        Widgets.receive(p.id(), "{\"method\":\"update\",\"state\":{\"index\":1},\"buffer_paths\":[]}", List.of());
        assertEquals("same", p.value());
        assertEquals(List.of(new Change(p, "value", "valid", "same")), values);
        p.value("valid");
        assertEquals("{\"method\":\"update\",\"state\":{\"index\":0},\"buffer_paths\":[]}", t.last().data().toString());
        assertEquals(1, d.value());
    }

    @Test
    void aButtonClickFromTheFrontEndRunsTheHandler() {
        Button b = new Button("Train");
        List<Button> clicked = new ArrayList<>();
        b.onClick(clicked::add);
        Widgets.receive(b.id(), "{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}", List.of());
        assertEquals(List.of(b), clicked);
    }

    @Test
    void interactShowsTheFirstResultAtOnceAndTheNewResultAfterAChange() {
        IntSlider s = new IntSlider("stride", 1, 1, 3);
        Dropdown<String> p = new Dropdown<>("padding", List.of("valid", "same"));
        Interact ui = Widgets.interact(() -> "stride " + s.value() + ", " + p.value(), s, p);
        Output out = ui.output();
        assertEquals(List.of(s, p, out), ui.children());
        assertEquals("stride 1, valid", plain(out));
        assertTrue(ui.toMimeBundle().get("text/html").contains("stride 1, valid"), ui.toMimeBundle().get("text/html"));
        Widgets.receive(s.id(), "{\"method\":\"update\",\"state\":{\"value\":2},\"buffer_paths\":[]}", List.of());
        Widgets.receive(p.id(), "{\"method\":\"update\",\"state\":{\"index\":1},\"buffer_paths\":[]}", List.of());
        assertEquals(1, out.outputs().size(), "the new result replaces the old one");
        assertEquals("stride 2, same", plain(out));
        JsonObject update = t.sentTo(out.id()).get(t.sentTo(out.id()).size() - 1);
        assertEquals("stride 2, same", update.getAsJsonObject("state").getAsJsonArray("outputs").get(0).getAsJsonObject()
                .getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void aThrowingFunctionOrObserverLandsInTheOutputAndReceiveDoesNotThrow() {
        IntSlider s = new IntSlider("k", 1, 0, 3);
        Interact ui = Widgets.interact(() -> 10 / (s.value() - 2), s);
        Widgets.receive(s.id(), "{\"method\":\"update\",\"state\":{\"value\":2},\"buffer_paths\":[]}", List.of());
        Map<String, Object> error = ui.output().outputs().get(0);
        assertEquals("error", error.get("output_type"));
        assertEquals("java.lang.ArithmeticException", error.get("ename"));
        assertEquals("/ by zero", error.get("evalue"));
        String trace = String.join("\n", ((List<?>) error.get("traceback")).stream().map(String::valueOf).toList());
        assertTrue(trace.contains("WidgetProtocolTest"), trace);
        assertFalse(trace.contains("at java."), trace);

        s.observe("value", c -> { throw new IllegalStateException("observer broke"); });
        Widgets.receive(s.id(), "{\"method\":\"update\",\"state\":{\"value\":3},\"buffer_paths\":[]}", List.of());
        assertTrue(ui.output().outputs().stream().anyMatch(o -> "observer broke".equals(o.get("evalue"))), ui.output().outputs().toString());
    }

    @Test
    void withoutAnErrorOutputCallbackErrorsAndBadUpdatesGoToStandardErrorNamingTheWidget() {
        Button b = new Button("Go");
        b.onClick(x -> { throw new IllegalStateException("no data loaded"); });
        IntSlider s = new IntSlider("k", 1, 0, 3);
        String err = stderrOf(() -> {
            Widgets.receive(b.id(), "{\"method\":\"custom\",\"content\":{\"event\":\"click\"}}", List.of());
            Widgets.receive(s.id(), "{\"method\":\"update\",\"state\":{\"colour\":1},\"buffer_paths\":[]}", List.of());
            Widgets.receive(s.id(), "not json", List.of());
        });
        assertTrue(err.contains("Button 'Go': click handler failed") && err.contains("no data loaded"), err);
        assertTrue(err.contains("IntSlider 'k' has no state key 'colour'"), err);
        assertTrue(err.contains("IntSlider 'k': message from the front end failed"), err);
        Dropdown<String> p = new Dropdown<>("padding", List.of("valid", "same"));
        stderrOf(() -> Widgets.receive(p.id(), "{\"method\":\"update\",\"state\":{\"index\":5},\"buffer_paths\":[]}", List.of()));
        assertEquals("{\"method\":\"update\",\"state\":{\"index\":0},\"buffer_paths\":[]}", t.last().data().toString(),
                "a refused value is answered with the kernel's");
    }

    @Test
    void imageBytesTravelAsABuffer() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        Image img = new Image(png).width("280");
        RecordingTransport.Sent open = t.messages.stream().filter(m -> m.commId().equals(img.id())).findFirst().orElseThrow();
        assertEquals("[[\"value\"]]", open.data().getAsJsonArray("buffer_paths").toString());
        assertFalse(open.data().getAsJsonObject("state").has("value"));
        assertArrayEquals(png, open.buffers().get(0));
        byte[] next = {1, 2, 3};
        img.value(next);
        assertEquals("{\"method\":\"update\",\"state\":{},\"buffer_paths\":[[\"value\"]]}", t.last().data().toString());
        assertArrayEquals(next, t.last().buffers().get(0));
        Widgets.receive(img.id(), "{\"method\":\"update\",\"state\":{},\"buffer_paths\":[[\"value\"]]}", List.of(png));
        assertArrayEquals(png, img.value());
        assertEquals("<img src='data:image/png;base64,iVBORw==' width='280'/>", img.toStaticHtml());
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheWidgetAndTheProblem() {
        assertEquals("IntSlider 'stride': min 5 is above max 3",
                assertThrows(WidgetException.class, () -> new IntSlider("stride", 1, 5, 3)).getMessage());
        IntSlider s = new IntSlider("k", 1, 0, 3);
        assertEquals("IntSlider 'k': max -1 is below min 0", assertThrows(WidgetException.class, () -> s.max(-1)).getMessage());
        assertEquals("IntSlider 'k': value must be a whole number (an int), got 1.5",
                assertThrows(WidgetException.class, () -> s.set("value", 1.5)).getMessage());
        Dropdown<String> p = new Dropdown<>("padding", List.of("valid", "same"));
        assertEquals("Dropdown 'padding': 'full' is not one of the options ['valid', 'same']",
                assertThrows(WidgetException.class, () -> p.value("full")).getMessage());
        assertEquals("Dropdown 'padding': index 2 is out of range for 2 options",
                assertThrows(WidgetException.class, () -> p.index(2)).getMessage());
        assertTrue(assertThrows(WidgetException.class, () -> s.set("colour", 1)).getMessage()
                .startsWith("IntSlider 'k' has no state key 'colour'; its keys are [behavior, continuous_update, description,"));
    }

    @Test
    void withoutAFrontEndWidgetsWorkAsObjectsAndSendNothing() {
        Widgets.reset();
        Checkbox c = new Checkbox("bias", false);
        List<Object> seen = new ArrayList<>();
        c.observe("value", ch -> seen.add(ch.newValue()));
        c.value(true);
        assertEquals(List.of(true), seen);
        assertFalse(Widgets.isConnected());
        Output out = new Output();
        out.append(42);
        out.appendStdout("done\n");
        assertEquals("<div><pre>42</pre><pre>done\n</pre></div>", out.toMimeBundle().get("text/html"));
        assertTrue(t.messages.isEmpty());
    }

    @Test
    void jslinkMakesALinkModelAndLinkCopiesValuesInTheKernel() {
        Play play = new Play(0, 0, 9);
        IntSlider s = new IntSlider("epoch", 0, 0, 9);
        Link l = Widgets.jslink(play, "value", s, "value");
        JsonObject state = t.last().data().getAsJsonObject("state");
        assertEquals(l.id(), t.last().commId());
        assertEquals("[\"IPY_MODEL_" + play.id() + "\",\"value\"]", state.get("source").toString());
        assertEquals("LinkModel", state.get("_model_name").getAsString());
        IntSlider other = new IntSlider("copy", 0, 0, 9);
        Widgets.link(s, "value", other, "value");
        s.value(4);
        assertEquals(4, other.value());
        other.value(6);
        assertEquals(6, s.value());
    }

    @Test
    void outputRendersThroughTheInstalledRendererAndEmbedsJsonTypes() {
        Widgets.setRenderer(v -> Map.of("text/plain", "R:" + v, "application/x-thing+json", "{\"n\":1}"));
        Output out = new Output();
        out.append("x");
        Map<String, Object> o = out.outputs().get(0);
        assertEquals("display_data", o.get("output_type"));
        assertEquals(Map.of("text/plain", "R:x", "application/x-thing+json", Map.of("n", 1)), o.get("data"));
        assertEquals("{\"n\":1}", JsonParser.parseString(t.last().data().toString()).getAsJsonObject().getAsJsonObject("state")
                .getAsJsonArray("outputs").get(0).getAsJsonObject().getAsJsonObject("data").get("application/x-thing+json").toString());
    }

    @Test
    void closingSendsCommCloseAndAFrontEndCloseForgetsTheWidget() {
        Label l = new Label("hi");
        l.close();
        assertEquals("close", t.last().kind());
        Label m = new Label("there");
        Widgets.closedByFrontend(m.id());
        String err = stderrOf(() -> Widgets.receive(m.id(), "{\"method\":\"request_state\"}", List.of()));
        assertTrue(err.contains("not an open widget"), err);
    }

    private static String plain(Output out) {
        return String.valueOf(((Map<?, ?>) out.outputs().get(0).get("data")).get("text/plain"));
    }

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
