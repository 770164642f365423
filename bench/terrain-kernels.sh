#!/usr/bin/env bash
# The terrain kernels alone (JMH, one thread): Mcells/s of slope, aspect and hillshade on a 1023 x 1023 tile.
#
#   bench/terrain-kernels.sh                        # every benchmark, the harness's JMH settings
#   bench/terrain-kernels.sh slope -p gradient=HORN -wi 2 -i 3 -r 1s    # any JMH arguments
#
# Environment: SKIP_BUILD=1 to use the jars already built.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (mvn -q -B -DskipTests package -pl benchmarks -am)..." >&2
  mvn -q -B -DskipTests package -pl benchmarks -am >&2
fi
classpath="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
if [[ $# -eq 0 || "$1" == -* ]]; then
  set -- TerrainKernelBenchmark "$@"
else
  first="$1"; shift
  set -- "TerrainKernelBenchmark.$first" "$@"
fi
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
