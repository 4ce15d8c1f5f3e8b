"""An IJava notebook (tests/src/test/resources/ijava-compat.ipynb) run unchanged through the cnnlab kernel.

Each code cell is checked by its cell id. The Maven artifacts are made here (javac, then jar + POM in a file://
repository); the kernel gets a private local repository (-Dmaven.repo.local, so nothing is written to ~/.m2) that
already holds cnnlab.fixture:local, which no remote repository has: it can only come from the local repository.
The kernel runs in another folder than the notebook's and learns the notebook's from JPY_SESSION_NAME, as under
jupyter_server, so the relative paths of %load, %jars, %classpath and %loadFromPOM prove the notebook's folder is used.
"""
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import harness

NOTEBOOK = os.path.join(harness.ROOT, "tests", "src", "test", "resources", "ijava-compat.ipynb")

# artifact -> (class name, Java body, dependencies); all in package fixture, group cnnlab.fixture, version 1.0
ARTIFACTS = {
    "answer": ("Answer", "public static int answer() { return 42; }", []),
    "twice": ("Twice", "public static int twice(int x) { return 2 * x; }", []),
    "greeter": ("Greeter", 'public static String greet(String n) { return "Hello, " + n + " (" + Answer.answer() + ")"; }',
                ["answer"]),
    "shout": ("Shout", 'public static String shout(String s) { return s.toUpperCase() + "!"; }', []),
    "helper": ("Helper", "public static int value() { return 21; }", []),
    "plus": ("Plus", "public static int plus(int a, int b) { return a + b; }", []),
    "local": ("Local", "public static int value() { return 7; }", []),
}


def javac(src_dir, out_dir, classpath=None):
    files = [os.path.join(d, f) for d, _, fs in os.walk(src_dir) for f in fs if f.endswith(".java")]
    cmd = [shutil.which("javac") or "javac", "--release", "17", "-d", out_dir]
    if classpath:
        cmd += ["-cp", classpath]
    subprocess.run(cmd + files, check=True)


def jar(classes_dir, path):
    with zipfile.ZipFile(path, "w") as z:
        for d, _, fs in os.walk(classes_dir):
            for f in fs:
                full = os.path.join(d, f)
                z.write(full, os.path.relpath(full, classes_dir))


def write_class(src_dir, name, body):
    os.makedirs(os.path.join(src_dir, "fixture"), exist_ok=True)
    with open(os.path.join(src_dir, "fixture", name + ".java"), "w") as f:
        f.write("package fixture;\npublic class %s {\n    %s\n}\n" % (name, body))


def pom(artifact, deps):
    d = "".join("<dependency><groupId>cnnlab.fixture</groupId><artifactId>%s</artifactId><version>1.0</version>"
                "</dependency>" % x for x in deps)
    return ("<project><modelVersion>4.0.0</modelVersion><groupId>cnnlab.fixture</groupId><artifactId>%s</artifactId>"
            "<version>1.0</version><dependencies>%s</dependencies></project>" % (artifact, d))


def build_fixture(tmp):
    """The remote repository, the private local repository and the notebook's folder with its files."""
    remote, local, nbdir = (os.path.join(tmp, d) for d in ("remote", "m2", "notebook"))
    for artifact, (cls, body, deps) in ARTIFACTS.items():
        src, out = os.path.join(tmp, "src", artifact), os.path.join(tmp, "out", artifact)
        write_class(src, cls, body)
        javac(src, out, os.pathsep.join(os.path.join(tmp, "out", d) for d in deps))
        repo = local if artifact == "local" else remote
        d = os.path.join(repo, "cnnlab", "fixture", artifact, "1.0")
        os.makedirs(d)
        jar(out, os.path.join(d, "%s-1.0.jar" % artifact))
        with open(os.path.join(d, "%s-1.0.pom" % artifact), "w") as f:
            f.write(pom(artifact, deps))
    # %jars libs/*.jar and %classpath classes, beside the notebook
    write_class(os.path.join(tmp, "src", "square"), "Square", "public static int area(int s) { return s * s; }")
    javac(os.path.join(tmp, "src", "square"), os.path.join(tmp, "out", "square"))
    os.makedirs(os.path.join(nbdir, "libs"))
    jar(os.path.join(tmp, "out", "square"), os.path.join(nbdir, "libs", "square.jar"))
    write_class(os.path.join(tmp, "src", "circle"), "Circle", 'public String name() { return "circle"; }')
    javac(os.path.join(tmp, "src", "circle"), os.path.join(nbdir, "classes"))
    # %load lib/helpers: a magic inside the loaded file, and a %load relative to the loaded file's folder
    os.makedirs(os.path.join(nbdir, "lib"))
    with open(os.path.join(nbdir, "lib", "helpers.jsh"), "w") as f:
        f.write("%addMavenDependency cnnlab.fixture:plus:1.0\n%load more\n"
                "int helperValue = fixture.Plus.plus(40, 2);\n")
    with open(os.path.join(nbdir, "lib", "more.jsh"), "w") as f:
        f.write('String fromMore = "more";\n')
    # %loadFromPOM pom.xml: a whole POM with a property and its own repository
    with open(os.path.join(nbdir, "pom.xml"), "w") as f:
        f.write('<?xml version="1.0"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0'
                '</modelVersion><groupId>me</groupId><artifactId>nb</artifactId><version>1</version>'
                '<properties><helper.version>1.0</helper.version></properties>'
                '<repositories><repository><id>r</id><url>%s</url></repository></repositories><dependencies>'
                '<dependency><groupId>cnnlab.fixture</groupId><artifactId>helper</artifactId>'
                '<version>${helper.version}</version></dependency></dependencies></project>\n' % file_url(remote))
    return remote, local, nbdir


def file_url(path):
    return "file://" + os.path.abspath(path) + "/"


class IJavaNotebook(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="cnnlab-ijava-")
        remote, local, cls.nbdir = build_fixture(cls.tmp)
        with open(NOTEBOOK) as f:
            nb = json.load(f)
        cls.cells = {c["id"]: "".join(c["source"]).replace("@REPO@", file_url(remote))
                     for c in nb["cells"] if c["cell_type"] == "code"}
        cls.order = [c["id"] for c in nb["cells"] if c["cell_type"] == "code"]
        env = dict(os.environ)
        env["JPY_SESSION_NAME"] = os.path.join(cls.nbdir, "ijava-compat.ipynb")
        env["CNNLAB_KERNEL_JAVA_OPTS"] = (env.get("CNNLAB_KERNEL_JAVA_OPTS", "") + " -Dmaven.repo.local=" + local).strip()
        elsewhere = os.path.join(cls.tmp, "elsewhere")
        os.makedirs(elsewhere)
        cls.km, cls.kc = harness.start(env=env, cwd=elsewhere)
        cls.outputs = {}
        for cid in cls.order:  # in notebook order, as Run All does; each test then checks its cell
            cls.outputs[cid] = harness.run(cls.kc, cls.cells[cid], timeout=180)

    @classmethod
    def tearDownClass(cls):
        harness.stop(cls.km, cls.kc)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def ok(self, cid):
        reply, out = self.outputs[cid]
        self.assertEqual(reply["status"], "ok", "cell %s failed: %r\n%r" % (cid, reply, out))
        return out

    def result(self, cid):
        data = harness.result_of(self.ok(cid))
        self.assertIsNotNone(data, "cell %s showed no value" % cid)
        return data["text/plain"]

    def test_add_maven_repo_and_dependency_with_packaging(self):
        self.assertIn("added repository fixture file://", harness.stdout_of(self.ok("add-maven-repo")))
        self.assertEqual(self.result("add-maven-dependency"), "42")

    def test_add_maven_dependencies_several_and_transitive(self):
        self.assertEqual(self.result("add-maven-dependencies"), "10")
        out = harness.stdout_of(self.ok("add-maven-dependencies"))
        self.assertIn("added cnnlab.fixture:greeter:jar:1.0", out)
        self.assertNotIn("added cnnlab.fixture:answer", out, "answer was loaded by the cell before: kept")

    def test_maven_reads_the_local_repository_first(self):
        self.assertEqual(self.result("maven-local-repository"), "7")
        self.assertIn("resolved cnnlab.fixture:local:1.0 from the local repository",
                      harness.stdout_of(self.ok("maven-local-repository")))

    def test_load_from_pom_cell_and_line(self):
        self.assertIn("added cnnlab.fixture:shout:jar:1.0", harness.stdout_of(self.ok("load-from-pom-cell")))
        self.assertEqual(self.result("load-from-pom-cell-value"), '"HELLO, IJAVA (42)!"')
        self.assertEqual(self.result("load-from-pom-line"), "21")

    def test_jars_and_classpath_relative_to_the_notebook(self):
        self.assertEqual(self.result("jars"), "9")
        self.assertEqual(self.result("classpath"), '"circle"')
        self.assertEqual(self.result("jars-value"), '"true 1"')  # List<String> added = %jars ...: the added jars

    def test_load_runs_magics_and_loads_beside_the_loaded_file(self):
        self.assertEqual(self.result("load"), '"42 more"')
        self.assertIn("added cnnlab.fixture:plus:jar:1.0", harness.stdout_of(self.ok("load")))

    def test_display_render_and_update_display_with_mime_types(self):
        out = self.ok("display")
        shown = [c for t, c, _ in out if t == "display_data"]
        updated = [c for t, c, _ in out if t == "update_display_data"]
        self.assertEqual(len(shown), 3, out)
        self.assertEqual(shown[0]["data"]["text/html"], "<b>v1</b>")
        self.assertEqual(updated[0]["data"]["text/html"], "<i>v2</i>")
        self.assertEqual(updated[0]["transient"]["display_id"], shown[0]["transient"]["display_id"])
        self.assertEqual(sorted(shown[1]["data"]), ["text/html", "text/markdown", "text/plain"])
        self.assertEqual(shown[2]["data"], {"text/plain": "[1, 2]"})
        # display(...) returns the display id
        self.assertEqual(harness.result_of(out)["text/plain"], '"%s"' % shown[2]["transient"]["display_id"])
        data = harness.result_of(self.ok("render"))
        self.assertEqual(data["text/markdown"], "Hello from **IJava**")

    def test_printf_and_ijava_default_imports(self):
        self.assertEqual(harness.stdout_of(self.ok("printf")), "7-x\n")
        self.assertEqual(self.result("default-imports"), '"java.util.prefs.Preferences"')

    def test_an_unknown_magic_is_named_with_the_known_ones(self):
        reply, _ = self.outputs["unknown-magic"]
        self.assertEqual(reply["status"], "error")
        self.assertIn("unknown magic %nosuchmagic. Known line magics: %maven, %addMavenDependencies", reply["evalue"])
        self.assertIn("%%loadFromPOM", reply["evalue"])

    def test_ijavas_kernel_functions_fail_saying_what_to_write_instead(self):
        reply, _ = self.outputs["line-magic-function"]
        self.assertEqual(reply["status"], "error")
        self.assertIn("write %jars libs/*.jar on a line of its own", reply["evalue"])
        reply, _ = self.outputs["eval-function"]
        self.assertEqual(reply["status"], "error")
        self.assertIn("eval(...) is IJava's", reply["evalue"])

    def test_java_version(self):
        version = harness.result_of(harness.run(self.kc, 'System.getProperty("java.specification.version")')[1])
        print("agent java", version["text/plain"])


if __name__ == "__main__":
    unittest.main()
