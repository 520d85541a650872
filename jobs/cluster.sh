#!/usr/bin/env bash
# A Spark standalone cluster on this machine, from the Spark jars the build assembles (target/spark-home/jars):
# one master and N workers, every process bound to 127.0.0.1, with RPC authentication (a secret generated at start,
# mode 600, removed by stop) and no web UI. Pid files and logs live in target/cluster/; stop ends only the processes
# this script started, by pid.
#
# Usage: jobs/cluster.sh start [--workers N] [--cores C] [--memory M]   (defaults: 1 worker, all cores, 8g)
#        jobs/cluster.sh start-worker I                                  (restart worker I, e.g. after a crash)
#        jobs/cluster.sh stop
#        jobs/cluster.sh status
# Then: jobs/submit.sh --master spark://127.0.0.1:7077 conf/grids/quick.conf
# Environment: SPARK_MASTER_PORT (default 7077).
set -euo pipefail
source "$(dirname "$0")/lib.sh"

state="$repo/target/cluster"
spark_home="$repo/target/spark-home"
port=${SPARK_MASTER_PORT:-7077}
master_url="spark://127.0.0.1:$port"

export SPARK_HOME="$spark_home"
export SPARK_SCALA_VERSION=2.12
export SPARK_LOCAL_IP=127.0.0.1
export SPARK_LOCAL_HOSTNAME=127.0.0.1

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Spark's daemons take the shared secret from this environment variable (a -D option would show it in ps);
# workers hand it on to the executors they launch the same way.
auth_env() { _SPARK_AUTH_SECRET=$(cat "$state/secret"); export _SPARK_AUTH_SECRET; }

daemon_opts() {
  # shellcheck disable=SC2086
  echo $ADD_OPENS -Xmx512m -Dspark.authenticate=true \
    -Dspark.ui.enabled=false -Dspark.master.ui.port=0 -Dspark.worker.ui.port=0 \
    -Dlog4j2.configurationFile="$repo/conf/log4j2-cluster.properties"
}

start_worker() {
  local i=$1 cores=$2 memory=$3
  if alive "$state/worker-$i.pid"; then echo "worker $i: running (pid $(cat "$state/worker-$i.pid"))"; return; fi
  mkdir -p "$state/worker-$i"
  auth_env
  # shellcheck disable=SC2046
  nohup java $(daemon_opts) -cp "$spark_home/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores "$cores" --memory "$memory" --work-dir "$state/worker-$i" --webui-port 0 \
    "$master_url" > "$state/worker-$i.log" 2>&1 &
  echo $! > "$state/worker-$i.pid"
  echo "$cores $memory" > "$state/worker-$i.conf"
  for _ in $(seq 1 100); do
    grep -q "Successfully registered with master" "$state/worker-$i.log" 2>/dev/null && { echo "worker $i: registered ($cores cores, $memory)"; return; }
    alive "$state/worker-$i.pid" || { echo "worker $i failed to start; see $state/worker-$i.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "worker $i did not register within 20 s; see $state/worker-$i.log" >&2
  exit 1
}

start() {
  local workers=1 cores memory=8g
  cores=$(nproc)
  while [ $# -gt 0 ]; do
    case "$1" in
      --workers) workers=$2; shift 2 ;;
      --cores) cores=$2; shift 2 ;;
      --memory) memory=$2; shift 2 ;;
      *) echo "cluster: unknown option '$1' (expected --workers N, --cores C, --memory M)" >&2; exit 2 ;;
    esac
  done
  build_if_needed
  mkdir -p "$state"
  if ! alive "$state/master.pid"; then
    # A new file, so the mode is 600 even if an old secret (perhaps with a looser mode) was left behind.
    rm -f "$state/secret"
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$state/secret")
    chmod 600 "$state/secret"
    auth_env
    # shellcheck disable=SC2046
    nohup java $(daemon_opts) -cp "$spark_home/jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port 0 > "$state/master.log" 2>&1 &
    echo $! > "$state/master.pid"
    local up=0
    for _ in $(seq 1 100); do
      grep -q "I have been elected leader" "$state/master.log" 2>/dev/null && { up=1; break; }
      alive "$state/master.pid" || { echo "master failed to start; see $state/master.log" >&2; exit 1; }
      sleep 0.2
    done
    if [ $up = 0 ]; then
      echo "master did not become leader within 20 s; see $state/master.log (jobs/cluster.sh stop ends it)" >&2
      exit 1
    fi
    echo "master: $master_url (pid $(cat "$state/master.pid"))"
  else
    echo "master: running (pid $(cat "$state/master.pid"))"
  fi
  for i in $(seq 1 "$workers"); do start_worker "$i" "$cores" "$memory"; done
}

stop() {
  local any=0
  for pidfile in "$state"/worker-*.pid "$state"/master.pid; do
    [ -f "$pidfile" ] || continue
    local pid name
    pid=$(cat "$pidfile"); name=$(basename "$pidfile" .pid)
    if kill -0 "$pid" 2>/dev/null; then
      # A worker's executors are its children; end them with it.
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
      echo "$name: stopped (pid $pid)"; any=1
    fi
    rm -f "$pidfile"
  done
  # Nothing is left to authenticate against; the next start makes a new secret.
  rm -f "$state/secret"
  [ $any = 1 ] || echo "nothing running"
}

status() {
  local code=1
  for pidfile in "$state"/master.pid "$state"/worker-*.pid; do
    [ -f "$pidfile" ] || continue
    if alive "$pidfile"; then echo "$(basename "$pidfile" .pid): running (pid $(cat "$pidfile"))"; code=0
    else echo "$(basename "$pidfile" .pid): not running (stale pid file)"; fi
  done
  [ $code = 0 ] && echo "master URL: $master_url" || echo "no cluster running"
  return $code
}

case "${1:-}" in
  start) shift; start "$@" ;;
  start-worker)
    [ -n "${2:-}" ] && [ -f "$state/worker-$2.conf" ] || { echo "cluster: start-worker needs the number of a worker started before" >&2; exit 2; }
    read -r c m < "$state/worker-$2.conf"; start_worker "$2" "$c" "$m" ;;
  stop) stop ;;
  status) status ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
