package dev.cnnlab.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A headless Chromium driven over the DevTools protocol (a WebSocket and JSON commands): enough to open a page,
 * evaluate JavaScript and take a screenshot, with no browser-automation library.
 */
final class DevTools implements AutoCloseable {
    private final Process browser;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();

    private DevTools(Process browser, WebSocket socket) {
        this.browser = browser;
        this.socket = socket;
    }

    /** Starts Chromium headless with a fresh profile in {@code profile} and attaches to its first page. */
    static DevTools start(Path chromium, Path profile) throws Exception {
        // flags from the machine notes: no background traffic on a closed network, no sandbox as root
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,2000", "--remote-debugging-port=0",
                "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(profile.resolveSibling("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("Chromium did not open its DevTools port; see "
                        + profile.resolveSibling("chromium.log"));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        String pageUrl = null;
        for (var e : JsonParser.parseString(list).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            if ("page".equals(o.get("type").getAsString())) pageUrl = o.get("webSocketDebuggerUrl").getAsString();
        }
        if (pageUrl == null) throw new IllegalStateException("no page target in " + list);
        DevTools[] self = new DevTools[1];
        StringBuilder partial = new StringBuilder();
        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(pageUrl), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            self[0].receive(partial.toString());
                            partial.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        self[0] = new DevTools(p, ws);
        return self[0];
    }

    private void receive(String text) {
        JsonObject msg = JsonParser.parseString(text).getAsJsonObject();
        if (msg.has("id")) {
            CompletableFuture<JsonObject> f = pending.remove(msg.get("id").getAsInt());
            if (f != null) f.complete(msg);
        }
    }

    /** Sends a command and waits for its result object. */
    JsonObject call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(new Gson().toJson(Map.of("id", id, "method", method, "params", params)), true).join();
        JsonObject reply = f.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) throw new IllegalStateException(method + ": " + reply.get("error"));
        return reply.getAsJsonObject("result");
    }

    /** Evaluates a JavaScript expression in the page; its value as a string ("undefined" when none). */
    String eval(String expression) throws Exception {
        JsonObject r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
                .getAsJsonObject("result");
        return r.has("value") ? r.get("value").getAsString() : "undefined";
    }

    /** Evaluates {@code condition} until it is "true" or {@code seconds} pass; returns whether it became true. */
    boolean waitFor(String condition, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if ("true".equals(eval("String(!!(" + condition + "))"))) return true;
            Thread.sleep(250);
        }
        return false;
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** A full-page PNG screenshot. */
    byte[] screenshot() throws Exception {
        JsonObject r = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        return java.util.Base64.getDecoder().decode(r.get("data").getAsString());
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the browser goes anyway
        }
        browser.destroy();
        try {
            if (!browser.waitFor(5, TimeUnit.SECONDS)) browser.destroyForcibly();
        } catch (InterruptedException e) {
            browser.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
