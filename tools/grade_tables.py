"""The grader's output files: grades.csv and grades.html (one column per exercise and hidden test, with points),
grades-nbgrader.csv (nbgrader's export columns, for an LMS) and feedback/STUDENT.html. All written atomically."""
import csv
import html
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Row:
    student: str
    lesson: str
    exercise: str
    earned: float
    possible: float
    note: str = ""       # why it scored 0 when not the answer itself: a crash, a timeout, never checked
    feedback: str = ""   # what check() said (never the expected value)
    hidden: bool = False


def atomic_write(path: Path, text: str):
    """Write to a temp file in the same folder, then rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.replace(tmp, path)


def cell(value) -> str:
    """A CSV cell a spreadsheet shows as text: a leading = + - @ tab or CR would start a formula."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def points(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def safe_name(student: str) -> str:
    return re.sub(r"[^\w.-]", "_", student).lstrip(".") or "_"


def _csv(rows) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([[cell(c) for c in r] for r in rows])
    return buf.getvalue()


def write_tables(root: Path, rows, ignored=()):
    columns = []
    for r in rows:
        if (r.lesson, r.exercise) not in columns:
            columns.append((r.lesson, r.exercise))
    students = sorted({r.student for r in rows})
    table = {(r.student, r.lesson, r.exercise): r for r in rows}
    possible = {(r.lesson, r.exercise): r.possible for r in rows}
    header = ["student"] + [f"{l}/{e}" for l, e in columns] + ["score", "total"]
    body = []
    for s in students:
        got = [table[(s, l, e)].earned if (s, l, e) in table else 0 for l, e in columns]
        body.append([s] + [points(g) for g in got] + [points(sum(got)), points(sum(possible[c] for c in columns))])
    atomic_write(root / "grades.csv", _csv([header] + body))

    th = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    trs = []
    for row in body:
        tds = [f"<td>{html.escape(row[0])}</td>"]
        for (l, e), v in zip(columns, row[1:-2]):
            r = table.get((row[0], l, e))
            note = (r.note or r.feedback) if r else "missing"
            colour = "#e8f5e9" if r and r.earned == r.possible else "#fdecea"
            tds.append(f'<td style="background:{colour}" title="{html.escape(note)}">{v}</td>')
        tds += [f"<td><b>{row[-2]}</b></td>", f"<td>{row[-1]}</td>"]
        trs.append("<tr>" + "".join(tds) + "</tr>")
    page = ("<!doctype html><meta charset='utf-8'><title>cnnlab grades</title>"
            "<table border='1' cellspacing='0' cellpadding='4' style='font-family:sans-serif'>"
            f"<tr>{th}</tr>{''.join(trs)}</table>"
            + ("<p>Ignored:</p><ul>" + "".join(f"<li>{html.escape(str(r))}: {html.escape(w)}</li>" for r, w in ignored)
               + "</ul>" if ignored else ""))
    atomic_write(root / "grades.html", page)


NBGRADER = ["assignment", "duedate", "timestamp", "student_id", "last_name", "first_name", "email", "raw_score",
            "late_submission_penalty", "score", "max_score"]


def write_nbgrader_csv(root: Path, rows, timestamps):
    """One row per student and lesson (an nbgrader 'assignment'), in the columns of `nbgrader export`.
    `timestamps` maps (student, lesson) to the submission's time."""
    out = [NBGRADER]
    for s, l in sorted({(r.student, r.lesson) for r in rows}):
        mine = [r for r in rows if r.student == s and r.lesson == l]
        earned, possible = sum(r.earned for r in mine), sum(r.possible for r in mine)
        out.append([l, "", timestamps.get((s, l), ""), s, "", "", "", points(earned), "0.0", points(earned),
                    points(possible)])
    atomic_write(root / "grades-nbgrader.csv", _csv(out))


def write_feedback(root: Path, rows):
    """feedback/STUDENT.html: each exercise's result and what check() said, with its hint; a hidden test says only
    whether it passed."""
    for s in sorted({r.student for r in rows}):
        mine = [r for r in rows if r.student == s]
        trs = []
        for r in mine:
            ok = r.earned == r.possible
            said = "; ".join(x for x in (r.note, r.feedback) if x) or ("correct" if ok else "")
            trs.append(f"<tr style=\"background:{'#e8f5e9' if ok else '#fdecea'}\"><td>{html.escape(r.lesson)}</td>"
                       f"<td>{html.escape(r.exercise)}{' (hidden test)' if r.hidden else ''}</td>"
                       f"<td>{points(r.earned)} / {points(r.possible)}</td><td>{html.escape(said)}</td></tr>")
        total = f"{points(sum(r.earned for r in mine))} / {points(sum(r.possible for r in mine))}"
        page = (f"<!doctype html><meta charset='utf-8'><title>cnnlab feedback: {html.escape(s)}</title>"
                f"<h2>Feedback for {html.escape(s)}</h2><p>Total: <b>{total}</b></p>"
                "<table border='1' cellspacing='0' cellpadding='4' style='font-family:sans-serif'>"
                "<tr><th>lesson</th><th>exercise</th><th>points</th><th>feedback</th></tr>" + "".join(trs) + "</table>")
        atomic_write(root / "feedback" / f"{safe_name(s)}.html", page)
