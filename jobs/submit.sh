#!/usr/bin/env bash
# Submits a grid to a Spark cluster with spark-submit (client mode: the driver runs here and ships the dataset to
# the executors itself, so they need no shared copy of it).
#
# Usage: jobs/submit.sh --master URL [spark options] [GRID.conf] [run options]
#   URL: spark://host:7077, yarn, k8s://https://host:6443
#   spark options: --conf KEY=VALUE, --deploy-mode client, --executor-memory 4g, --executor-cores N,
#                  --total-executor-cores N, --num-executors N, --properties-file FILE (default conf/spark-cluster.conf)
#   run options:   as for jobs/run-local.sh (--set, --unset, --output, --resume, --overwrite, --data), and --state-dir URI:
#                  where trials keep their state, on a file system every executor reaches (required when --output
#                  is on this machine's disk, unless the master is on loopback as jobs/cluster.sh's; or --no-state)
#   --plan         print the trials, trial-epochs and estimated core-hours and wall time on the cores asked for
#                  (--total-executor-cores, or --num-executors x --executor-cores, or --cores N) and exit; nothing
#                  is submitted, so --master is not needed
#
# The confs most often changed (see conf/spark-cluster.conf for the defaults):
#   spark.executor.cores / spark.task.cpus   trials per executor = cores / task.cpus; native threads per trial = task.cpus
#   spark.executor.memory                    heap per executor (the datasets: ~0.3 GB per dataset)
#   spark.executor.memoryOverhead            off-heap room for ND4J arrays (org.bytedeco.javacpp.maxbytes)
#   spark.task.maxFailures                   retries of a lost task (results are deterministic, retries are safe)
#   spark.authenticate / spark.authenticate.secret, spark.ui.enabled    see "Security defaults" in docs/operations.md
# Environment: DNNL_MAX_CPU_ISA (e.g. AVX2, AVX512_CORE) pins oneDNN's kernels here and on every executor.
# --output must be a folder the driver can write (local disk in client mode, or HDFS/S3 URIs).
# Uses spark-submit from PATH (or SPARK_HOME); without one, Spark's launcher from target/spark-home/jars (then
# JAVA_OPTS adds options to the driver JVM).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$repo"

spark_args=()
app_args=()
master=""
plan=""
cores=""
executors=""
executor_cores=""
properties="$repo/conf/spark-cluster.conf"
while [ $# -gt 0 ]; do
  case "$1" in
    --master) master="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    --properties-file) properties="$2"; shift 2 ;;
    --plan) plan=1; app_args+=("$1"); shift ;;
    --total-executor-cores) cores="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    --num-executors) executors="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    --executor-cores) executor_cores="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    --conf|--deploy-mode|--executor-memory|--driver-memory|--queue)
      spark_args+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) app_args+=("$1"); shift ;;
  esac
done
if [ -n "$plan" ]; then
  # The plan trains nothing and starts no Spark: the jar alone answers, on this machine.
  build_if_needed
  if [ -z "$cores" ] && [ -n "$executors" ] && [ -n "$executor_cores" ]; then
    cores=$((executors * executor_cores))
  fi
  plan_cores=()
  if [ -n "$cores" ] && ! printf '%s\n' "${app_args[@]}" | grep -qx -- --cores; then
    plan_cores=(--cores "$cores")
  fi
  # shellcheck disable=SC2086
  exec java $ADD_OPENS -Dlog4j2.configurationFile="$repo/conf/log4j2.properties" \
    -cp "$jar:$repo/target/spark-home/jars/*" org.activationbench.cli.Main run "${app_args[@]}" "${plan_cores[@]+"${plan_cores[@]}"}"
fi
if [ -z "$master" ]; then
  echo "submit: --master URL is required (spark://host:7077, yarn, k8s://...); for this machine use jobs/run-local.sh" >&2
  exit 2
fi

# The loopback cluster of jobs/cluster.sh authenticates with the secret it generated: the driver reads it from a
# private copy of the properties file (not from the command line, where ps would show it).
if [[ "$master" == spark://127.0.0.1:* ]] && [ -f "$repo/target/cluster/secret" ]; then
  private=$(umask 077 && mktemp)
  trap 'rm -f "$private"' EXIT
  { cat "$properties"; echo; echo "spark.authenticate true"; echo "spark.authenticate.secret $(cat "$repo/target/cluster/secret")"; } > "$private"
  properties=$private
fi

# oneDNN's instruction set, pinned here, is pinned on every executor too (results compare only with the same one).
if [ -n "${DNNL_MAX_CPU_ISA:-}" ]; then
  spark_args+=(--conf "spark.executorEnv.DNNL_MAX_CPU_ISA=$DNNL_MAX_CPU_ISA")
fi

build_if_needed
"$repo/jobs/fetch-data.sh" $(datasets_for "${app_args[@]+"${app_args[@]}"}") >&2

submit=()
if command -v spark-submit >/dev/null 2>&1; then
  submit=(spark-submit)
elif [ -n "${SPARK_HOME:-}" ] && [ -x "$SPARK_HOME/bin/spark-submit" ]; then
  submit=("$SPARK_HOME/bin/spark-submit")
else
  # shellcheck disable=SC2086
  submit=(java $ADD_OPENS $JIT_OPTS $NATIVE_OPTS -Xmx4g ${JAVA_OPTS:-} -Dlog4j2.configurationFile="$repo/conf/log4j2.properties"
          -cp "$repo/target/spark-home/jars/*" org.apache.spark.deploy.SparkSubmit)
fi

export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-$( [[ "$master" == spark://127.0.0.1:* || "$master" == local* ]] && echo 127.0.0.1 )}
[ -n "$SPARK_LOCAL_IP" ] || unset SPARK_LOCAL_IP
"${submit[@]}" "${spark_args[@]}" --properties-file "$properties" \
  --class org.activationbench.cli.Main "$jar" run "${app_args[@]+"${app_args[@]}"}"
