#!/bin/bash
# Builds the proximity benchmark's inputs in DATA_DIR (skips what is there with the right checksum):
#   pts_100k.csv   the 100,000 real NYC taxi pickups (data-samples/proximity, Apache-2.0), header lon,lat
#   pts_1m.csv, pts_10m.csv   uniform points over the landmarks' extent (gen_points.py, seed 42; 1M = prefix of 10M)
#   landmarks.shp  the 346 real NYC landmark polygons with poly_id, type, weight (make_polygons.py landmarks)
#   polys_100k.shp 100,000 generated polygons over the same extent (make_polygons.py generated, seed 20261201)
# Every file is checked against checksums.txt; a mismatch stops the benchmark.
# usage: data.sh DATA_DIR [CASES...]   (cases: 100k 1m 10m 1m-100kpoly; default all)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out=$1; shift
cases="${*:-100k 1m 10m 1m-100kpoly}"
mkdir -p "$out"
landmarks_src="$repo/data-samples/vectors/nyc-area-landmark/nyu_2451_34514.shp"
py=/usr/bin/python3   # Debian's, with GDAL's and numpy's bindings
# numpy's sin and cos take AVX-512 code where the CPU has it, whose last bits differ from the AVX2 code's: the
# polygons' generator runs with those paths off, so every host makes the same files (the checksums' bytes).
avx512="$($py -c 'from numpy.core._multiarray_umath import __cpu_dispatch__ as d, __cpu_features__ as f
print(" ".join(k for k in d if k.startswith("AVX512") and f.get(k)))')"
polygons() { NPY_DISABLE_CPU_FEATURES="$avx512" $py "$here/make_polygons.py" "$@"; }
expected() { awk -v f="$1" '$2 == f {print $1}' "$here/checksums.txt"; }
ok() { [[ -f "$out/$1" && "$(md5sum < "$out/$1" | cut -d' ' -f1)" == "$(expected "$1")" ]]; }
check() {
  local f
  for f in "$@"; do
    ok "$f" || { echo "data.sh: $out/$f: checksum $(md5sum < "$out/$f" | cut -d' ' -f1), expected $(expected "$f")" >&2; exit 1; }
  done
}
if ! ok landmarks.shp || ! ok landmarks.shx; then
  rm -f "$out"/landmarks.*
  polygons landmarks "$landmarks_src" "$out/landmarks.shp"
  check landmarks.shp landmarks.shx
fi
for c in $cases; do
  case $c in
    100k)
      ok pts_100k.csv || { cp "$repo/data-samples/proximity/nyc_taxi_pickups_2009-01.csv" "$out/pts_100k.csv"; check pts_100k.csv; } ;;
    1m|1m-100kpoly)
      ok pts_1m.csv || { $py "$here/gen_points.py" 1000000 "$out/pts_1m.csv" "$landmarks_src"; check pts_1m.csv; } ;;&
    1m-100kpoly)
      if ! ok polys_100k.shp || ! ok polys_100k.shx; then
        rm -f "$out"/polys_100k.*
        polygons generated 100000 20261201 "$landmarks_src" "$out/polys_100k.shp"
        check polys_100k.shp polys_100k.shx
      fi ;;
    10m)
      ok pts_10m.csv || { $py "$here/gen_points.py" 10000000 "$out/pts_10m.csv" "$landmarks_src"; check pts_10m.csv; } ;;
    1m) ;;
    *) echo "data.sh: unknown case $c (known: 100k 1m 10m 1m-100kpoly)" >&2; exit 2 ;;
  esac
done
