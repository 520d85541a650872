#!/usr/bin/env bash
# Benchmarks this machine: seconds per training epoch of the MLP and the CNN on one native thread, on the fast
# engine and on Deeplearning4j's own layers (the stock CNN timed on 3,000 examples and scaled), with the ratio to a
# peer's figure measured in the same sitting (--peer-mlp-seconds, --peer-cnn-seconds: ../shared/bench/); and the
# throughput of a fixed grid (16 MLP trials x 5 epochs, or --grid-arch cnn) in local mode with 1 and with all cores,
# alternating for --grid-rounds pairs (median speed-up reported, over the trial phase and once the JVMs are warm),
# with each grid JVM's peak resident memory and JIT compile time. Prints a table and writes
# target/bench/bench-<time>.json and .csv so that runs can be compared.
#
# Usage: jobs/bench.sh [--warmup-epochs N] [--epochs N] [--cnn-examples N] [--stock-cnn-examples N]
#                      [--peer-mlp-seconds S] [--peer-cnn-seconds S] [--grid-arch mlp|cnn] [--grid-examples N]
#                      [--grid-seeds N] [--grid-epochs N] [--grid-rounds N] [--cores N]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo"
build_if_needed
"$repo/jobs/fetch-data.sh" mnist >&2
export OMP_NUM_THREADS=1
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
# shellcheck disable=SC2086
exec java $ADD_OPENS $JIT_OPTS $NATIVE_OPTS -Xmx6g -Dorg.bytedeco.javacpp.maxbytes=6G -Dorg.bytedeco.javacpp.maxphysicalbytes=0 \
  -Dlog4j2.configurationFile="$repo/conf/log4j2.properties" \
  -cp "$jar:$repo/target/spark-home/jars/*" org.activationbench.cli.Main bench "$@"
