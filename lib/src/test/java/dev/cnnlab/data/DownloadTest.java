package dev.cnnlab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a local HTTP server on 127.0.0.1 and from file: URLs; no network needed. */
class DownloadTest {
    @TempDir
    Path dir;

    /** Files the local server serves, by path. */
    static final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private HttpServer server;

    static HttpServer serve(Map<String, byte[]> files) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", ex -> {
            byte[] body = files.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        s.start();
        return s;
    }

    static String base(HttpServer s) {
        return "http://127.0.0.1:" + s.getAddress().getPort() + "/";
    }

    @BeforeEach
    void start() throws Exception {
        served.clear();
        server = serve(served);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static final byte[] BODY = "pretend IDX data".getBytes(StandardCharsets.UTF_8);

    @Test
    void httpDownloadWithMatchingChecksumLandsInTarget() throws Exception {
        served.put("/data.gz", BODY);
        Path target = dir.resolve("data.gz");
        assertEquals(target, Download.fetch(URI.create(base(server) + "data.gz"), target, Sha256.of(BODY)));
        assertArrayEquals(BODY, Files.readAllBytes(target));
        assertEquals(1, listing().length, "no temp file left behind");
    }

    @Test
    void checksumMismatchDeletesTempAndNamesBothHashes() throws Exception {
        served.put("/train-images-idx3-ubyte.gz", BODY);
        Path target = dir.resolve("train-images-idx3-ubyte.gz");
        String expected = "00".repeat(32);
        DatasetException e = assertThrows(DatasetException.class,
                () -> Download.fetch(URI.create(base(server) + "train-images-idx3-ubyte.gz"), target, expected));
        assertTrue(e.getMessage().startsWith("train-images-idx3-ubyte.gz: checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("expected SHA-256 " + expected), e.getMessage());
        assertTrue(e.getMessage().contains("got " + Sha256.of(BODY)), e.getMessage());
        assertEquals(0, listing().length, "temp file deleted, nothing renamed");
    }

    @Test
    void mismatchNeverTouchesAnExistingFile() throws Exception {
        served.put("/f", BODY);
        Path target = Files.writeString(dir.resolve("f"), "the user's own file");
        assertThrows(DatasetException.class, () -> Download.fetch(URI.create(base(server) + "f"), target, "ab".repeat(32)));
        assertEquals("the user's own file", Files.readString(target));
        assertEquals(1, listing().length);
    }

    @Test
    void httpErrorIsReported() throws Exception {
        Path target = dir.resolve("missing.gz");
        DatasetException e = assertThrows(DatasetException.class,
                () -> Download.fetch(URI.create(base(server) + "missing.gz"), target, Sha256.of(BODY)));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(0, listing().length);
    }

    @Test
    void unknownChecksumIsRefusedBeforeAnyTransfer() throws Exception {
        Path target = dir.resolve("x");
        for (String bad : new String[] {null, "", "not-a-hash"}) {
            DatasetException e = assertThrows(DatasetException.class,
                    () -> Download.fetch(URI.create(base(server) + "x"), target, bad));
            assertTrue(e.getMessage().contains("refusing to download"), e.getMessage());
        }
    }

    @Test
    void fileUrlWorksToo() throws Exception {
        Path src = Files.write(dir.resolve("source.bin"), BODY);
        Path target = dir.resolve("sub/copy.bin");
        Download.fetch(src.toUri(), target, Sha256.of(BODY).toUpperCase());
        assertArrayEquals(BODY, Files.readAllBytes(target));
    }

    @Test
    void unreachableServerIsReported() throws Exception {
        int port;
        HttpServer s = serve(Map.of());
        port = s.getAddress().getPort();
        s.stop(0);
        DatasetException e = assertThrows(DatasetException.class, () -> Download.fetch(
                URI.create("http://127.0.0.1:" + port + "/a"), dir.resolve("a"), Sha256.of(BODY)));
        assertTrue(e.getMessage().startsWith("a: cannot download"), e.getMessage());
        assertEquals(0, listing().length);
    }

    private Path[] listing() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toArray(Path[]::new);
        }
    }
}
