#!/usr/bin/env bash
# The hydrology kernels against other tools' published results (issue 5): TauDEM's PitRemove and AreaD8
# reference outputs, RichDEM's flow-accumulation test grids, pysheds' accumulation test. Those files are GPL or
# unlicensed, so they stay in the shared data folder and this check runs by hand, not in the test suite.
#
#   bench/hydrology-peers.sh [DATA_FOLDER]     # default: ../shared/data next to the repository
#
# Prints one PEER line per comparison (cells compared, equal, differing, largest difference) and exits 1 if
# a comparison that should be exact is not.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
data="${1:-$home/../shared/data}"
[[ -d "$data/taudem-test-data" ]] || { echo "no taudem-test-data in $data" >&2; exit 2; }

echo "building (mvn -q -B -o test-compile -pl core)..." >&2
mvn -q -B -o test-compile -pl core >&2
cp_file="$home/core/target/test-classpath.txt"
# Without the HDFS minicluster: its jndi.properties makes GeoTools print a JNDI error on every run.
mvn -q -B -o dependency:build-classpath -pl core -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test \
  -DexcludeArtifactIds=hadoop-client-minicluster >&2
export GDAL_PAM_ENABLED=NO
java -Xmx2g -cp "core/target/test-classes:core/target/classes:$(cat "$cp_file")" \
  io.geomill.hydrology.HydrologyPeerCheck "$data"
