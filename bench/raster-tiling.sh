#!/usr/bin/env bash
# Raster tiling (issue 4): gdaldem's slope, a 3x3 max or a copy over a DEM through RasterJob, file to file,
# in a JVM of its own with -Xmx2g, under /usr/bin/time -v (wall time, peak RSS).
#
#   bench/raster-tiling.sh DEM.tif OUT [--function copy|max3x3|slope] [--tile N] [--deflate L] [--master local[2]]
#
# The 10k x 10k DEM of the issue: BENCH_DIR=/work/bench-data ../shared/bench/gen_dem.sh (data/dem10k.tif).
# Environment: SKIP_BUILD=1 (use the jars already built), HEAP (2g).
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
[[ $# -ge 2 ]] || { sed -n 2,9p "$0" >&2; exit 2; }
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (mvn -q -B -DskipTests package -pl benchmarks -am)..." >&2
  mvn -q -B -DskipTests package -pl benchmarks -am >&2
fi
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
classpath="benchmarks/target/geomill-benchmarks-$version.jar:$(cat benchmarks/target/classpath.txt)"
spark_flags="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' pom.xml)"
export SPARK_LOCAL_IP=127.0.0.1
/usr/bin/time -v java $spark_flags -Xmx"${HEAP:-2g}" -Dlog4j2.configurationFile="$home/conf/log4j2.properties" \
  -cp "$classpath" io.geomill.bench.RasterTilingBenchmark "$@" 2> >(grep -E 'Elapsed|Maximum resident|User time|System time|FAILED|Exception' >&2)
