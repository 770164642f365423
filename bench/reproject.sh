#!/usr/bin/env bash
# Reprojection (issue 6): geomill reproject against gdalwarp 3.6, side by side in one run, to EPSG:3857 bilinear.
#
#   bench/reproject.sh [--quick] [DEM.tif]      # DEM default: ../bench-data/data/dem10k.tif next to the repository
#
# Two workloads: 200 DEMs of 500 x 500 cells cut from DEM (gdal_translate -srcwin, plain GeoTIFFs as the shared
# cut_tiles.sh makes them), and DEM itself. Each runs as
#   geomill      bin/geomill reproject --master local[*] (one JVM, Spark start-up included), tiled DEFLATE output
#                (its default) and tiled uncompressed (--compress none)
#   gdalwarp     one process per file, plain output (striped, uncompressed), and -co TILED=YES -co COMPRESS=DEFLATE
#   gdalwarp -multi -wo NUM_THREADS=2 (both outputs); for the 200 DEMs also xargs -P 2 gdalwarp
# each under /usr/bin/time -v (wall, user, sys, max RSS of the largest process), RUNS times, interleaved;
# the table shows medians. The geomill outputs' grids are checked against gdalwarp's (size and geotransform).
#
# --quick: 20 DEMs and a 2000 x 2000 cut of DEM instead of the 10k one, RUNS=1 (about 2 minutes).
# Environment: RUNS (3), BENCH_CACHE (the cut DEMs, kept between runs; default ../bench-data/reproject next to
# the repository), SKIP_BUILD=1 (use jobs/target as it is), GEOMILL_JAVA_OPTS (passed to bin/geomill).
# Output: the markdown table on stdout and in $BENCH_CACHE/results/reproject-<UTC time>.md.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
quick=0
if [[ "${1:-}" == --quick ]]; then
  quick=1
  shift
fi
dem="${1:-$home/../bench-data/data/dem10k.tif}"
[[ -f "$dem" ]] || { echo "no DEM at $dem (build it with ../shared/bench/gen_dem.sh)" >&2; exit 2; }
cache="${BENCH_CACHE:-$home/../bench-data/reproject}"
if (( quick )); then
  runs="${RUNS:-1}"; count=20; big_side=2000
else
  runs="${RUNS:-3}"; count=200; big_side=0
fi
export GDAL_PAM_ENABLED=NO   # no .aux.xml files next to inputs or outputs

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (mvn -q -B -o -DskipTests package -pl jobs -am)..." >&2
  mvn -q -B -o -DskipTests package -pl jobs -am >&2
fi

# --- data (cached) -------------------------------------------------------------------------------------------
tiles="$cache/dems$count"
if [[ ! -f "$tiles/.complete" ]]; then
  echo "cutting $count DEMs of 500 x 500 from $dem into $tiles..." >&2
  rm -rf "$tiles" && mkdir -p "$tiles"
  size=($(gdalinfo "$dem" | sed -n 's/^Size is \([0-9]*\), \([0-9]*\)/\1 \2/p'))
  cols=$(( size[0] / 500 ))
  for (( k = 0; k < count; k++ )); do
    # spread over the whole DEM: column k mod cols, every other row of tiles
    x=$(( (k % cols) * 500 )); y=$(( (k / cols) * 1000 % (size[1] - 499) ))
    gdal_translate -q -srcwin "$x" "$y" 500 500 "$dem" "$tiles/dem_$(printf %05d_%05d "$x" "$y").tif"
  done
  touch "$tiles/.complete"
fi
big="$dem"
if (( big_side > 0 )); then
  big="$cache/dem_cut${big_side}.tif"
  if [[ ! -f "$big" ]]; then
    echo "cutting a $big_side x $big_side DEM from $dem..." >&2
    gdal_translate -q -srcwin 3000 3000 "$big_side" "$big_side" -co TILED=YES -co COMPRESS=DEFLATE "$dem" "$big.tmp.tif"
    mv "$big.tmp.tif" "$big"
  fi
fi

# --- runs ----------------------------------------------------------------------------------------------------
work="$cache/runs"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
raw="$cache/results/reproject-$stamp.tsv"
mkdir -p "$cache/results"
deflate=(-co TILED=YES -co COMPRESS=DEFLATE)
multi=(-multi -wo NUM_THREADS=2)
warp=(gdalwarp -q -overwrite -t_srs EPSG:3857 -r bilinear)

# workload|tool, command (run with bash -c, in a fresh $work/out), and where to keep round 1's output for the
# grid check (empty: not kept)
declare -a names commands keeps
add() { names+=("$1"); commands+=("$2"); keeps+=("${3:-}"); }
q() { local quoted; quoted="$(printf '%q ' "$@")"; printf '%s' "${quoted% }"; }   # shell-quoted words
n_tiles="$count DEMs 500x500"
n_big="$(basename "$big")"
add "$n_tiles|geomill local[*] (tiled DEFLATE)" \
  "$(q bin/geomill reproject --in "$tiles" --out "$work/out" --to EPSG:3857 --resampling bilinear --master 'local[*]') > $work/geomill.log" geomill-tiles
add "$n_tiles|geomill local[*] (tiled, uncompressed)" \
  "$(q bin/geomill reproject --in "$tiles" --out "$work/out" --to EPSG:3857 --resampling bilinear --compress none --master 'local[*]') > $work/geomill.log"
add "$n_tiles|gdalwarp, one after another (plain)" \
  "for f in $(q "$tiles")/*.tif; do $(q "${warp[@]}") \"\$f\" $(q "$work/out")/\$(basename \"\$f\"); done" gdal-tiles
add "$n_tiles|gdalwarp, one after another (tiled DEFLATE)" \
  "for f in $(q "$tiles")/*.tif; do $(q "${warp[@]}" "${deflate[@]}") \"\$f\" $(q "$work/out")/\$(basename \"\$f\"); done"
add "$n_tiles|gdalwarp -multi -wo NUM_THREADS=2, one after another (plain)" \
  "for f in $(q "$tiles")/*.tif; do $(q "${warp[@]}" "${multi[@]}") \"\$f\" $(q "$work/out")/\$(basename \"\$f\"); done"
add "$n_tiles|xargs -P 2 gdalwarp (plain)" \
  "ls $(q "$tiles")/*.tif | xargs -P 2 -I{} sh -c '$(q "${warp[@]}") \"\$1\" $(q "$work/out")/\$(basename \"\$1\")' _ {}"
add "$n_tiles|xargs -P 2 gdalwarp (tiled DEFLATE)" \
  "ls $(q "$tiles")/*.tif | xargs -P 2 -I{} sh -c '$(q "${warp[@]}" "${deflate[@]}") \"\$1\" $(q "$work/out")/\$(basename \"\$1\")' _ {}"
add "$n_big|geomill local[*] (tiled DEFLATE)" \
  "$(q bin/geomill reproject --in "$big" --out "$work/out" --to EPSG:3857 --resampling bilinear --master 'local[*]') > $work/geomill.log" geomill-big
add "$n_big|geomill local[*] (tiled, uncompressed)" \
  "$(q bin/geomill reproject --in "$big" --out "$work/out" --to EPSG:3857 --resampling bilinear --compress none --master 'local[*]') > $work/geomill.log"
add "$n_big|gdalwarp (plain)" "$(q "${warp[@]}" "$big" "$work/out/$(basename "$big")")" gdal-big
add "$n_big|gdalwarp (tiled DEFLATE)" "$(q "${warp[@]}" "${deflate[@]}" "$big" "$work/out/big.tif")"
add "$n_big|gdalwarp -multi -wo NUM_THREADS=2 (plain)" "$(q "${warp[@]}" "${multi[@]}" "$big" "$work/out/big.tif")"
add "$n_big|gdalwarp -multi -wo NUM_THREADS=2 (tiled DEFLATE)" \
  "$(q "${warp[@]}" "${multi[@]}" "${deflate[@]}" "$big" "$work/out/big.tif")"

# One run of case $1: wall, user, sys, max RSS into $raw. The outputs of the first geomill and gdalwarp runs of
# each workload are kept for the grid check.
run_case() {
  local i="$1" round="$2" log="$work/time.log"
  rm -rf "$work/out" && mkdir -p "$work/out"
  echo "round $round/$runs: ${names[$i]}" >&2
  if ! /usr/bin/time -v -o "$log" bash -c "${commands[$i]}"; then
    echo "FAILED: ${names[$i]}: ${commands[$i]}" >&2
    [[ -f "$work/geomill.log" ]] && tail -20 "$work/geomill.log" >&2
    exit 1
  fi
  awk -v name="${names[$i]}" -v round="$round" -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3 ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2]) }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 / 1024 }
    END { printf "%s\t%d\t%.2f\t%.2f\t%.2f\t%.0f\n", name, round, wall, user, sys, rss }' "$log" >> "$raw"
  if (( round == 1 )) && [[ -n "${keeps[$i]}" ]]; then
    rm -rf "$work/${keeps[$i]}" && mv "$work/out" "$work/${keeps[$i]}"
  fi
}

# Untimed warm-up: the inputs into the page cache, and the JVM's first run after a build (which may record a
# class data sharing archive) out of the figures.
echo "warm-up (untimed)..." >&2
cat "$tiles"/*.tif "$big" > /dev/null
rm -rf "$work/warmup"
bin/geomill reproject --in "$(ls "$tiles"/*.tif | head -n 1)" --out "$work/warmup" --to EPSG:3857 \
  --resampling bilinear > /dev/null 2>&1 || { echo "geomill warm-up run failed" >&2; exit 1; }
: > "$raw"
for (( round = 1; round <= runs; round++ )); do
  for (( i = 0; i < ${#names[@]}; i++ )); do
    run_case "$i" "$round"
  done
done

# --- grid check: every geomill output has gdalwarp's size, and its geotransform within 1e-9 relative ----------
# (GeoTools and PROJ differ in the last digits, as the test suite allows)
grid() { gdalinfo "$1" | sed -n 's/^Size is \(.*\), \(.*\)/\1 \2/p; s/^Origin = (\(.*\),\(.*\))/\1 \2/p; s/^Pixel Size = (\(.*\),\(.*\))/\1 \2/p' | tr '\n' ' '; }
same_grid() {
  awk -v a="$1" -v b="$2" 'BEGIN {
    n = split(a, x, " "); m = split(b, y, " ")
    if (n != 6 || m != 6 || x[1] != y[1] || x[2] != y[2]) exit 1
    for (i = 3; i <= 6; i++) { d = x[i] - y[i]; s = (x[i] < 0 ? -x[i] : x[i]); if ((d < 0 ? -d : d) > 1e-9 * s) exit 1 }
  }'
}
mismatches=0
checked=0
while IFS= read -r ours; do
  name="$(basename "$ours")"
  if [[ "$ours" == */geomill-tiles/* ]]; then theirs="$work/gdal-tiles/$name"; else theirs="$work/gdal-big/$name"; fi
  if ! same_grid "$(grid "$ours")" "$(grid "$theirs")"; then
    echo "GRID MISMATCH $ours: $(grid "$ours") vs gdalwarp's $(grid "$theirs")" >&2
    mismatches=$((mismatches + 1))
  fi
  checked=$((checked + 1))
done < <(find "$work/geomill-tiles" "$work/geomill-big" -name '*.tif' -not -path '*/_geomill/*' | sort)

# --- table ---------------------------------------------------------------------------------------------------
table="$cache/results/reproject-$stamp.md"
{
  echo "Reprojection to EPSG:3857, bilinear, $(date -u +%Y-%m-%dT%H:%MZ); median of $runs run(s) under /usr/bin/time -v."
  echo "$(lscpu | sed -n 's/^Model name: *//p') x $(nproc); $(gdalwarp --version); git $(git rev-parse --short HEAD)."
  echo "Max RSS: the largest single process. Grids checked: $checked geomill outputs (size, geotransform within 1e-9), $mismatches differing from gdalwarp's."
  echo
  echo "| workload | tool | wall s | user s | sys s | max RSS MB |"
  echo "|---|---|---|---|---|---|"
  awk -F'\t' '
    function median(list,   n, a, i, j, t) {
      n = split(list, a, " ")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    !($1 in seen) { seen[$1] = 1; order[++k] = $1 }
    { wall[$1] = wall[$1] " " $3; user[$1] = user[$1] " " $4; sys[$1] = sys[$1] " " $5; rss[$1] = rss[$1] " " $6 }
    END {
      for (i = 1; i <= k; i++) {
        split(order[i], p, "|")
        printf "| %s | %s | %.2f | %.2f | %.2f | %.0f |\n", p[1], p[2], median(wall[order[i]]), median(user[order[i]]),
          median(sys[order[i]]), median(rss[order[i]])
      }
    }' "$raw"
} > "$table"
echo
echo "raw: $raw"
echo "table: $table"
echo
cat "$table"
(( mismatches == 0 ))
