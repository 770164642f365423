#!/usr/bin/env bash
# Engine overhead and scaling (issue 2), measured side by side in one run.
#
#   bench/engine-overhead.sh            # build, run every variant x workload in fresh JVMs, print the table
#
# Each (variant, workload) runs in a JVM of its own (io.geomill.bench.EngineOverheadBenchmark): one untimed
# warm-up map, then RUNS timed maps, median reported; the SparkSession start is timed separately. Variants are
# interleaved in ROUNDS rounds (the order rotates each round) so machine noise hits all of them alike.
# spark-local1/2 are a bare Spark RDD map with one task per item: the floor of what Spark itself costs.
# Before each JVM the script waits (up to QUIET_MAX_WAIT s) until other processes use < QUIET_PCT % of the
# machine, and it records how much CPU other processes took during each measurement (others_cpu_s).
#
# Environment: ROUNDS (3), RUNS (5), VARIANTS, WORKLOADS, QUIET_PCT (10), QUIET_MAX_WAIT (60), SKIP_BUILD=1.
# Output: bench/results/engine-overhead-<UTC time>.txt (machine, raw RESULT lines) and .md (the table).
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
ROUNDS="${ROUNDS:-3}"
RUNS="${RUNS:-5}"
VARIANTS="${VARIANTS:-sequential threads2 geomill-local1 geomill-local2 geomill-local2-chunk1 spark-local1 spark-local2}"
WORKLOADS="${WORKLOADS:-tiny primes primes-heavy}"
QUIET_PCT="${QUIET_PCT:-10}"
QUIET_MAX_WAIT="${QUIET_MAX_WAIT:-60}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (mvn -q -B -DskipTests package -pl benchmarks -am)..." >&2
  mvn -q -B -DskipTests package -pl benchmarks -am >&2
fi

# Freeze the jars under test: other builds may rewrite core/target while this runs.
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
snap="benchmarks/target/engine-overhead-jars"
rm -rf "$snap" && mkdir -p "$snap"
cp "benchmarks/target/geomill-benchmarks-$version.jar" "core/target/geomill-core-$version.jar" "$snap/"
cp_deps="$(tr ':' '\n' < benchmarks/target/classpath.txt | grep -v "/core/target/" | paste -sd:)"
classpath="$snap/geomill-benchmarks-$version.jar:$snap/geomill-core-$version.jar:$cp_deps"

# Spark's Java 17 module flags: the parent pom's spark.jvm.flags, the one list the project keeps.
spark_flags="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)"
[[ -n "$spark_flags" ]] || { echo "spark.jvm.flags not found in pom.xml" >&2; exit 2; }
export SPARK_LOCAL_IP=127.0.0.1
java_cmd=(java $spark_flags -Xmx4g -Dlog4j2.configurationFile="$home/conf/log4j2.properties"
  -Dspark.ui.enabled=false -cp "$classpath" io.geomill.bench.EngineOverheadBenchmark)

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
raw="bench/results/engine-overhead-$stamp.txt"
table="bench/results/engine-overhead-$stamp.md"
mkdir -p bench/results

busy_jiffies() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }   # user nice system irq softirq steal
clk_tck="$(getconf CLK_TCK)"
ncpu="$(nproc)"

# Waits until the machine is quiet: other processes below QUIET_PCT % of all CPUs for 2 s in a row.
wait_quiet() {
  local waited=0 quiet=0 a b pct
  while (( quiet < 2 )); do
    a="$(busy_jiffies)"; sleep 1; b="$(busy_jiffies)"
    pct=$(( (b - a) * 100 / (clk_tck * ncpu) ))
    if (( pct < QUIET_PCT )); then quiet=$((quiet + 1)); else quiet=0; fi
    waited=$((waited + 1))
    if (( waited >= QUIET_MAX_WAIT )); then
      echo "  (machine still busy after ${waited} s: ${pct}% used by others; measuring anyway)" >&2
      return 0
    fi
  done
  (( waited <= 2 )) || echo "  (waited ${waited} s for other processes to finish)" >&2
}

{
  echo "# engine-overhead raw results, $stamp (UTC)"
  echo "# command: bench/engine-overhead.sh  ROUNDS=$ROUNDS RUNS=$RUNS VARIANTS='$VARIANTS' WORKLOADS='$WORKLOADS'"
  echo "# git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- core 2>/dev/null || echo ' (core has uncommitted changes)')"
  echo "# cpu: $(lscpu | sed -n 's/^Model name: *//p') x $(nproc), $(lscpu | sed -n 's/^Hypervisor vendor: *//p') guest"
  echo "# ram: $(free -h | awk '/^Mem:/ {print $2}')"
  echo "# java: $(java -version 2>&1 | sed -n 2p)"
  echo "# os: $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "# jvm: -Xmx4g + spark.jvm.flags, default GC; SPARK_LOCAL_IP=127.0.0.1, spark.ui.enabled=false, conf = GeoMillSpark.conf defaults (Kryo + Sedona registrator)"
  echo "# fields: session_ms = SparkSession creation (threads2: pool creation); median/min/max_ms = timed maps; item_ms = time inside the items (all threads), median; cpu_ms = CPU time of this JVM (all threads, incl. JIT and GC) during a timed map, median; task_deser_ms etc. = Spark task metrics summed over the tasks of one map (executorDeserializeTime = deserializing the task closure), mean per map; others_cpu_s = CPU seconds used by other processes while this JVM ran"
} > "$raw"

read -r -a variants <<< "$VARIANTS"
n=${#variants[@]}
for (( round = 1; round <= ROUNDS; round++ )); do
  for workload in $WORKLOADS; do
    for (( i = 0; i < n; i++ )); do
      variant="${variants[$(( (i + round - 1) % n ))]}"   # rotate the order each round
      wait_quiet
      echo "round $round/$ROUNDS: $variant $workload" >&2
      before="$(busy_jiffies)"
      start_ns="$(date +%s%N)"
      line="$(/usr/bin/time -f 'JVMCPU %U %S' "${java_cmd[@]}" "$variant" "$workload" --runs "$RUNS" \
        2> /tmp/engine-overhead.$$.err | grep '^RESULT ')" || true
      after="$(busy_jiffies)"
      end_ns="$(date +%s%N)"
      jvmcpu="$(awk '/^JVMCPU/ {print $2 + $3}' /tmp/engine-overhead.$$.err)"
      if [[ -z "$line" || -z "$jvmcpu" ]]; then
        echo "FAILED: $variant $workload" >&2
        cat /tmp/engine-overhead.$$.err >&2
        exit 1
      fi
      others="$(awk -v a="$before" -v b="$after" -v t="$clk_tck" -v j="$jvmcpu" 'BEGIN {o = (b - a) / t - j; printf "%.2f", (o < 0 ? 0 : o)}')"
      jvm_wall="$(awk -v s="$start_ns" -v e="$end_ns" 'BEGIN {printf "%.2f", (e - s) / 1e9}')"
      echo "$line round=$round jvm_wall_s=$jvm_wall jvm_cpu_s=$jvmcpu others_cpu_s=$others" | tee -a "$raw" >&2
    done
  done
done
rm -f /tmp/engine-overhead.$$.err

"${java_cmd[@]}" summarize "$raw" > "$table"
echo
echo "raw: $raw"
echo "table: $table"
echo
cat "$table"
if grep -q "CHECKSUM MISMATCH" "$table"; then
  exit 1
fi
