"""Classroom tools behind ./cnnlab student and ./cnnlab grade.

student SRC_DIR OUT_DIR
    Writes student copies of the notebooks: every line between '// BEGIN SOLUTION' and '// END SOLUTION'
    is replaced by '// YOUR CODE HERE', outputs are cleared. Cells tagged 'solution' lose their source.

grade DIR [--timeout SECONDS_PER_NOTEBOOK] [--reference NOTEBOOK_DIR] [--keys KEY_DIR] [--memory SIZE] [--unsafe]
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

    Each notebook's kernel runs in a bubblewrap sandbox (tools/sandbox.py): no other submission, no reference
    notebooks or keys, no network, a private home and /tmp, a memory limit (--memory, default 4g) and a CPU-time
    limit (twice the --timeout), and every process it started is killed at the end. Without bubblewrap or user
    namespaces the grader refuses to run, unless --unsafe says to run student code with the grader's rights.
"""
import argparse
import csv
import hashlib
import hmac
import html
import os
import re
import secrets
import signal
import sys
import tempfile
from pathlib import Path

import nbformat

import sandbox

BEGIN, END = "// BEGIN SOLUTION", "// END SOLUTION"
GRADE_LINE = re.compile(r"^\[grade\] (?P<lesson>[\w.-]+)/(?P<id>[\w.-]+): (?P<result>PASS|FAIL)$")
MAC_LINE = re.compile(r"^\[grade-mac\] (?P<mac>[0-9a-f]{64})$")
CHECK_CALL = re.compile(r"""\bcheck\(\s*"(?P<id>[\w.-]+)\"""")


def atomic_write(path: Path, text: str):
    """Write to a temp file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


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


def report_cell(lesson: str, keys: Path, key: str) -> str:
    """The grader's last cell: the teacher's key for a lesson of their own, then the signed report."""
    source = ""
    if keys is not None and (keys / f"{lesson}.jsh").is_file():
        source = (keys / f"{lesson}.jsh").read_text(encoding="utf-8") + "\n"
    return source + f'dev.cnnlab.classroom.Check.report("{key}");'


def signed_results(nb, key: str):
    """{(lesson, id): PASS/FAIL} from the last cell's output if its MAC verifies, else None."""
    text = "".join(o.get("text", "") for o in nb.cells[-1].get("outputs", []) if o.get("output_type") == "stream")
    lines = text.splitlines()
    macs = [i for i, l in enumerate(lines) if MAC_LINE.match(l)]
    if not macs:
        return None
    body = [l for l in lines[:macs[-1]] if l.startswith("[grade] ")]
    signed = "".join(l + "\n" for l in body)
    want = hmac.new(key.encode(), signed.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(want, MAC_LINE.match(lines[macs[-1]]).group("mac")):
        return None
    results = {}
    for l in body:
        m = GRADE_LINE.match(l)
        if m:
            results[(m.group("lesson"), m.group("id"))] = m.group("result")
    return results


def run_one(path: Path, timeout: int, lesson: str, keys: Path, sandbox=None):
    """Executes a copy within `timeout` seconds in all, then the grader's report cell; returns
    ({exercise id: PASS/FAIL}, error or None). Never raises: a crash or a timeout is reported as the error."""
    from nbclient import NotebookClient

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as e:  # unreadable submission: scores 0
        return {}, f"unreadable notebook: {e}"
    key = secrets.token_hex(32)
    nb.cells.append(nbformat.v4.new_code_cell(report_cell(lesson, keys, key)))
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
        return {}, error or "no signed report from the grader's last cell"
    return {i: r for (l, i), r in signed.items() if l == lesson}, error


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


def cmd_grade(root: Path, timeout: int, reference_dir: Path, keys: Path, memory: int, unsafe: bool):
    if timeout <= 0:
        sys.exit(f"grade: --timeout must be a positive number of seconds, got {timeout}")
    if not root.is_dir():
        sys.exit(f"grade: no such directory: {root}")
    why = sandbox.unavailable()
    if why and not unsafe:
        sys.exit(f"grade: cannot sandbox the students' code ({why}). Fix that, or pass --unsafe to run it with "
                 "your own rights: it could then read other submissions and the solutions, and change files.")
    if why:
        print(f"grade: --unsafe: student code runs with your rights ({why})", flush=True)
    hidden = [root, reference_dir] + ([keys] if keys else [])
    cnnlab_root = Path(__file__).resolve().parent.parent
    lessons = {p.stem: exercises_of(p) for p in sorted(reference_dir.glob("*.ipynb"))}
    lessons = {l: ids for l, ids in lessons.items() if ids}
    submissions, ignored = submissions_of(root, lessons)
    for rel, reason in ignored:
        print(f"ignored {rel}: {reason}", flush=True)
    if not submissions:
        sys.exit(f"grade: no notebooks to grade under {root}")
    def on_interrupt(signum, frame):
        INTERRUPTED.append(signum)
        raise KeyboardInterrupt

    record_interrupts()
    old = signal.getsignal(signal.SIGINT)
    rows = []  # (student, lesson, exercise, result, note)
    try:
        for path in submissions:
            signal.signal(signal.SIGINT, on_interrupt)  # asyncio puts back the default after each notebook
            student, lesson = student_of(path, root)
            print(f"grading {student} / {lesson} ...", flush=True)
            if why:
                results, error = run_one(path, timeout, lesson, keys)
            else:
                with sandbox.Sandbox(cnnlab_root, hidden, memory, 2 * timeout) as box:
                    results, error = run_one(path, timeout, lesson, keys, box)
            if INTERRUPTED:
                raise Interrupted()
            for ex in lessons[lesson]:
                # a notebook that crashed or ran out of time scores 0, whatever it did before
                result = "PASS" if results.get(ex) == "PASS" and not error else "FAIL"
                note = error or ("" if ex in results else "not checked")
                rows.append((student, lesson, ex, result, note))
    except (KeyboardInterrupt, Interrupted):
        sys.exit(f"grade: interrupted; {root / 'grades.csv'} and grades.html are left as they were")
    finally:
        signal.signal(signal.SIGINT, old)
    write_tables(root, rows, ignored)


def cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ tab or CR would start a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_tables(root: Path, rows, ignored=()):
    columns = []
    for _, lesson, ex, _, _ in rows:
        if (lesson, ex) not in columns:
            columns.append((lesson, ex))
    students = sorted({r[0] for r in rows})
    table = {(s, l, e): (res, note) for s, l, e, res, note in rows}
    header = ["student"] + [f"{l}/{e}" for l, e in columns] + ["score", "total"]
    body = []
    for s in students:
        cells = [table.get((s, l, e), ("FAIL", "missing"))[0] for l, e in columns]
        body.append([s] + [("1" if c == "PASS" else "0") for c in cells] + [str(cells.count("PASS")), str(len(cells))])

    with tempfile.TemporaryFile("w+", newline="") as buf:
        w = csv.writer(buf)
        w.writerow([cell(h) for h in header])
        w.writerows([[cell(c) for c in row] for row in body])
        buf.seek(0)
        atomic_write(root / "grades.csv", buf.read())

    th = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    trs = []
    for row in body:
        tds = [f"<td>{html.escape(row[0])}</td>"]
        for (l, e), v in zip(columns, row[1:-2]):
            note = table.get((row[0], l, e), ("", "missing"))[1]
            colour = "#e8f5e9" if v == "1" else "#fdecea"
            tds.append(f'<td style="background:{colour}" title="{html.escape(note)}">{v}</td>')
        tds += [f"<td><b>{row[-2]}</b></td>", f"<td>{row[-1]}</td>"]
        trs.append("<tr>" + "".join(tds) + "</tr>")
    page = ("<!doctype html><meta charset='utf-8'><title>cnnlab grades</title>"
            "<table border='1' cellspacing='0' cellpadding='4' style='font-family:sans-serif'>"
            f"<tr>{th}</tr>{''.join(trs)}</table>"
            + ("<p>Ignored:</p><ul>" + "".join(f"<li>{html.escape(str(r))}: {html.escape(w)}</li>" for r, w in ignored)
               + "</ul>" if ignored else ""))
    atomic_write(root / "grades.html", page)
    print(f"wrote {root / 'grades.csv'} and {root / 'grades.html'}")


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
    g.add_argument("--unsafe", action="store_true",
                   help="run without a sandbox when none can be made (student code gets your rights)")
    a = p.parse_args()
    if a.cmd == "student":
        cmd_student(a.src, a.out)
    else:
        cmd_grade(a.dir, a.timeout, a.reference, a.keys, a.memory, a.unsafe)


if __name__ == "__main__":
    main()
