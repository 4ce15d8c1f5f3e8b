#!/usr/bin/env bash
# Packs what must travel to a GPU machine that has no network and no Java into ONE archive,
# gpu/pack/cnnlab-gpu.tar.xz (git-ignored), at most 64 MiB:
#   jre/            jlinked Temurin 25 runtime (java.desktop for XChart/ImageIO, jdk.jshell + jdk.jdi +
#                   jdk.jdwp.agent for the kernel's JShell agent), stripped
#   include/        the JDK's JNI headers, to build the DJL bridge there
#   jars/           cnnlab lib, kernel and bench jars + runtime deps (Tablesaw included, for the notebook check),
#                   WITHOUT the CPU-only MXNet natives and the other jars listed in EXCLUDE below, and with
#                   fastutil cut to the classes the other jars use (gpu/shrink_jar.py)
#   jars-pytorch/   ai.djl.pytorch:pytorch-engine (kept apart: only a PyTorch run puts it on the class path)
#   djl/            DJL v0.36.0 pytorch-native C++ sources + djl/utils.h + the generated JNI header
#   data/           Fashion-MNIST, raw IDX (xz compresses raw bytes better than the .gz files)
#   MANIFEST.txt    versions, commit, sizes
# Usage: DJL_SRC=/path/to/djl gpu/pack.sh      (DJL_SRC: a DJL checkout or bare git repo with tag v0.36.0)
# Then:  on the GPU machine, with gpu/pack/cnnlab-gpu.tar.xz carried along:  gpu/run.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACK="$ROOT/gpu/pack"
STAGE="$PACK/stage"
ARCHIVE="$PACK/cnnlab-gpu.tar.xz"
LIMIT=$((64 * 1024 * 1024))
JDK="${JLINK_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
MODULES="java.base,java.logging,java.management,java.desktop,jdk.unsupported,jdk.jshell,jdk.compiler,jdk.jdi,jdk.jdwp.agent"
DATA="${FASHION_MNIST:-/usr/share/datasets/fashion-mnist}"
DJL_TAG=v0.36.0
# Left out to stay under 64 MiB; nothing gpu/run.sh runs loads them (GpuTrainingRun, CompressedInferenceRun, HeadlessRun on the
# training and pruning notebooks, tried with this class path on MXNet):
#   mxnet-native-mkl (47 MB, CPU-only natives), pytorch-native-cpu (112 MB, CPU libtorch 2.7.1) and pytorch-jni
#   (its bridges are for 2.7.1: run.sh builds one for the machine's torch); icu4j (14 MB: Tablesaw's charset guessing when reading files);
#   what only Jupyter and %maven use: jeromq + jnacl (ZeroMQ), the Maven resolver (all but its api, which the
#   %maven magic's fields name), Maven model, plexus, Apache HTTP client, commons-logging (3.6 MB); XChart's PDF
#   export: pdfbox, fontbox, graphics2d (3.7 MB); asm (Maven's model builder). fastutil, commons-math3 and JNA are
#   shrunk (step 1).
# Before Tablesaw came back (2026-11-25) the archive measured 58.2 MiB; with Tablesaw, guava and co. but neither
# fastutil nor icu4j, and the Jupyter/Maven/PDF jars kept, 64.9 MiB.
EXCLUDE='^(mxnet-native-mkl|pytorch-native-cpu|pytorch-jni|fastutil|commons-math3|asm|icu4j|jeromq|jnacl|maven-(model|model-builder|builder-support|artifact|repository-metadata|resolver-provider)|maven-resolver-(impl|supplier|spi|util|connector-basic|transport-file|transport-http|named-locks)|plexus-(utils|interpolation)|httpclient|httpcore|commons-logging|jcl-over-slf4j|pdfbox|pdfbox-io|fontbox|graphics2d)-'

say() { echo "pack: $*" >&2; }
die() { echo "pack: $*" >&2; exit 1; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f MiB", b / 1048576 }'; }

[[ -x $JDK/bin/jlink ]] || die "no jlink in $JDK: install Temurin 25 or set JLINK_JDK to a JDK 17+ home"
command -v mvn >/dev/null || die "Maven not found (apt-get install maven)"
command -v xz >/dev/null || die "xz not found (apt-get install xz-utils)"
command -v python3 >/dev/null || die "python3 not found (gpu/shrink_jar.py needs it)"
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  [[ -f $DATA/$f.gz ]] || die "$DATA/$f.gz missing: apt-get install dataset-fashion-mnist, or set FASHION_MNIST"
done
DJL_VERSION=$(sed -n 's:.*<djl.version>\(.*\)</djl.version>.*:\1:p' "$ROOT/pom.xml")
[[ $DJL_VERSION == "${DJL_TAG#v}" ]] || die "pom.xml has DJL $DJL_VERSION but the bridge recipe is for $DJL_TAG"

rm -rf "$STAGE" && mkdir -p "$STAGE"/{jars,jars-pytorch,include/linux,data/fashion-mnist}

# 1. the project's jars (tests skipped: they run in CI, not here)
say "building lib, kernel, bench (mvn package, tests skipped)"
(cd "$ROOT" && mvn -B -q -DskipTests package -pl lib,kernel,bench -am) || die "build failed: see the Maven output above"
cp "$ROOT/kernel/target/cnnlab-kernel.jar" "$ROOT/bench/target/cnnlab-bench.jar" "$STAGE/jars/"
for j in "$ROOT"/kernel/target/lib/*.jar "$ROOT"/bench/target/lib/*.jar; do
  name=$(basename "$j")
  [[ $name =~ $EXCLUDE ]] && continue
  artifact=${name%%-[0-9]*}                   # one version per artifact: the kernel's comes first
  compgen -G "$STAGE/jars/$artifact-[0-9]*.jar" >/dev/null || cp "$j" "$STAGE/jars/"
done
# shrunk rather than copied whole: fastutil (23 MB; Tablesaw uses about a seventh) and commons-math3 (2 MB) to the
# classes the other jars reach; JNA (2 MB) to the native stub of this platform (it carries 28)
for big in fastutil commons-math3; do
  j=$(ls "$ROOT"/kernel/target/lib/$big-[0-9]*.jar 2>/dev/null | head -1)
  [[ -n $j ]] || continue
  python3 "$ROOT/gpu/shrink_jar.py" "$JDK/bin/jdeps" "$j" "$STAGE/jars/$(basename "${j%.jar}")-min.jar" \
    "$STAGE"/jars/*.jar || die "shrinking $(basename "$j") failed"
done
for j in "$STAGE"/jars/jna-[0-9]*.jar; do
  python3 "$ROOT/gpu/shrink_jar.py" --drop '^com/sun/jna/(?!linux-x86-64/)[^/]+/[^/]*jnidispatch' "$j" "$j.min" \
    && mv -f "$j.min" "$j" || die "shrinking $(basename "$j") failed"
done
say "pytorch-engine $DJL_VERSION from Maven (kept out of the default class path)"
(cd "$ROOT" && mvn -B -q -N dependency:copy -Dartifact="ai.djl.pytorch:pytorch-engine:$DJL_VERSION" \
  -DoutputDirectory="$STAGE/jars-pytorch") || die "could not fetch ai.djl.pytorch:pytorch-engine:$DJL_VERSION"

# 2. the runtime: rebuilt only when the JDK or the module list changed (jlink takes ~30 s here)
JRE_CACHE="$PACK/jre"
JRE_KEY="$JDK $(cat "$JDK/release" | md5sum | cut -c1-8) $MODULES"
if [[ ! -x $JRE_CACHE/bin/java || $(cat "$PACK/jre.key" 2>/dev/null) != "$JRE_KEY" ]]; then
  say "jlink $MODULES"
  rm -rf "$JRE_CACHE"
  "$JDK/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=zip-0 --output "$JRE_CACHE"   # uncompressed: the tar.xz below compresses far better
  rm -f "$JRE_CACHE/lib/ct.sym"              # javac --release data (11 MB); JShell compiles against the runtime
  echo "$JRE_KEY" > "$PACK/jre.key"
fi
cp -a "$JRE_CACHE" "$STAGE/jre"
cp "$JDK/include/jni.h" "$STAGE/include/"
cp "$JDK/include/linux/jni_md.h" "$STAGE/include/linux/"

# 3. DJL's bridge sources, never committed: from a checkout or bare repo given by DJL_SRC
if [[ -n ${DJL_SRC:-} ]]; then
  [[ -d $DJL_SRC ]] || die "DJL_SRC=$DJL_SRC is not a directory"
  mkdir -p "$STAGE/djl"
  paths=(engines/pytorch/pytorch-native/src/main/native api/src/main/native/djl
         engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java)
  if git -C "$DJL_SRC" rev-parse -q --verify "refs/tags/$DJL_TAG" >/dev/null 2>&1; then
    say "DJL sources from $DJL_SRC at tag $DJL_TAG"
    git -C "$DJL_SRC" archive "$DJL_TAG" "${paths[@]}" | tar -x -C "$STAGE/djl"
  else
    say "DJL sources copied from the files in $DJL_SRC (no tag $DJL_TAG there: version not checked)"
    for p in "${paths[@]}"; do
      [[ -e $DJL_SRC/$p ]] || die "DJL_SRC lacks $p: point it at a DJL checkout ($DJL_TAG)"
      mkdir -p "$STAGE/djl/$(dirname "$p")" && cp -r "$DJL_SRC/$p" "$STAGE/djl/$(dirname "$p")/"
    done
  fi
  # the JNI header DJL's build generates with javac -h
  mkdir -p "$STAGE/djl/include" "$PACK/javac-h"
  "$JDK/bin/javac" -nowarn -h "$STAGE/djl/include" -d "$PACK/javac-h" \
    -cp "$STAGE/jars/api-$DJL_VERSION.jar:$STAGE/jars-pytorch/pytorch-engine-$DJL_VERSION.jar" \
    "$STAGE/djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java" \
    || die "javac -h on PyTorchLibrary.java failed"
  [[ -f $STAGE/djl/include/ai_djl_pytorch_jni_PyTorchLibrary.h ]] || die "JNI header was not generated"
else
  say "DJL_SRC not set: the archive will lack the bridge sources (engines/pytorch/pytorch-native of DJL $DJL_TAG);"
  say "  gpu/run.sh can then run only --cpu. Set DJL_SRC to a DJL checkout and pack again."
fi

# 4. data, raw
for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
  gunzip -c "$DATA/$f.gz" > "$STAGE/data/fashion-mnist/$f"
done

# 5. manifest and archive
{
  echo "cnnlab GPU pack, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit:  $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet || echo ' (with uncommitted changes)')"
  echo "runtime: $("$STAGE/jre/bin/java" -version 2>&1 | head -1); modules $MODULES"
  echo "djl:     $DJL_VERSION; bridge sources: $([[ -d $STAGE/djl ]] && echo "$DJL_TAG" || echo 'MISSING (DJL_SRC not set)')"
  echo "left out: $EXCLUDE"
  echo "sizes (uncompressed):"
  du -s --block-size=1 "$STAGE"/* | while read -r b p; do echo "  $(basename "$p"): $(mib "$b")"; done
} > "$STAGE/MANIFEST.txt"
say "compressing (xz -6, a few minutes on 2 cores)"
tmp=$(mktemp "$PACK/.cnnlab-gpu.XXXXXX")
tar -C "$STAGE" -cf - . | xz -6 -T0 > "$tmp"
mv -f "$tmp" "$ARCHIVE"
size=$(stat -c %s "$ARCHIVE")
cat "$STAGE/MANIFEST.txt" >&2
say "archive $ARCHIVE: $(mib "$size") of $(mib "$LIMIT") allowed"
((size <= LIMIT)) || die "archive is $(mib "$size"): over the 64 MiB a device run can carry; leave more out (EXCLUDE)"
say "carry it with the run:  carry=[\"gpu/pack/cnnlab-gpu.tar.xz\"]  command: gpu/run.sh"
