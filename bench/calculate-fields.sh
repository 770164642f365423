#!/usr/bin/env bash
# calculate-fields (issue 6): add and calculate GTYPE (geometry type), SRC (file stem) and AREA in every one of
# FILES real-derived shapefiles, side by side in one run:
#   geomill-local-all  bin/geomill calculate-fields --master 'local[*]'
#   geomill-local1     the same, --master local[1] (one task at a time: the sequential loop)
#   ogr2ogr-xargs-P2   one `ogr2ogr -sql` per file (OGR SQL: OGR_GEOMETRY, OGR_GEOM_AREA), `xargs -P 2`
# each under /usr/bin/time -v (wall, user, sys, max RSS), then a markdown table on stdout.
#
#   bench/calculate-fields.sh            # 500 files of 200 polygons (built once into CACHE)
#   bench/calculate-fields.sh --quick    # 20 files of 50 polygons, one round: checks the script end to end
#
# The data: FILES shapefiles cut with ogr2ogr -where from SOURCE_SHP (default: US counties, Apache-2.0,
# ../shared/data/sedona-geospark/shapefiles/dbf/map.shp; it has no .prj, so EPSG:4269 is assigned), file i
# holding FEATURES consecutive features starting at (7 i) mod (N - FEATURES). Built once into
# CACHE/counties-FILES-FEATURES (default CACHE: /work/bench-data/calculate-fields, outside the repository).
# Environment: SOURCE_SHP, CACHE, FILES (500), FEATURES (200), ROUNDS (1), HEAP (2g, GeoMill's -Xmx),
#   SKIP_BUILD=1 (use jobs/target as it is), OUT (scratch for outputs, default CACHE/out).
# Output: the table, also written to bench/results/calculate-fields-<UTC time>.md.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
quick=0
[[ "${1:-}" == "--quick" ]] && quick=1
if (( quick )); then
  FILES="${FILES:-20}"; FEATURES="${FEATURES:-50}"
fi
FILES="${FILES:-500}"
FEATURES="${FEATURES:-200}"
ROUNDS="${ROUNDS:-1}"
HEAP="${HEAP:-2g}"
SOURCE_SHP="${SOURCE_SHP:-$home/../shared/data/sedona-geospark/shapefiles/dbf/map.shp}"
CACHE="${CACHE:-/work/bench-data/calculate-fields}"
OUT="${OUT:-$CACHE/out}"
for tool in ogr2ogr ogrinfo /usr/bin/time; do
  command -v "$tool" > /dev/null || { echo "needs $tool (apt-get install gdal-bin time)" >&2; exit 2; }
done
[[ -f "$SOURCE_SHP" ]] || { echo "SOURCE_SHP=$SOURCE_SHP: no such file" >&2; exit 2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building (mvn -q -B -DskipTests package -pl jobs -am)..." >&2
  mvn -q -B -o -DskipTests package -pl jobs -am >&2
fi

# --- the data, built once -------------------------------------------------------------------------------
data="$CACHE/counties-$FILES-$FEATURES"
if [[ ! -f "$data/.complete" ]]; then
  echo "building $FILES shapefiles of $FEATURES features into $data ..." >&2
  rm -rf "$data" && mkdir -p "$data"
  layer="$(basename "$SOURCE_SHP" .shp)"
  total="$(ogrinfo -so "$SOURCE_SHP" "$layer" | sed -n 's/^Feature Count: //p')"
  (( total > FEATURES )) || { echo "$SOURCE_SHP has $total features, not more than FEATURES=$FEATURES" >&2; exit 2; }
  cut_one() {   # $1 file number: FEATURES features from (7 i) mod (total - FEATURES)
    local start=$(( (7 * $1) % (total - FEATURES) ))
    ogr2ogr -q -a_srs EPSG:4269 -where "FID >= $start AND FID < $(( start + FEATURES ))" \
      "$data/counties_$(printf %04d "$1").shp" "$SOURCE_SHP"
  }
  export -f cut_one
  export total FEATURES data SOURCE_SHP
  seq 0 $(( FILES - 1 )) | xargs -P 2 -I{} bash -c 'cut_one {}'
  touch "$data/.complete"
fi
count="$(find "$data" -maxdepth 1 -name '*.shp' | wc -l)"
(( count == FILES )) || { echo "$data holds $count shapefiles, not $FILES: delete it to rebuild" >&2; exit 2; }

# --- the runs ---------------------------------------------------------------------------------------------
export GEOMILL_JAVA_OPTS="-Xmx$HEAP"
mkdir -p "$OUT" bench/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
table="bench/results/calculate-fields-$stamp.md"
rows=()

gm_args=(calculate-fields --in "$data" --add GTYPE:TEXT:20 --add SRC:TEXT:40 --add AREA:DOUBLE:24:12
  --set 'GTYPE=ST_GeometryType(geometry)' --set 'SRC=file_stem' --set 'AREA=ST_Area(geometry)')

ogr_one() {   # $1 input .shp, $2 output folder
  local stem; stem="$(basename "$1" .shp)"
  ogr2ogr -q -f "ESRI Shapefile" "$2/$stem.shp" "$1" -sql "SELECT *, CAST(OGR_GEOMETRY AS character(20)) AS GTYPE,
    CAST('$stem' AS character(40)) AS SRC, CAST(OGR_GEOM_AREA AS numeric(24,12)) AS AREA FROM \"$stem\""
}
export -f ogr_one

measure() {   # $1 name, $2 output folder, rest: the command
  local name="$1" out="$2"; shift 2
  rm -rf "$out" && mkdir -p "$out"
  echo "running $name ..." >&2
  local log="$OUT/$name.time"
  if ! /usr/bin/time -v -o "$log" "$@" > "$OUT/$name.log" 2>&1; then
    echo "FAILED: $name (see $OUT/$name.log)" >&2
    tail -20 "$OUT/$name.log" >&2
    exit 1
  fi
  local wall user sys rss written
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" \
    | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.1f", s}')"
  user="$(sed -n 's/.*User time (seconds): //p' "$log")"
  sys="$(sed -n 's/.*System time (seconds): //p' "$log")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log" | awk '{printf "%.0f", $1 / 1024}')"
  written="$(find "$out" -name '*.dbf' -not -path '*/_geomill/*' | wc -l)"
  (( written == FILES )) || { echo "FAILED: $name wrote $written .dbf files, not $FILES" >&2; exit 1; }
  rows+=("| $name | $wall | $user | $sys | $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.1f", u + s}') | $rss |")
}

for (( round = 1; round <= ROUNDS; round++ )); do
  measure geomill-local-all "$OUT/geomill-all" bin/geomill "${gm_args[@]}" --master 'local[*]' --out "$OUT/geomill-all"
  measure geomill-local1 "$OUT/geomill-1" bin/geomill "${gm_args[@]}" --master 'local[1]' --out "$OUT/geomill-1"
  measure ogr2ogr-xargs-P2 "$OUT/ogr2ogr" bash -c "find '$data' -maxdepth 1 -name '*.shp' -print0 | sort -z \
    | xargs -0 -P 2 -I{} bash -c 'ogr_one \"\$1\" \"$OUT/ogr2ogr\"' _ {}"
done

# --- the outputs agree (first and last file: same types, as many SRC = the file's stem, areas equal to 1e-9) -------------
for stem in counties_0000 "counties_$(printf %04d $(( FILES - 1 )))"; do
  for out in geomill-all geomill-1 ogr2ogr; do
    { ogrinfo -q -sql "SELECT COUNT(*) AS n, SUM(AREA) AS area FROM $stem" "$OUT/$out/$stem.shp"
      ogrinfo -q -sql "SELECT COUNT(*) AS src FROM $stem WHERE SRC = '$stem'" "$OUT/$out/$stem.shp"
    } | sed -n 's/^ *\(n\|area\|src\) ([A-Za-z0-9]*) = //p' | paste -sd' ' > "$OUT/$out.check"
  done
  read -r n_a area_a src_a < "$OUT/geomill-all.check"
  for out in geomill-1 ogr2ogr; do
    read -r n_b area_b src_b < "$OUT/$out.check"
    if [[ "$n_a" != "$n_b" || "$src_a" != "$src_b" || "$src_a" != "$n_a" ]] \
        || ! awk -v a="$area_a" -v b="$area_b" 'BEGIN {d = a - b; exit !(d < 1e-9 && d > -1e-9)}'; then
      echo "MISMATCH in $stem: geomill-all ($n_a $area_a $src_a) vs $out ($n_b $area_b $src_b)" >&2
      exit 1
    fi
  done
done
gtypes="$(ogrinfo -q -sql "SELECT DISTINCT GTYPE FROM counties_0000" "$OUT/geomill-all/counties_0000.shp" \
  | sed -n 's/^ *GTYPE (String) = //p' | paste -sd,)"

{
  echo "calculate-fields on $FILES shapefiles x $FEATURES polygons ($(basename "$SOURCE_SHP")), $stamp UTC,"
  echo "$(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), GeoMill -Xmx$HEAP, $(ogr2ogr --version)."
  echo "Outputs checked equal (feature count, SUM(AREA) to 1e-9, SRC = file stem everywhere) on the first and last file; GTYPE of"
  echo "counties_0000: $gtypes. Max RSS of ogr2ogr-xargs-P2 is its largest single process."
  echo
  echo "| run | wall s | user s | sys s | CPU s (user+sys) | max RSS MB |"
  echo "|---|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$table"
echo >&2
echo "table: $table" >&2
