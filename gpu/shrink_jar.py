#!/usr/bin/env python3
"""Writes a smaller copy of a jar, so the GPU pack (gpu/pack.sh, at most 64 MiB) can carry Tablesaw.

usage: shrink_jar.py JDEPS BIG.jar OUT.jar USER.jar...    keep only the classes the USER jars reach
       shrink_jar.py --drop REGEX BIG.jar OUT.jar          leave out the entries whose name matches REGEX

First form: a class of BIG.jar is kept when a class of a USER jar refers to it, or a kept class does, as
`jdeps -verbose:class` reports (constant pool, signatures, descriptors); resources and META-INF are kept. Loading by
name (reflection) is not followed: use it only for libraries that do not load their own classes that way (fastutil,
commons-math3). fastutil: Tablesaw reaches about 1,800 of its 12,800 classes (22.5 -> 3.2 MiB). Second form: e.g.
JNA's native stubs for other platforms. Stdlib only.
"""
import os
import re
import subprocess
import sys
import zipfile


def edges(jdeps, jar):
    """(from, to) class-name pairs jdeps reports for the classes of one jar."""
    run = subprocess.run([jdeps, "--multi-release", "17", "-verbose:class", "-filter:none", jar],
                         capture_output=True, text=True)
    for line in run.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[1] == "->":
            yield parts[0], parts[2]


def mentions(jar, package):
    """True when a class file in the jar names the package (jdeps is slow: only these jars are analysed)."""
    with zipfile.ZipFile(jar) as z:
        return any(package in z.read(n) for n in z.namelist() if n.endswith(".class"))


def copy(big, out, keep):
    """Writes the entries of big for which keep(name) holds to out (via a temporary file) and says how much."""
    tmp = out + ".tmp"
    with zipfile.ZipFile(big) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for n in src.namelist():
            if not n.endswith("/") and keep(n):
                dst.writestr(src.getinfo(n), src.read(n))
    os.replace(tmp, out)
    print(f"shrink_jar: {os.path.basename(big)}: {os.path.getsize(big) / 1048576:.1f} MiB -> "
          f"{os.path.getsize(out) / 1048576:.1f} MiB", file=sys.stderr)


def main():
    if sys.argv[1] == "--drop":
        drop = re.compile(sys.argv[2])
        copy(sys.argv[3], sys.argv[4], lambda n: not drop.search(n))
        return
    jdeps, big, out, users = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    with zipfile.ZipFile(big) as z:
        names = z.namelist()
    classes = {n[:-len(".class")].replace("/", "."): n for n in names
               if n.endswith(".class") and not n.endswith("module-info.class")}
    graph = {}
    for a, b in edges(jdeps, big):
        graph.setdefault(a, set()).add(b)
    package = os.path.commonpath(list(classes.values())).encode()  # e.g. it/unimi/dsi/fastutil
    todo = [b for u in users if mentions(u, package) for _, b in edges(jdeps, u) if b in classes]
    kept = set()
    while todo:
        c = todo.pop()
        if c in kept or c not in classes:
            continue
        kept.add(c)
        todo.extend(graph.get(c, ()))
    if not kept:
        sys.exit(f"shrink_jar: no class of {big} is used by {', '.join(users)}: is jdeps working?")
    print(f"shrink_jar: {os.path.basename(big)}: {len(kept)} of {len(classes)} classes reached", file=sys.stderr)
    copy(big, out, lambda n: not n.endswith(".class") or n[:-len(".class")].replace("/", ".") in kept)


if __name__ == "__main__":
    main()
