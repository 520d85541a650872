# Shared by the jobs/ scripts: the repository root, the JVM options every JVM of the project needs, and the build.

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar="$repo/target/activation-bench.jar"

# The options in a java @argfile (conf/jvm/), comments dropped, as one line.
jvm_args() {
  sed -e 's/#.*//' "$1" | xargs
}

# Spark 3.5 on Java 17 reaches into these JDK packages (conf/jvm/add-opens).
ADD_OPENS=$(jvm_args "$repo/conf/jvm/add-opens")

# The JIT's top tier only for really hot code, with less inlining (conf/jvm/jit says why).
JIT_OPTS=$(jvm_args "$repo/conf/jvm/jit")

# ND4J's natives are its oneDNN build (convolutions and pooling on oneDNN; conf/jvm/natives). oneDNN
# picks AVX2 or AVX-512 kernels by CPU, and they round differently: DNNL_MAX_CPU_ISA (e.g. AVX2), exported here and
# passed to the executors by submit.sh, pins them; the nd4j_backend column records the choice.
NATIVE_OPTS=$(jvm_args "$repo/conf/jvm/natives")

# OpenBLAS 0.3.19 (inside nd4j-native) picks its kernels by CPU model and does not know CPUs newer than itself: on
# an AMD Zen 5 it falls back to its Barcelona (SSE) kernels, and an MLP epoch takes 1.9 s instead of 1.0 s with its
# SkylakeX (AVX-512) kernels. They are asked for where the CPU has every AVX-512 subset they use; an
# OPENBLAS_CORETYPE already set wins. The daemons of jobs/cluster.sh, and the executors they start, inherit it.
# Different kernels round differently, and over a few epochs that grows into tenths of a point of accuracy for the
# same seed: machines whose results are compared need the same choice.
if [ -z "${OPENBLAS_CORETYPE:-}" ] && [ -r /proc/cpuinfo ]; then
  cpu_flags=$(grep -m1 '^flags' /proc/cpuinfo)
  if [[ " $cpu_flags " == *" avx512f "* && " $cpu_flags " == *" avx512cd "* && " $cpu_flags " == *" avx512bw "* \
        && " $cpu_flags " == *" avx512dq "* && " $cpu_flags " == *" avx512vl "* ]]; then
    export OPENBLAS_CORETYPE=SKYLAKEX
  fi
  unset cpu_flags
fi

# Builds the jar (and target/spark-home/jars with Spark) unless it is newer than every source file.
build_if_needed() {
  if [ ! -f "$jar" ] || [ ! -d "$repo/target/spark-home/jars" ] \
     || [ -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -print -quit)" ]; then
    echo "building $jar ..." >&2
    (cd "$repo" && mvn -q -B package -DskipTests)
  fi
}

# The datasets a grid run needs: mnist unless the grid file or an override names fashion-mnist. Only arguments that
# are files are read: an option such as --help is never handed to grep as one of its own.
datasets_for() {
  local arg
  for arg in "$@"; do
    if [[ "$arg" == *fashion-mnist* ]] || { [ -f "$arg" ] && grep -qs -- 'fashion-mnist' "$arg"; }; then
      echo fashion-mnist
      return
    fi
  done
  echo mnist
}

# True when the arguments ask only for help or the version, which need neither data nor a cluster.
asks_for_help() {
  printf '%s\n' "$@" | grep -qxE -- '-h|--help|-V|--version'
}

# Spark settings from a properties file (key value per line, # comments) as -D options for a plain JVM.
spark_properties() {
  local file=$1
  [ -f "$file" ] || return 0
  while read -r key value; do
    case "$key" in ''|'#'*) continue ;; esac
    printf -- '-D%s=%s\n' "$key" "$value"
  done < "$file"
}
