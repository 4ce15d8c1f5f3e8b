#!/usr/bin/env bash
# Runs ON the GPU machine (no network, no Java), in one command: unpacks gpu/pack/cnnlab-gpu.tar.xz (made by
# gpu/pack.sh), builds DJL's PyTorch JNI bridge against the machine's libtorch, runs the GPU checks (seed CNN
# accuracy GPU vs CPU, compressed-model inference, reference notebooks through the kernel's evaluator) and the GPU
# bench against PyTorch on the same GPU, and writes JSON + Markdown to $OUT (default gpu/pack/out/, git-ignored).
#
# usage: gpu/run.sh [--cpu] [--quick]
#   --cpu    dry run without a GPU: the same steps on the CPU. With a torch (TORCH_PYTHON) the bridge is built
#            against it and the PyTorch engine runs on the CPU; without one, MXNet (its CPU natives from
#            kernel/target/lib) runs the Java checks. Figures from --cpu are NOT GPU figures.
#   --quick  a slice of the data and few epochs: checks the plumbing, figures not comparable.
# environment: TORCH_PYTHON (default /opt/torch/.venv/bin/python), CNNLAB_GPU_PACK (the archive),
#              CNNLAB_GPU_WORK (unpack folder, default /tmp/cnnlab-gpu), OUT,
#              CNNLAB_GPU_NOTEBOOKS (default "05-training-a-cnn 07-pruning", names in notebooks/ without .ipynb).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARCHIVE="${CNNLAB_GPU_PACK:-$ROOT/gpu/pack/cnnlab-gpu.tar.xz}"
WORK="${CNNLAB_GPU_WORK:-/tmp/cnnlab-gpu}"
OUT="${OUT:-$ROOT/gpu/pack/out}"
TORCH_PYTHON="${TORCH_PYTHON:-/opt/torch/.venv/bin/python}"
DJL_VERSION=0.36.0
MODE=gpu QUICK=0
for a in "$@"; do
  case "$a" in
    --cpu) MODE=cpu ;;
    --quick) QUICK=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "run: unknown option '$a' (see --help)" >&2; exit 2 ;;
  esac
done
START=$(date +%s)
say() { echo "run [$(($(date +%s) - START))s]: $*" >&2; }
die() { echo "run: $*" >&2; exit 1; }
mkdir -p "$OUT" && OUT=$(cd "$OUT" && pwd)   # absolute: the notebook check runs in notebooks/
NOTES="$OUT/notes.txt"; : > "$NOTES"
note() { echo "$*" >> "$NOTES"; say "$*"; }

# 1. unpack (kept between runs on a warm machine)
if [[ ! -f $ARCHIVE ]]; then
  [[ -f $WORK/MANIFEST.txt ]] || die "no $ARCHIVE: run gpu/pack.sh first and carry gpu/pack/cnnlab-gpu.tar.xz with the run"
  say "no archive; using what is already unpacked in $WORK"
elif [[ ! -f $WORK/MANIFEST.txt || $ARCHIVE -nt $WORK/MANIFEST.txt ]]; then
  say "unpacking $(basename "$ARCHIVE") into $WORK"
  rm -rf "$WORK" && mkdir -p "$WORK"
  if command -v xz >/dev/null; then xz -dc "$ARCHIVE" | tar -x -C "$WORK"
  else  # a bare machine may lack xz; its python has lzma
    "$TORCH_PYTHON" -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), sys.stdout.buffer)' \
      "$ARCHIVE" | tar -x -C "$WORK"
  fi
  touch "$WORK/MANIFEST.txt"  # tar keeps its packing time, older than the archive: a warm rerun would unpack again
fi
JAVA="$WORK/jre/bin/java"
"$JAVA" -version >/dev/null 2>&1 || die "the packed Java runtime does not start on this machine"
DATA="$WORK/data/fashion-mnist"

# 2. the engine: PyTorch on the machine's libtorch, else (dry run only) MXNet
ENGINE=MXNet TORCH_DIR="" TORCH_VERSION="" CUDA=""
if [[ -x $TORCH_PYTHON ]] && info=$("$TORCH_PYTHON" -c '
import os, torch
print(os.path.dirname(torch.__file__), torch.__version__.split("+")[0], torch.version.cuda or "none",
      int(torch._C._GLIBCXX_USE_CXX11_ABI), int(torch.cuda.is_available()))' 2>/dev/null); then
  read -r TORCH_DIR TORCH_VERSION CUDA ABI CUDA_OK <<< "$info"
  ENGINE=PyTorch
  [[ $CUDA == none ]] && CUDA=""
  [[ $MODE == cpu ]] && CUDA=""   # dry run: build and run the CPU path even with a CUDA torch
fi
if [[ $MODE == gpu ]]; then
  [[ $ENGINE == PyTorch ]] || die "no torch at TORCH_PYTHON=$TORCH_PYTHON: set it to a python with torch (or use --cpu)"
  [[ -n $CUDA && $CUDA_OK == 1 ]] || die "torch $TORCH_VERSION at $TORCH_DIR sees no CUDA GPU (use --cpu for a dry run)"
fi
FLAVOR=cpu; [[ -n $CUDA ]] && FLAVOR="cu${CUDA//./}"
CP="$WORK/jars/*"
JOPTS=(-Xmx16g -Dai.djl.offline=true)
"$JAVA" --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1 && JOPTS+=(--enable-native-access=ALL-UNNAMED)

if [[ $ENGINE == PyTorch ]]; then
  # 3. the bridge: DJL 0.36's prebuilt one targets torch 2.7.1; rebuild it against this torch
  SRC="$WORK/djl/engines/pytorch/pytorch-native/src/main/native"
  [[ -d $SRC ]] || die "the pack has no DJL bridge sources: pack again with DJL_SRC set (see gpu/README.md)"
  BUILD="$WORK/bridge-$TORCH_VERSION-$FLAVOR"
  export ENGINE_CACHE_DIR="$WORK/djl-cache"
  JNI="$ENGINE_CACHE_DIR/pytorch/$TORCH_VERSION-$FLAVOR-linux-x86_64/$DJL_VERSION-libdjl_torch.so"
  if [[ ! -f $JNI ]]; then
    say "building libdjl_torch.so against torch $TORCH_VERSION ($FLAVOR, C++11 ABI $ABI) on $(nproc) cores"
    rm -rf "$BUILD" && mkdir -p "$BUILD" && cp "$SRC"/*.cc "$SRC"/*.h "$BUILD/"
    # torch 2.11 dropped c10::optional and friends: std:: ones are the same types
    sed -i -e 's/torch::optional/std::optional/g; s/c10::optional/std::optional/g; s/c10::nullopt/std::nullopt/g' \
      "$BUILD"/*.cc "$BUILD"/*.h
    flags=(-std=c++17 -O2 -fPIC -w "-D_GLIBCXX_USE_CXX11_ABI=$ABI" -I"$TORCH_DIR/include"
           -I"$TORCH_DIR/include/torch/csrc/api/include" -I"$WORK/djl/include" -I"$WORK/djl/api/src/main/native"
           -I"$WORK/include" -I"$WORK/include/linux")
    libs=(-ltorch -ltorch_cpu -lc10)
    if [[ -n $CUDA ]]; then flags+=(-DUSE_CUDA); libs+=(-ltorch_cuda -lc10_cuda); fi
    (cd "$BUILD" && printf '%s\n' *.cc | xargs -P "$(nproc)" -I{} g++ "${flags[@]}" -c {} -o {}.o) \
      || die "compiling the bridge failed (see the compiler output above)"
    g++ -shared -o "$BUILD/libdjl_torch.so" "$BUILD"/*.o -L"$TORCH_DIR/lib" "${libs[@]}" \
      -Wl,-rpath,"$TORCH_DIR/lib" || die "linking the bridge failed"
    mkdir -p "$(dirname "$JNI")" && cp "$BUILD/libdjl_torch.so" "$JNI"
  fi
  say "bridge: $JNI ($(du -h "$JNI" | cut -f1))"
  export PYTORCH_LIBRARY_PATH="$TORCH_DIR/lib" PYTORCH_VERSION="$TORCH_VERSION" PYTORCH_FLAVOR="$FLAVOR"
  export CNNLAB_ENGINE=PyTorch
  CP="$CP:$WORK/jars-pytorch/*"
  if [[ -n $CUDA ]]; then
    # DJL's CUDA probe loads libcudart.so by that name; pip's CUDA ships it as nvidia/cu*/lib/libcudart.so.N
    cudart=$(find "$TORCH_DIR/.." -path '*nvidia*' -name 'libcudart.so*' 2>/dev/null | sort | head -1)
    [[ -n $cudart ]] || die "no libcudart.so* under $TORCH_DIR/../nvidia: DJL could not see the GPU"
    mkdir -p "$WORK/jna" && ln -sf "$cudart" "$WORK/jna/libcudart.so"
    JOPTS+=("-Djna.library.path=$WORK/jna")
  fi
else
  mx=$(ls "$ROOT"/kernel/target/lib/mxnet-native-mkl-*.jar 2>/dev/null | head -1)
  [[ -n $mx ]] || die "--cpu without torch needs MXNet's CPU natives: build first (./cnnlab doctor or mvn package)"
  CP="$CP:$mx"
  note "no torch at $TORCH_PYTHON: the Java checks run on MXNet (CPU); the bridge build was skipped"
fi

java_run() { "$JAVA" "${JOPTS[@]}" -cp "$CP" "$@"; }
EPOCHS=2 BENCH_EPOCHS=5 LIMIT=() PEER_LIMIT=()
if ((QUICK)); then
  EPOCHS=1 BENCH_EPOCHS=2 LIMIT=(--limit 4096 --test-limit 2000) PEER_LIMIT=(--limit 4096 --test-limit 2000)
fi

# 4. what the machine and the engine say
{
  echo "mode: $MODE$( ((QUICK)) && echo ' (quick)')"
  echo "command: gpu/run.sh $*"
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  if command -v nvidia-smi >/dev/null; then
    echo "gpu: $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | paste -sd';')"
  else
    echo "gpu: none (no nvidia-smi)"
  fi
  echo "torch: ${TORCH_VERSION:-none} ${CUDA:+CUDA $CUDA} at ${TORCH_DIR:-'-'}"
  echo "java: $("$JAVA" -version 2>&1 | head -1)"
  echo "pack: $(head -2 "$WORK/MANIFEST.txt" | tail -1)"
} > "$OUT/machine.txt"
say "doctor"
java_run dev.cnnlab.tools.Doctor > "$OUT/doctor.txt" 2>&1 || note "Doctor failed: see doctor.txt"
cat "$OUT/doctor.txt" >&2

# 5. checks: the seed CNN on the CPU and on the GPU, same data, seed and epochs; accuracy within 1 point
say "check: seed CNN, $EPOCHS epoch(s), batch 64, on the CPU (reference)"
CNNLAB_DEVICE=cpu java_run dev.cnnlab.tools.GpuTrainingRun --data "$DATA" --epochs "$EPOCHS" --batch 64 "${LIMIT[@]}" \
  --out "$OUT/check-cpu.json" || note "CPU check failed"
if [[ $MODE == gpu ]]; then
  say "check: the same on the GPU"
  java_run dev.cnnlab.tools.GpuTrainingRun --data "$DATA" --epochs "$EPOCHS" --batch 64 "${LIMIT[@]}" \
    --out "$OUT/check-gpu.json" || note "GPU check failed"
else
  note "dry run: no GPU side of the accuracy check"
fi
# compressed-model inference: the seed CNN trained briefly, pruned / int8 / both, every model on the test set
CLIMIT=(--limit 10000); ((QUICK)) && CLIMIT=("${LIMIT[@]}")
if grep -qa 'dev/cnnlab/tools/CompressedInferenceRun.class' "$WORK"/jars/cnnlab-lib-*.jar; then
  for side in cpu gpu; do
    [[ $side == gpu && $MODE != gpu ]] && continue
    say "check: compressed-model inference on the ${side^^} (1 epoch, ${CLIMIT[*]})"
    dev_env=(); [[ $side == cpu ]] && dev_env=(CNNLAB_DEVICE=cpu)
    env "${dev_env[@]}" "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.cnnlab.tools.CompressedInferenceRun --data "$DATA" --epochs 1 \
      "${CLIMIT[@]}" --out "$OUT/compressed-$side.json" \
      || note "compressed-model check on the ${side^^} failed: a compressed model lost > 2 points, or it crashed"
  done
else
  note "compressed-model inference check not run: dev.cnnlab.tools.CompressedInferenceRun is not in this build"
fi

# notebooks: the reference notebooks' cells through the kernel's own evaluator (HeadlessRun: its default imports,
# magics and agent JVM, no Jupyter), fast mode, data from the pack, on the engine and device chosen above.
# zip entry names are stored plainly, so grep finds classes without unzip (which a bare machine may lack)
NOTEBOOKS=${CNNLAB_GPU_NOTEBOOKS:-05-training-a-cnn 07-pruning}
if grep -qa 'dev/cnnlab/kernel/HeadlessRun.class' "$WORK/jars/cnnlab-kernel.jar"; then
  for nb in $NOTEBOOKS; do
    [[ -f $ROOT/notebooks/$nb.ipynb ]] || { note "notebook check: no notebooks/$nb.ipynb"; continue; }
    say "notebook check: notebooks/$nb.ipynb through HeadlessRun (CNNLAB_FAST=1); output in notebook-$nb.log"
    # cells run in an agent JVM that the kernel starts with CNNLAB_JAVA_OPTS; relative paths as in Jupyter
    if (cd "$ROOT/notebooks" && CNNLAB_FAST=1 CNNLAB_DATA="$WORK/data" CNNLAB_JAVA_OPTS="${JOPTS[*]}" \
        MXNET_ENGINE_TYPE=${MXNET_ENGINE_TYPE:-NaiveEngine} OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE} \
        GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-10000} \
        java_run dev.cnnlab.kernel.HeadlessRun "$nb.ipynb" --timeout 300 --out "$OUT/notebook-$nb.json") \
        > "$OUT/notebook-$nb.log" 2>&1; then
      note "notebook check: $nb passed: $(grep -a '^headless: all' "$OUT/notebook-$nb.log" | tail -1 | cut -c11-)"
    else
      note "notebook check: $nb FAILED: $(grep -a '^headless: ' "$OUT/notebook-$nb.log" | tail -1 | cut -c11-300)"
    fi
  done
else
  note "notebook check not run: the kernel in this build has no headless entry point (dev.cnnlab.kernel.HeadlessRun)"
fi

# 6. bench: cnnlab (Fit) against PyTorch eager, same net, optimizer, batch, data on the device for PyTorch
DEV=cuda; [[ $MODE == cpu ]] && DEV=cpu
for b in 64 256; do
  say "bench: cnnlab, batch $b, $BENCH_EPOCHS epochs"
  dev_env=(); [[ $MODE == cpu ]] && dev_env=(CNNLAB_DEVICE=cpu)
  env "${dev_env[@]}" "$JAVA" "${JOPTS[@]}" -cp "$CP" dev.cnnlab.tools.GpuTrainingRun --data "$DATA" \
    --epochs "$BENCH_EPOCHS" --batch "$b" "${LIMIT[@]}" --out "$OUT/bench-cnnlab-b$b.json" \
    || note "cnnlab bench batch $b failed"
  if [[ $ENGINE == PyTorch ]]; then
    say "bench: PyTorch eager, batch $b, $BENCH_EPOCHS epochs"
    "$TORCH_PYTHON" "$ROOT/bench/pytorch/seed_cnn_gpu.py" --device "$DEV" --batch "$b" --epochs "$BENCH_EPOCHS" \
      --data "$DATA" "${PEER_LIMIT[@]}" --out "$OUT/bench-pytorch-b$b.json" || note "PyTorch bench batch $b failed"
  fi
done
if [[ $MODE == gpu && $ENGINE == PyTorch ]]; then
  say "bench: the CPU with 2 threads, for the GPU speed-up (10,000 images, 2 epochs)"
  OMP_NUM_THREADS=2 CNNLAB_DEVICE=cpu java_run dev.cnnlab.tools.GpuTrainingRun --data "$DATA" --epochs 2 --batch 64 \
    --limit 10000 --test-limit 2000 --out "$OUT/bench-cnnlab-cpu2.json" || note "2-thread CPU bench failed"
  "$TORCH_PYTHON" "$ROOT/bench/pytorch/seed_cnn_gpu.py" --device cpu --threads 2 --batch 64 --epochs 2 \
    --limit 10000 --test-limit 2000 --data "$DATA" --out "$OUT/bench-pytorch-cpu2.json" || note "2-thread PyTorch bench failed"
fi

# 7. one JSON and one Markdown table
py="$TORCH_PYTHON"; [[ -x $py ]] || py=python3
"$py" "$ROOT/gpu/report.py" "$OUT" || die "report failed"
say "done: $OUT/gpu-results.md and gpu-results.json"
