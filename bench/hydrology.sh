#!/usr/bin/env bash
# Fill + D8 flow direction + D8 flow accumulation, file to file, GeoMill against GRASS r.watershed, GRASS
# r.fill.dir and SAGA (Wang & Liu fill + ta_hydrology 0), on the generated DEMs of ../shared/bench (gen_dem.sh:
# dem4k.tif, dem10k.tif), side by side in one run: for each size, each tool in turn (ROUNDS times, interleaved,
# so that a change in machine load hits every tool alike). Every run is one end-to-end command under
# /usr/bin/time -v: GeoMill's JVM and Spark start, reading the GeoTIFF, all products, writing GeoTIFFs; for
# GRASS the location, the import, the module and the export; for SAGA the import, both tools and the export.
# The GRASS and SAGA command lines are those of ../shared/bench/bench_grass.sh, grass_inner.sh and bench_saga.sh
# (the project's peer harness, whose figures are in ../shared/bench/RESULTS.md), chained into one run per tool.
#
#   bench/hydrology.sh [--quick] [SIZE...]   # SIZE: 4k, 10k (default: both)
#     --quick: 4k only, GeoMill and r.watershed only (about 2 minutes on a quiet machine)
#   env: BENCH_DATA  folder holding data/dem4k.tif, data/dem10k.tif (default /work/bench-data)
#        ROUNDS      runs per tool and size (default 1)
#        MASTER      GeoMill's Spark master (default local[2])
#        HEAP        GeoMill's -Xmx: all the memory of the driver and its executor threads (default 4g)
#        TILE        GeoMill's --tile (default 2048)
#        TOOLS       default "geomill watershed filldir saga"
#        FILLDIR_TIMEOUT  seconds before r.fill.dir is stopped (default 900; it did not finish 10k in 15 min)
#
# Prints a Markdown report (also written to $BENCH_DATA/hydrology-bench.md): per run the exit status, wall time,
# cells per second, user and system CPU time, peak RSS and the 1-minute load average before the run. GRASS needs
# `apt-get install grass-core`, SAGA `apt-get install saga`; without SAGA the report shows the SAGA figures of
# RESULTS.md (sum of its import, fill, accumulation and export rows), labelled as such.
set -uo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${BENCH_DATA:-/work/bench-data}"
rounds="${ROUNDS:-1}"
master="${MASTER:-local[2]}"
heap="${HEAP:-4g}"
tile="${TILE:-2048}"
tools="${TOOLS:-geomill watershed filldir saga}"
filldir_timeout="${FILLDIR_TIMEOUT:-900}"
sizes=()
for arg in "$@"; do
  case $arg in
    --quick) sizes=(4k); tools="geomill watershed" ;;
    4k|10k) sizes+=("$arg") ;;
    *) echo "usage: bench/hydrology.sh [--quick] [4k] [10k]" >&2; exit 2 ;;
  esac
done
[[ ${#sizes[@]} -gt 0 ]] || sizes=(4k 10k)
work="$data/hydrology-bench"
report="$data/hydrology-bench.md"
mkdir -p "$work/logs"
export GDAL_PAM_ENABLED=NO HOME="$work/home"
mkdir -p "$HOME"

cells() { case $1 in 4k) echo 16000000;; 10k) echo 100000000;; esac; }
rows=()

# row SIZE LABEL EXIT WALL USER SYS RSS_GB LOAD
row() {
  local rate; rate=$(awk -v c="$(cells "$1")" -v w="$4" 'BEGIN{ if (w > 0) printf "%.2f", c / w / 1e6 }')
  rows+=("| $1 | $2 | $3 | $4 | $rate | $5 | $6 | $7 | $8 |")
}

# run LABEL SIZE COMMAND...: one timed run, a row of the report
run() {
  local label=$1 size=$2; shift 2
  local log; log="$work/logs/$(echo "$label" | tr -c 'A-Za-z0-9' '_' | cut -c1-40)-$size-$(date +%s)"
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  sync
  /usr/bin/time -v -o "$log.time" "$@" > "$log.out" 2>&1
  local rc=$?
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log.time")
  user=$(awk -F': ' '/User time/{print $2}' "$log.time")
  sys=$(awk -F': ' '/System time/{print $2}' "$log.time")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.2f", $2 / 1048576}' "$log.time")
  [[ $rc -eq 124 ]] && label="$label - stopped by timeout $filldir_timeout s"
  row "$size" "$label" "$rc" "$wall" "$user" "$sys" "$rss" "$load"
  echo "[$label $size] rc=$rc wall=${wall}s user=${user}s sys=${sys}s peak RSS=${rss} GB load=$load (log $log.out)" >&2
  [[ $rc -eq 0 ]] || tail -5 "$log.out" >&2
}

geomill() {
  local size=$1 dem="$data/data/dem$1.tif"
  rm -rf "$work/geomill-$size" "$work/in-$size"
  mkdir -p "$work/in-$size" && ln -sf "$dem" "$work/in-$size/dem$size.tif"
  GEOMILL_JAVA_OPTS="-Xmx$heap" run "GeoMill hydrology (filled, flowdir, accumulation; $master, -Xmx$heap, tile $tile)" \
    "$size" "$home/bin/geomill" hydrology --master "$master" --in "$work/in-$size" --out "$work/geomill-$size" \
    --tile "$tile" --products filled,flowdir,accumulation
  rm -rf "$work/geomill-$size" "$work/in-$size"
}

# grass_session SIZE LABEL TIMEOUT SCRIPT: a new location from the DEM, then SCRIPT (@DEM@: the DEM, @OUT@: a
# folder for the exports) inside one GRASS session, stopped after TIMEOUT seconds if one is given
grass_session() {
  local size=$1 label=$2 limit=$3 script=$4 dem="$data/data/dem$1.tif"
  local loc="$work/grassdb/loc$size" out="$work/grass-out-$size"
  rm -rf "$loc" "$out"; mkdir -p "$work/grassdb" "$out"
  script=${script//@DEM@/$dem}
  script=${script//@OUT@/$out}
  local stop=(); [[ -n $limit ]] && stop=(timeout "$limit")
  run "$label" "$size" bash -c "grass -c '$dem' -e '$loc' && ${stop[*]} grass '$loc/PERMANENT' --exec bash -c '$script'"
  rm -rf "$loc" "$out"
}

watershed() {
  grass_session "$1" "GRASS 8.2 r.watershed -s (location, r.in.gdal, r.watershed, r.out.gdal acc + drainage)" "" \
    'r.in.gdal --q input=@DEM@ output=dem && g.region raster=dem &&
     r.watershed -s elevation=dem accumulation=acc drainage=dir &&
     r.out.gdal -c --q input=acc output=@OUT@/acc.tif createopt=TILED=YES,COMPRESS=DEFLATE &&
     r.out.gdal -c --q input=dir output=@OUT@/dir.tif createopt=TILED=YES,COMPRESS=DEFLATE'
}

filldir() {
  local limit=""; [[ $1 == 10k ]] && limit=$filldir_timeout
  grass_session "$1" "GRASS 8.2 r.fill.dir (location, r.in.gdal, r.fill.dir, r.out.gdal filled + direction; no accumulation)" \
    "$limit" \
    'r.in.gdal --q input=@DEM@ output=dem && g.region raster=dem &&
     r.fill.dir input=dem output=filled direction=fdir &&
     r.out.gdal -c --q input=filled output=@OUT@/filled.tif createopt=TILED=YES,COMPRESS=DEFLATE &&
     r.out.gdal -c --q input=fdir output=@OUT@/fdir.tif createopt=TILED=YES,COMPRESS=DEFLATE'
}

saga() {
  local size=$1 dem="$data/data/dem$1.tif" w="$work/saga-$1"
  if ! command -v saga_cmd > /dev/null; then
    # RESULTS.md (quiet machine, 2026-11-22), medians of 3: import + fill + accumulation + export.
    case $size in
      4k) row 4k "SAGA 8.5 (not installed here: RESULTS.md figures, import 1.15 + fill 18.24 + acc 14.99 + export 5.57)" \
            - 39.95 38.71 1.24 0.40 - ;;
      10k) row 10k "SAGA 8.5 (not installed here: RESULTS.md figures, import 4.39 + fill 180.58 + acc 134.09 + export 23.40)" \
            - 342.46 336.09 11.11 1.68 - ;;
    esac
    return
  fi
  rm -rf "$w"; mkdir -p "$w"
  run "SAGA 8.5 Wang & Liu fill + D8 accumulation (io_gdal import, ta_preprocessor 4, ta_hydrology 0, export filled + acc)" "$size" bash -c "
    saga_cmd -f=q io_gdal 0 -GRIDS '$w/dem.sgrd' -FILES '$dem' &&
    saga_cmd -f=q ta_preprocessor 4 -ELEV '$w/dem.sgrd' -FILLED '$w/filled.sgrd' -MINSLOPE 0.01 &&
    saga_cmd -f=q ta_hydrology 0 -ELEVATION '$w/filled.sgrd' -FLOW '$w/acc.sgrd' -METHOD 0 -FLOW_UNIT 0 &&
    saga_cmd -f=q io_gdal 2 -GRIDS '$w/filled.sgrd' -FILE '$w/out_filled.tif' -OPTIONS 'COMPRESS=DEFLATE TILED=YES' &&
    saga_cmd -f=q io_gdal 2 -GRIDS '$w/acc.sgrd' -FILE '$w/out_acc.tif' -OPTIONS 'COMPRESS=DEFLATE TILED=YES'"
  rm -rf "$w"
}

for size in "${sizes[@]}"; do
  [[ -f "$data/data/dem$size.tif" ]] || { echo "no $data/data/dem$size.tif: build it with ../shared/bench/gen_dem.sh" >&2; exit 2; }
done
[[ -f "$home/jobs/target/geomill-0.1.0-SNAPSHOT.jar" ]] || (cd "$home" && mvn -B -o -q -DskipTests package -pl jobs -am)
# Untimed warm-up: the first job after a jar build makes bin/geomill's class data sharing archive (a training run
# of about a minute), which must not land in the first timed run.
if [[ " $tools " == *" geomill "* ]]; then
  echo "warm-up (untimed)..." >&2
  "$home/bin/geomill" inventory --out "$work/warm-up" "$home/data-samples/proximity" > /dev/null 2>&1 || true
  rm -rf "$work/warm-up"
fi
missing=()
for ((r = 1; r <= rounds; r++)); do
  for size in "${sizes[@]}"; do
    for tool in $tools; do
      case $tool in
        geomill) geomill "$size" ;;
        watershed|filldir) if command -v grass > /dev/null; then "$tool" "$size"; else missing+=("GRASS (apt-get install grass-core)"); fi ;;
        saga) saga "$size" ;;
        *) echo "unknown tool $tool" >&2; exit 2 ;;
      esac
    done
  done
done

{
  echo "## Hydrology, file to file ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo))"
  echo
  echo "GeoMill: \`bin/geomill hydrology --master $master --in DEM --out OUT --tile $tile --products filled,flowdir,accumulation\`, -Xmx$heap."
  echo "Each row is one end-to-end command (start, read, compute, write GeoTIFFs) under \`/usr/bin/time -v\`."
  echo "Reproduce: \`bench/hydrology.sh $*\` (ROUNDS=$rounds)."
  echo
  echo "| DEM | tool | exit | wall s | Mcells/s | user s | sys s | peak RSS GB | load before |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo
    echo "Not installed, not run: $(printf '%s\n' "${missing[@]}" | sort -u | paste -sd, -)."
  fi
} | tee "$report"
