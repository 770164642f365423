#!/usr/bin/env bash
# Fill + D8 flow direction + D8 flow accumulation, file to file, GeoMill against GRASS r.watershed and SAGA
# (Wang & Liu fill + ta_hydrology 0), on the generated DEMs of ../shared/bench (gen_dem.sh: dem4k.tif, dem10k.tif),
# in interleaved rounds (GeoMill, GRASS, SAGA, then again) so that a change in machine load hits every tool alike.
# The GRASS and SAGA command lines are those of ../shared/bench/bench_grass.sh, grass_inner.sh and bench_saga.sh
# (the project's peer harness), chained here into one file-to-file run per tool.
#
#   bench/hydrology.sh [SIZE...]            # SIZE: 4k, 10k (default: both)
#   env: BENCH_DATA (folder holding data/dem4k.tif, data/dem10k.tif; default /work/bench-data),
#        ROUNDS (default 1), MASTER (default local[2]), HEAP (GeoMill's -Xmx, default 6g), TILE (default 2048),
#        TOOLS (default "geomill grass saga")
#
# Prints a self-contained Markdown report (also written to $BENCH_DATA/hydrology-bench.md): per run the wall
# time, cells per second, CPU time, peak RSS, and the 1-minute load average before the run. GRASS needs
# `apt-get install grass-core`, SAGA `apt-get install saga`; a missing tool is reported, not fatal.
set -uo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${BENCH_DATA:-/work/bench-data}"
rounds="${ROUNDS:-1}"
master="${MASTER:-local[2]}"
heap="${HEAP:-6g}"
tile="${TILE:-2048}"
tools="${TOOLS:-geomill grass saga}"
sizes=("$@"); [[ ${#sizes[@]} -gt 0 ]] || sizes=(4k 10k)
work="$data/hydrology-bench"
report="$data/hydrology-bench.md"
mkdir -p "$work/logs"
export GDAL_PAM_ENABLED=NO HOME="$work/home"
mkdir -p "$HOME"

cells() { case $1 in 4k) echo 16000000;; 10k) echo 100000000;; *) echo 0;; esac; }
rows=()

# run LABEL SIZE COMMAND...: one timed run, a row of the report
run() {
  local label=$1 size=$2; shift 2
  local log="$work/logs/$label-$size-$(date +%s)"
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  sync
  /usr/bin/time -v -o "$log.time" "$@" > "$log.out" 2>&1
  local rc=$?
  local wall user sys rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log.time")
  user=$(awk -F': ' '/User time/{print $2}' "$log.time")
  sys=$(awk -F': ' '/System time/{print $2}' "$log.time")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.2f", $2 / 1048576}' "$log.time")
  local rate; rate=$(awk -v c="$(cells "$size")" -v w="$wall" 'BEGIN{ if (w > 0) printf "%.2f", c / w / 1e6 }')
  rows+=("| $size | $label | $rc | $wall | $rate | $(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.1f", u + s}') | $rss | $load |")
  echo "[$label $size] rc=$rc wall=${wall}s user=${user}s peak RSS=${rss} GB load=$load" >&2
  [[ $rc -eq 0 ]] || tail -5 "$log.out" >&2
}

geomill() {
  local size=$1 dem="$data/data/dem$1.tif"
  rm -rf "$work/geomill-$size" "$work/in-$size"
  mkdir -p "$work/in-$size" && ln -sf "$dem" "$work/in-$size/dem$size.tif"
  GEOMILL_JAVA_OPTS="-Xmx$heap" run "GeoMill hydrology (filled, flowdir, accumulation; $master, -Xmx$heap)" "$size" \
    "$home/bin/geomill" hydrology --master "$master" --in "$work/in-$size" --out "$work/geomill-$size" \
    --tile "$tile"
  rm -rf "$work/geomill-$size"
}

grass_run() {
  local size=$1 dem="$data/data/dem$1.tif" loc="$work/grassdb/loc$1" out="$work/grass-$1"
  rm -rf "$loc" "$out"; mkdir -p "$work/grassdb" "$out"
  run "GRASS 8.2 r.watershed -s (location, import, watershed, export acc+drainage)" "$size" bash -c "
    grass -c '$dem' -e '$loc' &&
    grass '$loc/PERMANENT' --exec bash -c \"r.in.gdal --q input='$dem' output=dem && g.region raster=dem &&
      r.watershed -s elevation=dem accumulation=acc drainage=dir &&
      r.out.gdal -c --q input=acc output='$out/acc.tif' createopt=TILED=YES,COMPRESS=DEFLATE &&
      r.out.gdal -c --q input=dir output='$out/dir.tif' createopt=TILED=YES,COMPRESS=DEFLATE\""
  rm -rf "$loc" "$out"
}

saga_run() {
  local size=$1 dem="$data/data/dem$1.tif" w="$work/saga-$1"
  rm -rf "$w"; mkdir -p "$w"
  run "SAGA 8.5 Wang & Liu fill + D8 accumulation (import, fill, accumulation, export filled+acc)" "$size" bash -c "
    saga_cmd -f=q io_gdal 0 -GRIDS '$w/dem.sgrd' -FILES '$dem' &&
    saga_cmd -f=q ta_preprocessor 4 -ELEV '$w/dem.sgrd' -FILLED '$w/filled.sgrd' -MINSLOPE 0.01 &&
    saga_cmd -f=q ta_hydrology 0 -ELEVATION '$w/filled.sgrd' -FLOW '$w/acc.sgrd' -METHOD 0 -FLOW_UNIT 0 &&
    saga_cmd -f=q io_gdal 2 -GRIDS '$w/filled.sgrd' -FILE '$w/out_filled.tif' -OPTIONS 'COMPRESS=DEFLATE TILED=YES' &&
    saga_cmd -f=q io_gdal 2 -GRIDS '$w/acc.sgrd' -FILE '$w/out_acc.tif' -OPTIONS 'COMPRESS=DEFLATE TILED=YES'"
  rm -rf "$w"
}

missing=()
for size in "${sizes[@]}"; do
  [[ -f "$data/data/dem$size.tif" ]] || { echo "no $data/data/dem$size.tif: build it with ../shared/bench/gen_dem.sh" >&2; exit 2; }
done
[[ -x "$home/jobs/target/geomill-0.1.0-SNAPSHOT.jar" || -f "$home/jobs/target/geomill-0.1.0-SNAPSHOT.jar" ]] \
  || (cd "$home" && mvn -B -o -q -DskipTests package -pl jobs -am)
for ((r = 1; r <= rounds; r++)); do
  for size in "${sizes[@]}"; do
    for tool in $tools; do
      case $tool in
        geomill) geomill "$size" ;;
        grass) if command -v grass > /dev/null; then grass_run "$size"; else missing+=("GRASS (apt-get install grass-core)"); fi ;;
        saga) if command -v saga_cmd > /dev/null; then saga_run "$size"; else missing+=("SAGA (apt-get install saga)"); fi ;;
      esac
    done
  done
done

{
  echo "## Hydrology, file to file ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk '/MemTotal/{printf "%.0f GB", $2/1048576}' /proc/meminfo))"
  echo
  echo "GeoMill: \`bin/geomill hydrology --master $master --in DEM --out OUT --tile $tile\` (all three products), -Xmx$heap."
  echo "Reproduce: \`bench/hydrology.sh ${sizes[*]}\` (ROUNDS=$rounds)."
  echo
  echo "| DEM | tool | exit | wall s | Mcells/s | CPU s | peak RSS GB | load before |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo
    echo "Not installed, not run: $(printf '%s\n' "${missing[@]}" | sort -u | paste -sd, -)."
  fi
} | tee "$report"
