#!/usr/bin/env bash
# geomill terrain vs gdaldem (issue 4), file to file, side by side in one run, each command under
# /usr/bin/time -v (wall, user, sys, max RSS), printed as a markdown table:
#   (a) one large DEM: slope and hillshade, GeoMill local[*] (-Xmx2g) vs gdaldem, both writing tiled DEFLATE
#       GeoTIFFs (GeoMill's default: Huffman-only DEFLATE with predictor; gdaldem at its default ZLEVEL 6 as in
#       ../shared/bench/RESULTS.md, and at ZLEVEL 1 with the predictor GeoMill uses), then both writing tiled
#       uncompressed GeoTIFFs (GeoMill --compress none, gdaldem -co TILED=YES);
#   (b) many 500 x 500 DEMs cut from it (as ../shared/bench/cut_tiles.sh cuts them; built once into the cache):
#       slope, GeoMill vs a sequential gdaldem loop vs xargs -P 2 gdaldem, all writing uncompressed GeoTIFFs.
#
#   bench/terrain.sh [--quick] [--dem DEM.tif] [--cache DIR] [--runs N]
#
#   --dem     the large DEM (default ../bench-data/data/dem10k.tif next to the repository; built by
#             BENCH_DIR=... ../shared/bench/gen_dem.sh)
#   --cache   where the small DEMs and outputs go (default ../bench-data/terrain-cache)
#   --quick   a 2000 x 2000 crop of the DEM for (a) and 20 small DEMs for (b): checks the script end to end
#             in about 2 minutes
#   --runs    rounds (default 1): each round runs every command once, in the order below, so the tools
#             alternate and a slow minute of the machine hits all of them; every run is a row
#
# Environment: SKIP_BUILD=1 to use the jar already built. Output: the table on stdout and in
# bench/results/terrain-<UTC time>.md, the raw /usr/bin/time logs in the cache folder.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dem="$home/../bench-data/data/dem10k.tif"
cache="$home/../bench-data/terrain-cache"
quick=0
runs=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1; shift ;;
    --dem) dem="$2"; shift 2 ;;
    --cache) cache="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) sed -n 2,19p "$0" >&2; exit 2 ;;
  esac
done
[[ -f "$dem" ]] || { echo "no DEM at $dem (build it with ../shared/bench/gen_dem.sh or give --dem)" >&2; exit 2; }
command -v gdaldem >/dev/null || { echo "gdaldem not found (apt-get install gdal-bin)" >&2; exit 2; }
export GDAL_PAM_ENABLED=NO SPARK_LOCAL_IP=127.0.0.1

cd "$home"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (mvn -q -B -DskipTests package -pl jobs -am)..." >&2
  mvn -q -B -DskipTests package -pl jobs -am >&2
fi

mkdir -p "$cache" bench/results
cache="$(cd "$cache" && pwd)"
if [[ $quick == 1 ]]; then
  big="$cache/quick/dem2k.tif"
  tiles="$cache/quick/tiles"
  count=20
  mkdir -p "$cache/quick"
  [[ -f "$big" ]] || gdal_translate -q -srcwin 3000 3000 2000 2000 -co TILED=YES -co COMPRESS=DEFLATE "$dem" "$big"
else
  big="$dem"
  tiles="$cache/tiles"
  count=500
fi

# The small DEMs: the 400 tiles of the regular 20 x 20 grid, then the 100 crops at 250 + 950 i, 250 + 950 j
# (cut_tiles.sh's two sets); --quick takes the first 20 tiles of the grid. Default GTiff, uncompressed.
if [[ "$(find "$tiles" -name '*.tif' 2>/dev/null | wc -l)" -lt $count ]]; then
  echo "cutting $count DEMs of 500 x 500 into $tiles (once)..." >&2
  rm -rf "$tiles"; mkdir -p "$tiles"
  n=0
  for ((i = 0; i < 20 && n < count; i++)); do for ((j = 0; j < 20 && n < count; j++)); do
    x=$((i * 500)); y=$((j * 500))
    gdal_translate -q -srcwin $x $y 500 500 "$dem" "$tiles/t_$(printf %05d_%05d $x $y).tif"; n=$((n + 1))
  done; done
  for ((i = 0; i < 10 && n < count; i++)); do for ((j = 0; j < 10 && n < count; j++)); do
    x=$((250 + 950 * i)); y=$((250 + 950 * j))
    gdal_translate -q -srcwin $x $y 500 500 "$dem" "$tiles/c_$(printf %05d_%05d $x $y).tif"; n=$((n + 1))
  done; done
fi

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
table="bench/results/terrain-$stamp.md"
logs="$cache/logs-$stamp"
out="$cache/out"
mkdir -p "$logs"
geomill=(env GEOMILL_JAVA_OPTS="-Xmx2g" bin/geomill terrain --master 'local[*]')
# One untimed run first: the first run after a build records bin/geomill's class data sharing archive.
smalls=("$tiles"/*.tif) # a glob, not find | head: under pipefail head's early exit kills the pipe (exit 141)
first_small="${smalls[0]}"
"${geomill[@]}" --in "$first_small" --out "$cache/warm-up" --products slope --force > "$logs/warm-up.out" 2>&1 \
  || { echo "GeoMill warm-up run failed: see $logs/warm-up.out" >&2; exit 1; }
rm -rf "$cache/warm-up"
cells_big="$(gdalinfo "$big" | sed -n 's/^Size is \([0-9]*\), \([0-9]*\)/\1 \2/p' | awk '{print $1 * $2}')"

{
  echo "# geomill terrain vs gdaldem ($(date -u +%F), $(nproc) cores, $(gdalinfo --version))"
  echo
  echo "large DEM: $big ($cells_big cells); small DEMs: $count x 500 x 500 in $tiles"
  echo
  echo "| workload | tool | wall s | user s | sys s | CPU s | max RSS MB | M cells/s (wall) | command |"
  echo "|---|---|---|---|---|---|---|---|---|"
} | tee "$table"

# measure NAME TOOL CELLS CMD...: runs CMD once (round $round) under /usr/bin/time -v with a fresh output
# folder, prints a row. ALLOWED_EXIT (default 0) is the exit code also taken as a finished run.
measure() {
  local name="$1" tool="$2" cells="$3"; shift 3
  local r="$round" log status
  rm -rf "$out"; mkdir -p "$out"
  log="$logs/$(echo "$name-$tool-$r" | tr -c 'A-Za-z0-9_.\n-' '_').time"
  status=0
  /usr/bin/time -v -o "$log" "$@" > "$log.out" 2>&1 || status=$?
  if [[ $status != 0 && $status != "${ALLOWED_EXIT:-0}" ]]; then
    echo "FAILED: $* (see $log.out)" >&2
    tail -n 20 "$log.out" >&2
    exit 1
  fi
  awk -v name="$name" -v tool="$tool" -v cells="$cells" -v cmd="$(echo "$*" | sed "s:$cache:CACHE:g; s:|:\\\\|:g")" '
    /Elapsed \(wall clock\)/ { n = split($NF, p, ":"); wall = (n == 3) ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    /User time/ { user = $NF } /System time/ { sys = $NF } /Maximum resident/ { rss = $NF / 1024 }
    END { printf "| %s | %s | %.2f | %.2f | %.2f | %.2f | %.0f | %.2f | `%s` |\n", name, tool, wall, user, sys,
          user + sys, rss, cells / wall / 1e6, cmd }' "$log" | tee -a "$table"
}

for ((round = 1; round <= runs; round++)); do
  if [[ $runs -gt 1 ]]; then echo "round $round/$runs" >&2; fi
  for product in slope hillshade; do
    gdal_args=(-q)
    [[ $product == hillshade ]] && gdal_args+=(-z 1 -az 315 -alt 45)
    measure "(a) $product" "GeoMill local[*]" "$cells_big" \
      "${geomill[@]}" --in "$big" --out "$out" --products "$product"
    measure "(a) $product" "gdaldem (DEFLATE level 6)" "$cells_big" \
      gdaldem "$product" "${gdal_args[@]}" -co TILED=YES -co COMPRESS=DEFLATE "$big" "$out/$product.tif"
    predictor=3
    [[ $product == hillshade ]] && predictor=2
    measure "(a) $product" "gdaldem (DEFLATE level 1, predictor $predictor)" "$cells_big" \
      gdaldem "$product" "${gdal_args[@]}" -co TILED=YES -co COMPRESS=DEFLATE -co ZLEVEL=1 \
      -co PREDICTOR=$predictor "$big" "$out/$product.tif"
    measure "(a) $product" "GeoMill local[*] (uncompressed)" "$cells_big" \
      "${geomill[@]}" --in "$big" --out "$out" --products "$product" --compress none
    measure "(a) $product" "gdaldem (uncompressed)" "$cells_big" \
      gdaldem "$product" "${gdal_args[@]}" -co TILED=YES "$big" "$out/$product.tif"
  done

  cells_small=$((count * 500 * 500))
  # Exit 1 is expected: the DEM's masked corners give a few all-nodata small DEMs, which GeoMill reports as failed
  # items ("every cell of band 1 is nodata") where gdaldem writes an all-nodata slope; the others all finish.
  ALLOWED_EXIT=1 measure "(b) slope, $count DEMs" "GeoMill local[*]" "$cells_small" \
    "${geomill[@]}" --in "$tiles" --out "$out" --products slope --compress none
  measure "(b) slope, $count DEMs" "gdaldem, sequential loop" "$cells_small" \
    bash -c 'for f in "$1"/*.tif; do gdaldem slope -q "$f" "$2/$(basename "$f")"; done' loop "$tiles" "$out"
  measure "(b) slope, $count DEMs" "gdaldem, xargs -P 2" "$cells_small" \
    bash -c 'cd "$1" && ls | xargs -P 2 -I{} gdaldem slope -q {} "$2/{}"' xargs "$tiles" "$out"
done
rm -rf "$out"

{
  echo
  echo "GeoMill runs with -Xmx2g (driver and executor in one JVM); max RSS is the whole JVM. For xargs, max RSS"
  echo "is the largest single process. Raw logs: $logs"
} | tee -a "$table"
echo "table: $table" >&2
