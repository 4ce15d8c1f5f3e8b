"""Classroom tools behind ./cnnlab student and ./cnnlab grade.

student SRC_DIR OUT_DIR
    Writes student copies of the notebooks: every line between '// BEGIN SOLUTION' and '// END SOLUTION'
    is replaced by '// YOUR CODE HERE', outputs are cleared. Cells tagged 'solution' lose their source.

grade DIR [--timeout SECONDS_PER_NOTEBOOK] [--reference NOTEBOOK_DIR]
    Re-executes every submitted notebook under DIR with the cnnlab kernel (a time limit per notebook; a
    notebook that crashes or times out scores 0 and the batch goes on), reads the '[check] LESSON/ID: PASS'
    lines that dev.cnnlab.classroom.Check prints, and writes DIR/grades.csv and DIR/grades.html.
    A student is the first folder under DIR (DIR/alice/01-convolution.ipynb) or, for files directly in
    DIR, the part of the name before '__' (alice__01-convolution.ipynb).
"""
import argparse
import csv
import html
import os
import re
import signal
import sys
import tempfile
from pathlib import Path

import nbformat

BEGIN, END = "// BEGIN SOLUTION", "// END SOLUTION"
CHECK_LINE = re.compile(r"\[check\] (?P<lesson>[\w.-]+)/(?P<id>[\w.-]+): (?P<result>PASS|FAIL)")
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


def outputs_text(nb):
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            if o.get("output_type") == "stream":
                yield o.get("text", "")
            elif "data" in o:
                yield o["data"].get("text/plain", "")


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


def run_one(path: Path, timeout: int):
    """Executes a copy within `timeout` seconds in all; returns (results {id: PASS/FAIL}, error or None).
    Never raises: a crash or a timeout is reported as the error."""
    from nbclient import NotebookClient

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as e:  # unreadable submission: scores 0
        return {}, f"unreadable notebook: {e}"
    error = None
    client = NotebookClient(nb, kernel_name="cnnlab", timeout=timeout, allow_errors=True,
                            shutdown_kernel="immediate")
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(timeout)  # the whole notebook; nbclient's own limit is per cell
    try:
        client.execute()  # on any exception nbclient shuts its kernel down
    except Exception as e:  # timeout, dead kernel: 0 for what did not run
        error = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    results = {}
    for text in outputs_text(nb):
        for m in CHECK_LINE.finditer(text):
            results[m.group("id")] = m.group("result")
    return results, error


def cmd_grade(root: Path, timeout: int, reference_dir: Path):
    if not root.is_dir():
        sys.exit(f"grade: no such directory: {root}")
    submissions = sorted(p for p in root.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not submissions:
        sys.exit(f"grade: no notebooks under {root}")
    rows = []  # (student, lesson, exercise, result, note)
    for path in submissions:
        student, lesson = student_of(path, root)
        expected = exercises_of(reference_dir / f"{lesson}.ipynb")
        print(f"grading {student} / {lesson} ...", flush=True)
        results, error = run_one(path, timeout)
        ids = expected or list(results) or ["(notebook)"]
        for ex in ids:
            # a notebook that crashed or ran out of time scores 0, whatever it printed before
            result = "PASS" if results.get(ex) == "PASS" and not error else "FAIL"
            note = error or ("" if ex in results else "not checked")
            rows.append((student, lesson, ex, result, note))
    write_tables(root, rows)


def write_tables(root: Path, rows):
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
        w.writerow(header)
        w.writerows(body)
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
            f"<tr>{th}</tr>{''.join(trs)}</table>")
    atomic_write(root / "grades.html", page)
    print(f"wrote {root / 'grades.csv'} and {root / 'grades.html'}")


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
    a = p.parse_args()
    if a.cmd == "student":
        cmd_student(a.src, a.out)
    else:
        cmd_grade(a.dir, a.timeout, a.reference)


if __name__ == "__main__":
    main()
