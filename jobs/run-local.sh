#!/usr/bin/env bash
# Runs a grid in Spark local mode on this machine, with all its cores (one trial per core).
# Builds the jar and fetches the data first if needed.
#
# Usage: jobs/run-local.sh [GRID.conf] [--unset KEY ...] [--set KEY=VALUE ...] [--output DIR] [--resume | --overwrite]
#                          [--no-report]
#        jobs/run-local.sh report --output DIR      (re)write the comparisons and the report of any run
#        jobs/run-local.sh analyze --output DIR     (re)write only the comparisons table
#        jobs/run-local.sh publish --output DIR     publish a finished run of a canonical grid (conf/grids/) into
#                                                   notebooks-out/<experiment>/: its tables and its report
#        jobs/run-local.sh findings [--write]       the README's findings table, from the published reports
#        jobs/run-local.sh [GRID.conf] --plan [--cores N]   the trials, trial-epochs and estimated core-hours and
#                                                   wall time (jobs/bench.sh figures if any), without training
#   GRID.conf defaults to conf/grids/quick.conf; results go to results/<experiment>/, the report beside them, to
#   results/<experiment>/report/. Only publish writes under notebooks-out/.
# Environment: JAVA_OPTS (extra JVM options), SPARK_LOCAL_CORES (default: all).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo"

command=run
case "${1:-}" in
  report|analyze|publish|findings) command=$1; shift ;;
  ""|-*|*.conf) ;;
  # Neither an option nor a grid file: a mistyped command, which the jar answers with the nearest one.
  *) [ -e "$1" ] || { command=$1; shift; } ;;
esac

build_if_needed
# With --data the jar checks that folder itself and names what is missing there.
if [ "$command" = run ] && ! asks_for_help "$@" && ! printf '%s\n' "$@" | grep -qx -- --plan \
    && ! printf '%s\n' "$@" | grep -q -- '^--data'; then
  "$repo/jobs/fetch-data.sh" $(datasets_for "$@") >&2
fi

# One native thread per trial: two single-threaded trials beat one two-threaded trial.
export OMP_NUM_THREADS=1
# Local mode binds to loopback only.
export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
mapfile -t spark_opts < <(spark_properties "$repo/conf/spark-local.conf")
master="local[${SPARK_LOCAL_CORES:-*}]"

# shellcheck disable=SC2086
# Heap: the datasets and Spark. Off-heap: ND4J's arrays, freed when the GC finds them unreachable; reaching maxbytes
# forces a collection, so resident memory stays below about heap + maxbytes. maxphysicalbytes=0: JavaCPP would
# otherwise read /proc/self/statm under a global lock at every array allocation (6% of a training step).
exec java $ADD_OPENS $JIT_OPTS $NATIVE_OPTS ${JAVA_OPTS:-} -Xmx3g \
  -Dorg.bytedeco.javacpp.maxbytes=3G -Dorg.bytedeco.javacpp.maxphysicalbytes=0 \
  -Dlog4j2.configurationFile="$repo/conf/log4j2.properties" \
  "${spark_opts[@]}" -Dspark.master="$master" \
  -cp "$jar:$repo/target/spark-home/jars/*" org.activationbench.cli.Main "$command" "$@"
