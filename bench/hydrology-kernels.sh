#!/usr/bin/env bash
# The hydrology kernels alone (issue 5): fill, flow directions and accumulation on one thread, in memory, on a
# generated DEM, untiled and through the in-memory tiled driver (io.geomill.bench.HydrologyKernelBenchmark).
#
#   bench/hydrology-kernels.sh [--size 4000] [--tile 1000] [--runs 3] [--seed 20261122] [--only fill,flowdir,...]
#
# Prints one RESULT line per kernel: median wall time, median CPU time of the thread, Mcells/s of both, and
# for the tiled runs whether they equal the untiled result. Environment: SKIP_BUILD=1.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (mvn -q -B -DskipTests package -pl benchmarks -am)..." >&2
  mvn -q -B -DskipTests package -pl benchmarks -am >&2
fi
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) git $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(lscpu | sed -n 's/^Model name: *//p') x $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx8g -XX:+UseParallelGC \
  -cp "benchmarks/target/geomill-benchmarks-$version.jar:core/target/geomill-core-$version.jar" \
  io.geomill.bench.HydrologyKernelBenchmark "$@"
