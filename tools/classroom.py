"""Classroom tools behind ./cnnlab student and ./cnnlab grade.

student SRC_DIR OUT_DIR
    Writes student copies of the notebooks: every line between '// BEGIN SOLUTION' and '// END SOLUTION'
    is replaced by '// YOUR CODE HERE', outputs are cleared. Cells tagged 'solution' lose their source.

grade DIR [--timeout SECONDS_PER_NOTEBOOK] [--reference NOTEBOOK_DIR] [--keys KEY_DIR] [--memory SIZE] [--jobs N]
      [--unsafe]
    Re-executes every submitted notebook under DIR with the cnnlab kernel (a time limit per notebook; a
    notebook that crashes or times out scores 0 and the batch goes on) and writes DIR/grades.csv and
    DIR/grades.html. A student is the first folder under DIR (DIR/alice/01-convolution.ipynb) or, for files
    directly in DIR, the part of the name before '__' (alice__01-convolution.ipynb).

    Scores never come from what a notebook prints. After the student's last cell the grader runs a cell of
    its own: it re-registers the lessons (the library's, and KEY_DIR/LESSON.jsh for a teacher's own) and calls
    dev.cnnlab.classroom.Check.report(KEY) with a fresh random KEY, which checks every answer the session gave
    to check() again and signs the results (HMAC-SHA256). Only a report whose signature verifies counts.
    Only the notebooks and exercises of the reference copy are graded; anything else is listed as ignored.
    Symlinks and paths that leave DIR are refused. Ctrl-C leaves the previous grades untouched.

    Hidden tests (nbgrader's idea): KEY_DIR/LESSON.tests.jsh holds sections that start '//// test ID POINTS'; each
    body returns true when the test holds, over the student's variables. They run after the student's cells, in
    cells the student never sees, and are part of the signed report. Also written: DIR/grades-nbgrader.csv (the
    columns of nbgrader's export, one row per student and lesson) and DIR/feedback/STUDENT.html (each exercise's
    result and what check() said, with its hint). --jobs N grades N notebooks at once (default: the cores).

    Each notebook's kernel runs in a bubblewrap sandbox (tools/sandbox.py): no other submission, no reference
    notebooks or keys, no network, a private home and /tmp, a memory limit (--memory, default 4g) and a CPU-time
    limit (twice the --timeout), and every process it started is killed at the end. Without bubblewrap or user
    namespaces the grader refuses to run, unless --unsafe says to run student code with the grader's rights.
"""
import argparse
import datetime
import hashlib
import hmac
import multiprocessing
import os
import re
import secrets
import signal
import sys
import tempfile
from pathlib import Path

import nbformat

import sandbox
from grade_tables import Row, atomic_write, write_feedback, write_nbgrader_csv, write_tables

BEGIN, END = "// BEGIN SOLUTION", "// END SOLUTION"
GRADE_LINE = re.compile(r"^\[grade\] (?P<lesson>[\w.-]+)/(?P<id>[\w.-]+): (?P<result>PASS|FAIL)$")
FEEDBACK_LINE = re.compile(r"^\[feedback\] (?P<lesson>[\w.-]+)/(?P<id>[\w.-]+): (?P<text>.*)$")
TEST_HEADER = re.compile(r"^//// test (?P<id>[\w.-]+) (?P<points>\d+(\.\d+)?)\s*$")
MAC_LINE = re.compile(r"^\[grade-mac\] (?P<mac>[0-9a-f]{64})$")
CHECK_CALL = re.compile(r"""\bcheck\(\s*"(?P<id>[\w.-]+)\"""")


def strip_solutions(source: str) -> str:
    out, inside, indent = [], False, ""
    for line in source.split("\n"):
        stripped = line.strip()
        if stripped == BEGIN:
            inside, indent = True, line[: len(line) - len(line.lstrip())]
            out.append(indent + "// YOUR CODE HERE")
        elif stripped == END:
            if not inside:
                raise ValueError("'// END SOLUTION' without '// BEGIN SOLUTION'")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError("'// BEGIN SOLUTION' is never closed")
    return "\n".join(out)


def cmd_student(src: Path, out: Path):
    notebooks = sorted(src.glob("*.ipynb"))
    if not notebooks:
        sys.exit(f"student: no notebooks in {src}")
    for nb_path in notebooks:
        nb = nbformat.read(nb_path, as_version=4)
        for i, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                if "solution" in cell.get("metadata", {}).get("tags", []):
                    cell.source = "// YOUR CODE HERE"
                else:
                    cell.source = strip_solutions(cell.source)
            except ValueError as e:
                sys.exit(f"student: {nb_path.name}, cell {i + 1}: {e}")
            cell.outputs, cell.execution_count = [], None
        atomic_write(out / nb_path.name, nbformat.writes(nb))
        print(f"student copy: {out / nb_path.name}")


def exercises_of(reference: Path):
    """Exercise ids the reference notebook checks, in order."""
    if not reference.is_file():
        return []
    nb = nbformat.read(reference, as_version=4)
    ids = []
    for cell in nb.cells:
        if cell.cell_type == "code":
            for m in CHECK_CALL.finditer(cell.source):
                if m.group("id") not in ids:
                    ids.append(m.group("id"))
    return ids


def student_of(path: Path, root: Path):
    rel = path.relative_to(root)
    if len(rel.parts) > 1:
        return rel.parts[0], path.stem
    name, sep, lesson = path.stem.partition("__")
    return (name, lesson) if sep else (path.stem, path.stem)


class NotebookTimeout(Exception):
    pass


def _alarm(signum, frame):
    raise NotebookTimeout("notebook time limit reached")


def hidden_tests(keys: Path, lesson: str):
    """[(id, points, body)] from KEY_DIR/LESSON.tests.jsh: sections that start '//// test ID POINTS' and whose body
    returns true when the test holds, over the student's variables."""
    path = keys / f"{lesson}.tests.jsh" if keys else None
    if path is None or not path.is_file():
        return []
    tests, current = [], None
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        m = TEST_HEADER.match(line)
        if m:
            if any(t[0] == m.group("id") for t in tests):
                sys.exit(f"grade: {path}, line {n}: test {m.group('id')} is defined twice")
            current = [m.group("id"), float(m.group("points")), []]
            tests.append(current)
        elif line.startswith("////"):
            sys.exit(f"grade: {path}, line {n}: expected '//// test ID POINTS', got {line!r}")
        elif current is not None:
            current[2].append(line)
        elif line.strip():
            sys.exit(f"grade: {path}, line {n}: code before the first '//// test ID POINTS'")
    return [(i, p, "\n".join(body).strip()) for i, p, body in tests]


def hidden_cells(tests, lesson: str, run: str):
    """One cell per hidden test, so that one that does not compile fails alone."""
    return [f'dev.cnnlab.classroom.Check.hidden("{run}", "{lesson}", "{i}", () -> {{\n{body}\n}});'
            for i, _, body in tests]


def report_cell(lesson: str, keys: Path, key: str, run: str = "") -> str:
    """The grader's last cell: the teacher's key for a lesson of their own, then the signed report."""
    source = ""
    if keys is not None and (keys / f"{lesson}.jsh").is_file():
        source = (keys / f"{lesson}.jsh").read_text(encoding="utf-8") + "\n"
    return source + f'dev.cnnlab.classroom.Check.report("{key}", "{run}");'


def signed_results(nb, key: str):
    """({(lesson, id): PASS/FAIL}, {(lesson, id): feedback}) from the last cell's output if its MAC verifies,
    else None."""
    text = "".join(o.get("text", "") for o in nb.cells[-1].get("outputs", []) if o.get("output_type") == "stream")
    lines = text.splitlines()
    macs = [i for i, l in enumerate(lines) if MAC_LINE.match(l)]
    if not macs:
        return None
    body = [l for l in lines[:macs[-1]] if l.startswith("[grade] ") or l.startswith("[feedback] ")]
    signed = "".join(l + "\n" for l in body)
    want = hmac.new(key.encode(), signed.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, MAC_LINE.match(lines[macs[-1]]).group("mac")):
        return None
    results, feedback = {}, {}
    for l in body:
        m = GRADE_LINE.match(l)
        if m:
            results[(m.group("lesson"), m.group("id"))] = m.group("result")
        m = FEEDBACK_LINE.match(l)
        if m:
            feedback[(m.group("lesson"), m.group("id"))] = m.group("text")
    return results, feedback


def run_one(path: Path, timeout: int, lesson: str, keys: Path, sandbox=None, tests=()):
    """Executes a copy within `timeout` seconds in all, then the hidden tests and the grader's report cell; returns
    ({id: PASS/FAIL}, {id: feedback}, error or None). Never raises: a crash or a timeout is reported as the error."""
    from nbclient import NotebookClient

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as e:  # unreadable submission: scores 0
        return {}, {}, f"unreadable notebook: {e}"
    key, run = secrets.token_hex(32), secrets.token_hex(16)
    for source in hidden_cells(tests, lesson, run):
        nb.cells.append(nbformat.v4.new_code_cell(source))
    nb.cells.append(nbformat.v4.new_code_cell(report_cell(lesson, keys, key, run)))
    error = None
    km = sandbox.kernel_manager() if sandbox else None  # nbclient shuts down only the kernels it made itself
    kernel = {"km": km} if km else {"kernel_name": "cnnlab"}
    client = NotebookClient(nb, timeout=timeout, allow_errors=True, shutdown_kernel="immediate", **kernel)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)  # the whole notebook; nbclient's own limit is per cell
    try:
        client.execute()  # on any exception nbclient shuts its kernel down
    except Exception as e:  # timeout, dead kernel: 0 for what did not run
        error = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        if km is not None and km.has_kernel:
            km.shutdown_kernel(now=True)
    signed = signed_results(nb, key)
    if signed is None:
        return {}, {}, error or "no signed report from the grader's last cell"
    results, feedback = signed
    return ({i: r for (l, i), r in results.items() if l == lesson},
            {i: f for (l, i), f in feedback.items() if l == lesson}, error)


def submissions_of(root: Path, lessons):
    """(graded, ignored) notebooks under root: symlinks, paths leaving root and lessons without a reference are
    ignored, each with the reason."""
    graded, ignored = [], []
    real_root = root.resolve()
    for p in sorted(root.rglob("*.ipynb")):
        if ".ipynb_checkpoints" in p.parts:
            continue
        rel = p.relative_to(root)
        if any((root / Path(*rel.parts[:k])).is_symlink() for k in range(1, len(rel.parts) + 1)):
            ignored.append((rel, "a symbolic link: refused"))
        elif not p.resolve().is_relative_to(real_root):
            ignored.append((rel, "outside the folder: refused"))
        elif student_of(p, root)[1] not in lessons:
            ignored.append((rel, "no such lesson in the reference notebooks"))
        else:
            graded.append(p)
    return graded, ignored


class Interrupted(Exception):
    pass


INTERRUPTED = []


def record_interrupts():
    """Ctrl-C while a notebook runs reaches nbclient's own SIGINT handler, which shuts the kernel down and lets the
    notebook end as if it had crashed. Wrap the handlers asyncio installs so that the grader learns of it too."""
    import asyncio.unix_events as unix

    original = unix._UnixSelectorEventLoop.add_signal_handler

    def add_signal_handler(self, sig, callback, *args):
        if sig == signal.SIGINT:
            def recorded(*a):
                INTERRUPTED.append(sig)
                callback(*a)
            return original(self, sig, recorded, *args)
        return original(self, sig, callback, *args)

    unix._UnixSelectorEventLoop.add_signal_handler = add_signal_handler


def _grade(job):
    """One notebook, in its own sandbox: (path, results, feedback, error)."""
    path, student, lesson, timeout, keys, tests, memory, hidden, unsafe_why = job
    print(f"grading {student} / {lesson} ...", flush=True)
    if unsafe_why:
        return (path,) + run_one(path, timeout, lesson, keys, tests=tests)
    cnnlab_root = Path(__file__).resolve().parent.parent
    with sandbox.Sandbox(cnnlab_root, hidden, memory, 2 * timeout) as box:
        return (path,) + run_one(path, timeout, lesson, keys, box, tests)


def _worker_init():
    """A parallel job leaves Ctrl-C to the grader, which then ends every job (and, with it, its sandbox)."""
    import asyncio.unix_events as unix
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    original = unix._UnixSelectorEventLoop.add_signal_handler
    unix._UnixSelectorEventLoop.add_signal_handler = (
        lambda self, sig, cb, *args: None if sig == signal.SIGINT else original(self, sig, cb, *args))


def cmd_grade(root: Path, timeout: int, reference_dir: Path, keys: Path, memory: int, unsafe: bool, jobs: int = 1):
    if timeout <= 0:
        sys.exit(f"grade: --timeout must be a positive number of seconds, got {timeout}")
    if jobs <= 0:
        sys.exit(f"grade: --jobs must be a positive number, got {jobs}")
    if not root.is_dir():
        sys.exit(f"grade: no such directory: {root}")
    why = sandbox.unavailable()
    if why and not unsafe:
        sys.exit(f"grade: cannot sandbox the students' code ({why}). Fix that, or pass --unsafe to run it with "
                 "your own rights: it could then read other submissions and the solutions, and change files.")
    if why:
        print(f"grade: --unsafe: student code runs with your rights ({why})", flush=True)
    hidden = [root, reference_dir] + ([keys] if keys else [])
    lessons = {p.stem: exercises_of(p) for p in sorted(reference_dir.glob("*.ipynb"))}
    lessons = {l: ids for l, ids in lessons.items() if ids}
    tests = {l: hidden_tests(keys, l) for l in lessons}
    submissions, ignored = submissions_of(root, lessons)
    for rel, reason in ignored:
        print(f"ignored {rel}: {reason}", flush=True)
    if not submissions:
        sys.exit(f"grade: no notebooks to grade under {root}")
    work = [(p, *student_of(p, root), timeout, keys, tests[student_of(p, root)[1]], memory, hidden, why)
            for p in submissions]

    def on_interrupt(signum, frame):
        INTERRUPTED.append(signum)
        raise KeyboardInterrupt

    record_interrupts()
    old = signal.getsignal(signal.SIGINT)
    done = {}
    pool = None
    try:
        if jobs == 1 or len(work) == 1:
            for job in work:
                signal.signal(signal.SIGINT, on_interrupt)  # asyncio puts back the default after each notebook
                path, *result = _grade(job)
                if INTERRUPTED:
                    raise Interrupted()
                done[path] = result
        else:
            signal.signal(signal.SIGINT, on_interrupt)
            pool = multiprocessing.get_context("fork").Pool(min(jobs, len(work)), initializer=_worker_init)
            for path, *result in pool.imap_unordered(_grade, work):
                done[path] = result
            pool.close()
    except BaseException as e:
        # Ctrl-C while a kernel starts surfaces as asyncio's CancelledError, not KeyboardInterrupt
        if not (INTERRUPTED or isinstance(e, (KeyboardInterrupt, Interrupted))):
            raise
        if pool is not None:
            pool.terminate()  # each job's sandbox dies with it (sandbox.py: parent-death signal)
        sys.exit(f"grade: interrupted; {root / 'grades.csv'} and grades.html are left as they were")
    finally:
        signal.signal(signal.SIGINT, old)

    rows, stamps = [], {}
    for path in submissions:
        student, lesson = student_of(path, root)
        results, feedback, error = done[path]
        stamps[(student, lesson)] = datetime.datetime.fromtimestamp(
            path.lstat().st_mtime, datetime.timezone.utc).isoformat(timespec="seconds")
        items = [(ex, 1.0, False) for ex in lessons[lesson]] + [(i, pts, True) for i, pts, _ in tests[lesson]]
        for ex, pts, is_hidden in items:
            # a notebook that crashed or ran out of time scores 0, whatever it did before
            ok = results.get(ex) == "PASS" and not error
            note = error or ("" if ex in results else ("not run" if is_hidden else "not checked"))
            rows.append(Row(student, lesson, ex, pts if ok else 0.0, pts, note, feedback.get(ex, ""), is_hidden))
    write_tables(root, rows, ignored)
    write_nbgrader_csv(root, rows, stamps)
    write_feedback(root, rows)
    print(f"wrote {root / 'grades.csv'}, grades.html, grades-nbgrader.csv and feedback/ (one page per student)")


def size(text: str) -> int:
    """'4g', '1500m', '512k' or bytes."""
    m = re.fullmatch(r"(\d+)([kmg]?)b?", text.strip().lower())
    if not m or int(m.group(1)) == 0:
        raise argparse.ArgumentTypeError(f"not a memory size: {text!r} (e.g. 4g or 1500m)")
    return int(m.group(1)) << {"": 0, "k": 10, "m": 20, "g": 30}[m.group(2)]


def main():
    p = argparse.ArgumentParser(prog="cnnlab")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("student")
    s.add_argument("src", type=Path)
    s.add_argument("out", type=Path)
    g = sub.add_parser("grade")
    g.add_argument("dir", type=Path)
    g.add_argument("--timeout", type=int, default=600, help="seconds per notebook (default 600)")
    g.add_argument("--reference", type=Path, default=Path(__file__).resolve().parent.parent / "notebooks")
    g.add_argument("--keys", type=Path, default=None,
                   help="folder of LESSON.jsh files that register a teacher's own lessons when grading")
    g.add_argument("--memory", type=size, default=size("4g"), help="memory per notebook, e.g. 4g (default) or 1500m")
    g.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="notebooks graded at once, each in its own sandbox with the limits (default: the cores)")
    g.add_argument("--unsafe", action="store_true",
                   help="run without a sandbox when none can be made (student code gets your rights)")
    a = p.parse_args()
    if a.cmd == "student":
        cmd_student(a.src, a.out)
    else:
        cmd_grade(a.dir, a.timeout, a.reference, a.keys, a.memory, a.unsafe, a.jobs)


if __name__ == "__main__":
    main()
