#!/usr/bin/env bash
# Point-polygon proximity summary (issue 3): GeoMill vs PostGIS vs GeoPandas, end to end (input files to output
# file), side by side in one run.
#
#   bench/proximity.sh            # every case, RUNS=3 (about 45 min on a quiet 2-core machine)
#   bench/proximity.sh --quick    # the 100k case once (RUNS=1 CASES=100k): a check that everything runs
#
# Cases: points x polygons; a point counts a polygon within D = 200 m in EPSG:32618, per polygon type:
#   100k         the 100,000 real NYC taxi pickups (data-samples/proximity) x the 346 real NYC landmarks
#   1m, 10m      1M / 10M uniform points over the landmarks' extent (gen_points.py, the peer benchmarks' seed 42)
#                x the landmarks
#   1m-100kpoly  the 1M points x 100,000 generated polygons over the same extent (make_polygons.py)
# Tools, each run under /usr/bin/time -v (wall, CPU, peak RSS):
#   geomill       bin/geomill proximity --layout long --out res.csv (local[*]); --timings splits its steps
#   geomill-nocds the same without the launcher's class data sharing archive (GEOMILL_CDS=0): what the archive
#                 saves (the launcher makes it once per build with a training run; the untimed warm-up run here)
#   geomill-wide  the same in the wide layout to GeoParquet: every point with count_<type>, sum_<type>
#   postgis       proximity/pg_pipeline.sh: polygons (ogr2ogr), load (COPY), geom + GiST, join, export (COPY TO
#                 CSV) against a private server on a Unix socket, started before the runs (its start not timed)
#   geopandas     proximity/gpd_join.py with Debian's python3-geopandas (/usr/bin/python3)
# In every round of a case the tools run in a rotated order, so machine noise hits them alike; the table gives
# medians over the rounds. Outputs are compared with PostGIS's (rows, counts, sums; every differing row is
# checked to be a point-polygon distance within 1 cm of D, where GeoTools' and PROJ's transforms may disagree).
#
# Environment: RUNS (3), CASES ("100k 1m 10m 1m-100kpoly"), TOOLS ("geomill geomill-nocds geomill-wide postgis
#   geopandas"),
#   SKIP (tool@case pairs not to run, e.g. "geopandas@10m"), ONCE (tool@case pairs run in the first round only;
#   default "geopandas@10m": about 8 min a run), GEOPANDAS_TIMEOUT (1800 s: a run that takes longer is stopped,
#   recorded, and not repeated), BENCH_DIR (bench/work: data, outputs, logs, the PostgreSQL
#   cluster), PGPORT (55439), GEOMILL_MASTER (local[*]), GEOMILL_JAVA_OPTS (passed to bin/geomill),
#   SKIP_BUILD=1 (use the jar as built).
# Output: bench/results/proximity-<UTC time>.md (machine, versions, command, tables) and .tsv (every run).
# Needs root (the PostgreSQL server runs as the postgres user) and the Debian packages postgresql-15-postgis-3,
# gdal-bin, python3-gdal, python3-geopandas, time.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
case "${1:-}" in
  --quick) RUNS=1; CASES=100k ;;
  "") ;;
  *) echo "usage: bench/proximity.sh [--quick]   (settings: environment variables, see the top of this file)" >&2; exit 2 ;;
esac
here="$home/bench/proximity"
RUNS="${RUNS:-3}"
CASES="${CASES:-100k 1m 10m 1m-100kpoly}"
TOOLS="${TOOLS:-geomill geomill-nocds geomill-wide postgis geopandas}"
SKIP="${SKIP:-}"
ONCE="${ONCE:-geopandas@10m}"
GEOPANDAS_TIMEOUT="${GEOPANDAS_TIMEOUT:-1800}"
GEOMILL_MASTER="${GEOMILL_MASTER:-local[*]}"
export PGPORT="${PGPORT:-55439}"
work="$(mkdir -p "${BENCH_DIR:-$home/bench/work}" && cd "${BENCH_DIR:-$home/bench/work}" && pwd)"
data="$work/data"
logs="$work/logs"
outs="$work/out"
pgdir="$work/pg"
mkdir -p "$logs" "$outs" bench/results

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (mvn -q -B -DskipTests package -pl jobs -am)..." >&2
  mvn -q -B -DskipTests package -pl jobs -am >&2
fi
# Freeze what is measured: other builds may rewrite jobs/target while this runs. bin/geomill finds its jar,
# conf, version and the samples of its class archive's training run relative to itself, so a copy of those
# pieces is a complete GeoMill.
version="$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)"
frozen="$work/geomill"
rm -rf "$frozen" && mkdir -p "$frozen/bin" "$frozen/jobs/target" "$frozen/data-samples"
cp bin/geomill "$frozen/bin/" && cp pom.xml "$frozen/" && cp -r conf "$frozen/"
cp -r data-samples/proximity data-samples/rasters "$frozen/data-samples/" # the training run's inputs
cp "jobs/target/geomill-$version.jar" "$frozen/jobs/target/"
git_rev="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- core jobs pom.xml conf bin || echo ' (uncommitted changes)')"

"$here/data.sh" "$data" $CASES
if [[ " $TOOLS " == *" geomill"* ]]; then
  # Untimed: the first run of a new jar makes the launcher's class archive (bin/geomill, "class data sharing").
  echo "warm-up run (GeoMill's class archive is made first; not timed)" >&2
  "$frozen/bin/geomill" proximity --points "$data/pts_100k.csv" --assume-crs EPSG:4326 --polygons "$data/landmarks.shp" \
    --distance 200 --layout long --out "$outs/warm-up.csv" --force > "$logs/warm-up.out" 2>&1
fi
if [[ " $TOOLS " == *" postgis "* ]]; then
  "$here/pg_setup.sh" "$pgdir"
  mkdir -p "$outs/postgis" && chown postgres "$outs/postgis"
  trap '"$here/pg_stop.sh" "$pgdir" || true' EXIT
fi

points_of() { case $1 in 100k) echo "$data/pts_100k.csv";; 1m|1m-100kpoly) echo "$data/pts_1m.csv";; 10m) echo "$data/pts_10m.csv";; esac; }
polygons_of() { case $1 in 1m-100kpoly) echo "$data/polys_100k.shp";; *) echo "$data/landmarks.shp";; esac; }
output_of() {  # case tool
  case $2 in geomill-wide) echo "$outs/$1.geomill-wide.parquet";; postgis) echo "$outs/postgis/$1.postgis.csv";;
    *) echo "$outs/$1.$2.csv";; esac
}
command_of() {  # case tool: the measured command
  local pts polys out geomill
  pts="$(points_of "$1")"; polys="$(polygons_of "$1")"; out="$(output_of "$1" "$2")"
  geomill="$frozen/bin/geomill proximity --master $GEOMILL_MASTER --timings --points $pts --assume-crs EPSG:4326 --polygons $polys --distance 200 --type-field type --weight-field weight --out $out"
  case $2 in
    geomill) echo "$geomill --layout long" ;;
    geomill-nocds) echo "env GEOMILL_CDS=0 $geomill --layout long" ;;
    geomill-wide) echo "$geomill" ;;
    postgis) echo "$here/pg_pipeline.sh $pgdir $pts $polys $out $logs/$1.postgis" ;;
    geopandas) echo "timeout $GEOPANDAS_TIMEOUT /usr/bin/python3 $here/gpd_join.py $pts $polys $out" ;;
  esac
}

busy_jiffies() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }   # user nice system irq softirq steal
clk_tck="$(getconf CLK_TCK)"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
raw="bench/results/proximity-$stamp.tsv"
table="bench/results/proximity-$stamp.md"
printf 'case\ttool\tround\trc\twall_s\tuser_s\tsys_s\tmaxrss_kb\tothers_cpu_s\tdetail\n' > "$raw"

measure() {  # case tool round
  local c=$1 t=$2 r=$3 log="$logs/$1.$2.$3" cmd rc wall user sys rss detail own before after
  cmd="$(command_of "$c" "$t")"
  rm -rf "$(output_of "$c" "$t")"
  sync
  before="$(busy_jiffies)"
  # shellcheck disable=SC2086
  /usr/bin/time -v -o "$log.time" $cmd > "$log.out" 2>&1 && rc=0 || rc=$?
  after="$(busy_jiffies)"
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s}' "$log.time")"
  user="$(awk -F': ' '/User time/ {print $2}' "$log.time")"
  sys="$(awk -F': ' '/System time/ {print $2}' "$log.time")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")"
  detail=""
  own="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')"
  case $t in
    geomill*) detail="$(sed -n 's/^ *timings (s): //p' "$log.out")" ;;
    postgis)
      # Wall = the phases' client sessions (not the harness's bookkeeping between them); CPU = server + clients.
      detail="$(awk '/^PHASE/ {printf "%s%s", sep, $0; sep = ";"}' "$log.out")"
      wall="$(awk '/^PHASE/ {for (i = 3; i <= NF; i++) if ($i ~ /^wall=/) {sub("wall=", "", $i); w += $i}} END {printf "%.2f", w}' "$log.out")"
      user="$(awk '/^PHASE/ {for (i = 3; i <= NF; i++) if ($i ~ /^(srv|client)_user=/) {sub(/.*=/, "", $i); u += $i}} END {printf "%.2f", u}' "$log.out")"
      sys="$(awk '/^PHASE/ {for (i = 3; i <= NF; i++) if ($i ~ /^(srv|client)_sys=/) {sub(/.*=/, "", $i); s += $i}} END {printf "%.2f", s}' "$log.out")"
      rss="$(awk '/^PHASE/ {for (i = 3; i <= NF; i++) if ($i ~ /^(backend_hwm_kb|client_rss_kb)=/) {sub(/.*=/, "", $i); if ($i + 0 > m) m = $i + 0}} END {print m + 0}' "$log.out")"
      own="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')" ;;
    geopandas) detail="$(sed -n 's/^phases: //p' "$log.out")" ;;
  esac
  local others
  others="$(awk -v a="$before" -v b="$after" -v t="$clk_tck" -v o="$own" 'BEGIN {x = (b - a) / t - o; printf "%.1f", (x < 0 ? 0 : x)}')"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$t" "$r" "$rc" "$wall" "$user" "$sys" "$rss" "$others" "$detail" >> "$raw"
  echo "[$c $t round $r] rc=$rc wall=${wall}s cpu=${own}s maxrss=$((rss / 1024))MB others_cpu=${others}s" >&2
  if [[ $rc -ne 0 ]]; then tail -5 "$log.out" >&2; fi
  return "$rc"
}

read -r -a tools <<< "$TOOLS"
n=${#tools[@]}
{
  echo "# command: bench/proximity.sh  RUNS=$RUNS CASES='$CASES' TOOLS='$TOOLS' SKIP='$SKIP' ONCE='$ONCE' GEOMILL_MASTER='$GEOMILL_MASTER' GEOMILL_JAVA_OPTS='${GEOMILL_JAVA_OPTS:-}'"
  echo "# started: $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$work/run-header.txt"
declare -A stopped=()
for c in $CASES; do
  for (( round = 1; round <= RUNS; round++ )); do
    for (( i = 0; i < n; i++ )); do
      t="${tools[$(( (i + round - 1) % n ))]}"   # rotate the order each round
      [[ " $SKIP " == *" $t@$c "* || -n "${stopped[$t@$c]:-}" ]] && continue
      [[ $round -gt 1 && " $ONCE " == *" $t@$c "* ]] && continue
      if ! measure "$c" "$t" "$round"; then
        stopped[$t@$c]=1   # a failed or timed-out run is recorded once, not repeated
      fi
    done
  done
done
echo "# ended: $(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)" >> "$work/run-header.txt"

/usr/bin/python3 "$here/report.py" --raw "$raw" --work "$work" --header "$work/run-header.txt" \
  --git "$git_rev" --cases "$CASES" --checksums "$here/checksums.txt" > "$table"
echo
echo "raw: $raw"
echo "table: $table"
echo
cat "$table"
