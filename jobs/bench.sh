#!/usr/bin/env bash
# Benchmarks this machine: seconds per training epoch of the MLP and the CNN on one native thread, on the fast
# engine and on Deeplearning4j's own layers (the stock CNN timed on 3,000 examples and scaled), with the ratio to a
# peer's figure measured in the same sitting (--peer-mlp-seconds, --peer-cnn-seconds: ../shared/bench/) and to the
# epoch's arithmetic floor (its products' operations at the single-thread peak of a 2048-square float matrix product,
# measured first); and the throughput of a fixed grid (16 MLP trials x 5 epochs, or --grid-arch cnn) in local mode
# with 1 and with all cores, alternating for --grid-rounds rounds (median speed-up reported, over the trial phase and
# once the JVMs are warm), with each grid JVM's peak resident memory and JIT compile time, beside the throughput of
# the grid's trial as independent one-thread `train` processes (one alone, then one per core at once, each round).
# Prints a table and writes target/bench/bench-<time>.json and .csv so that runs can be compared (each started JVM's
# output in target/bench/<name>.log). With --step-activations it times single training steps instead (fast engine,
# one thread, minibatch 128): of the MLP and the CNN for each activation listed, warmed up, then in turns, each median
# with its ratio to the first activation's (target/bench/steps-<time>.json).
#
# Usage: jobs/bench.sh [--peers] [--warmup-epochs N] [--epochs N] [--cnn-examples N] [--stock-cnn-examples N]
#                      [--peer-mlp-seconds S] [--peer-cnn-seconds S] [--grid-arch mlp|cnn] [--grid-examples N]
#                      [--grid-seeds N] [--grid-epochs N] [--grid-rounds N] [--cores N]
#        jobs/bench.sh --step-activations leakyrelu,prelu [--warmup-steps N] [--steps N]
#   --peers   first runs the PyTorch peers of ../shared/bench/ on one thread (installing Debian's python3-torch and
#             OpenBLAS if missing: without OpenBLAS, Debian's torch multiplies with the reference BLAS, 17x slower)
#             and passes their median epoch times on, so that the ratios come from one sitting
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo"
build_if_needed
"$repo/jobs/fetch-data.sh" mnist >&2
export OMP_NUM_THREADS=1

# The median of the "train_seconds S" a peer script prints, its first (warm-up) epoch left out.
peer_seconds() {
  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 "$@" --data "$repo/data/mnist" --threads 1 \
    | awk '/train_seconds/ { for (i = 1; i < NF; i++) if ($i == "train_seconds") print $(i + 1) }' | tail -n +2 | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

args=()
for a in "$@"; do
  if [ "$a" = --peers ]; then
    peers="$repo/../shared/bench"
    [ -f "$peers/torch_cnn_epoch.py" ] || { echo "bench: --peers needs $peers (the PyTorch peer scripts)" >&2; exit 2; }
    if ! /usr/bin/python3 -c 'import torch' 2>/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/libopenblas.so.0 ]; then
      apt-get install -y -qq python3-torch libopenblas0-pthread >&2 \
        || { apt-get update -qq && apt-get install -y -qq python3-torch libopenblas0-pthread >&2; }
    fi
    echo "PyTorch peers, one thread ..." >&2
    args+=(--peer-mlp-seconds "$(peer_seconds "$peers/torch_mlp_epoch.py" --epochs 5)")
    args+=(--peer-cnn-seconds "$(peer_seconds "$peers/torch_cnn_epoch.py" --epochs 3)")
  else
    args+=("$a")
  fi
done
set -- "${args[@]+"${args[@]}"}"
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# shellcheck disable=SC2086
exec java $ADD_OPENS $JIT_OPTS $NATIVE_OPTS -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=0 \
  -Dlog4j2.configurationFile="$repo/conf/log4j2.properties" \
  -cp "$jar:$repo/target/spark-home/jars/*" org.activationbench.cli.Main bench "$@"
