package dev.cnnlab.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Python that runs the peers: {@code CNNLAB_PYTHON}, which {@code ./cnnlab bench} sets to the project venv with
 * pip's current PyTorch and ipykernel (else Debian's {@code /usr/bin/python3}); whether a module is there and which
 * version it is, asked without importing it (importing PyTorch alone takes seconds).
 */
final class PeerPython {
    /** The interpreter; {@code CNNLAB_PYTHON} overrides it. */
    static final String PYTHON = System.getenv().getOrDefault("CNNLAB_PYTHON", "/usr/bin/python3");

    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    private PeerPython() {}

    /** Null when {@code module} can be imported, else a sentence saying how to get it. */
    static String missing(String module) {
        if (!Files.isExecutable(Path.of(PYTHON))) return PYTHON + " not found";
        String v = version(module);
        if (!v.equals("not installed")) return null;
        return module + " is not installed for " + PYTHON + " (./cnnlab bench installs the peers with pip into "
                + "~/.cnnlab/venv; CNNLAB_PYTHON names another interpreter)";
    }

    /** The installed version of a distribution ("torch", "ipykernel"), "python" for the interpreter itself. */
    static String version(String module) {
        return VERSIONS.computeIfAbsent(module, m -> {
            String code = m.equals("python") ? "import platform; print(platform.python_version())"
                    : "import importlib.util, importlib.metadata as md, sys\n"
                    + "if importlib.util.find_spec(sys.argv[1]) is None: print('not installed')\n"
                    + "else:\n"
                    + "    try: print(md.version(sys.argv[1]))\n"
                    + "    except Exception: print('installed, version unknown')\n";
            try {
                Process p = new ProcessBuilder(PYTHON, "-c", code, m).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return "not installed";
                return out.isEmpty() ? "not installed" : out;
            } catch (IOException | InterruptedException e) {
                return "not installed";
            }
        });
    }
}
