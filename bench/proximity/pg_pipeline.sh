#!/bin/bash
# PostGIS end to end, input files to output file: usage pg_pipeline.sh PGDIR POINTS.csv POLYGONS.shp OUT.csv LOGS/PREFIX
# Phases, each its own client session timed with /usr/bin/time -v:
#   polys  : ogr2ogr the shapefile into PostGIS projected to EPSG:32618 (PROJ); table polys(type, weight, geom);
#            GiST; ANALYZE
#   load   : COPY lon,lat CSV into pts_raw (id = 1-based row number, an identity column)
#   geom   : CTAS pts = id + ST_Transform(ST_SetSRID(ST_MakePoint(lon,lat),4326),32618); GiST; ANALYZE
#   join   : CTAS res = ST_DWithin(p.geom, g.geom, 200) grouped by point and polygon type
#            (n = count, w = sum(weight))
#   export : COPY (res ordered by point_id, type) TO CSV
# Adapted from ../shared/bench/pg_pipeline.sh (the same SQL for load/geom/join/export, the same server CPU and
# backend memory accounting); added: the polygons phase (the peers loaded them once, untimed), paths as
# arguments, a CHECKPOINT and clean tables before the run (untimed), one PHASE line per phase on stdout.
# Server CPU = delta of utime+stime over all postgres processes + postmaster's cutime/cstime (reaped backends
# and parallel workers); client CPU = the psql/ogr2ogr process; backend peak RSS = the phase backend's VmHWM.
set -uo pipefail
PG=$1; CSV=$2; SHP=$3; OUT=$4; LOG=$5; PORT=${PGPORT:-55439}; D=${DISTANCE:-200}
PSQL="psql -X -q -v ON_ERROR_STOP=1 -h $PG -p $PORT -U postgres -d bench"
PM=$(head -1 "$PG/data/postmaster.pid")
TCK=$(getconf CLK_TCK)
srvcpu() {  # prints "user_ticks sys_ticks" of the server
  local u=0 s=0 pid uu ss cu cs
  for pid in $PM $(pgrep -P "$PM"); do
    read -r uu ss cu cs < <(awk '{sub(/^.*\) /,""); print $12, $13, $14, $15}' /proc/$pid/stat 2>/dev/null) || continue
    u=$((u+uu)); s=$((s+ss))
    [ "$pid" = "$PM" ] && { u=$((u+cu)); s=$((s+cs)); }
  done
  echo $u $s
}
tv() { awk -F': ' -v k="$2" '$1 ~ k {print $2}' "$1"; }
phase() {  # phase NAME COMMAND...   (the command's last output line is the backend's VmHWM in kB)
  local name=$1; shift
  local u0 s0 u1 s1 rc
  sync
  read -r u0 s0 < <(srvcpu)
  /usr/bin/time -v -o "$LOG.$name.time" "$@" > "$LOG.$name.out" 2>&1
  rc=$?
  sleep 0.2   # let the finished backend be reaped, so its CPU shows in the postmaster's cutime (not timed)
  read -r u1 s1 < <(srvcpu)
  local wall hwm
  wall=$(tv "$LOG.$name.time" 'Elapsed \\(wall clock\\)' | awk '{n=split($1,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}')
  hwm=$(tail -1 "$LOG.$name.out")
  [[ "$hwm" =~ ^[0-9]+$ ]] || hwm=0
  printf 'PHASE %s wall=%s srv_user=%s srv_sys=%s client_user=%s client_sys=%s client_rss_kb=%s backend_hwm_kb=%s rc=%s\n' \
    "$name" "$wall" "$(awk -v a=$u0 -v b=$u1 -v t=$TCK 'BEGIN{printf "%.2f",(b-a)/t}')" \
    "$(awk -v a=$s0 -v b=$s1 -v t=$TCK 'BEGIN{printf "%.2f",(b-a)/t}')" "$(tv "$LOG.$name.time" 'User time')" \
    "$(tv "$LOG.$name.time" 'System time')" "$(tv "$LOG.$name.time" 'Maximum resident set size')" "$hwm" "$rc"
  [ $rc -eq 0 ] || { cat "$LOG.$name.out" >&2; exit 1; }
}
HWM="select (regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\s+(\d+)'))[1]"
PGOPTIONS="-c client_min_messages=warning" $PSQL -c "drop table if exists pts_raw, pts, res, polys_raw, polys" -c "checkpoint" > /dev/null || exit 1
rm -f "$OUT"
phase polys bash -c "ogr2ogr -f PostgreSQL 'PG:host=$PG port=$PORT user=postgres dbname=bench' '$SHP' -nln polys_raw \
    -t_srs EPSG:32618 -lco GEOMETRY_NAME=geom -lco FID=ogc_fid -lco PRECISION=NO -lco SPATIAL_INDEX=NONE \
    -nlt PROMOTE_TO_MULTI && $PSQL -tA -c \"create table polys as select type, weight, geom from polys_raw;
    create index polys_gix on polys using gist(geom); analyze polys\" -c \"$HWM\""
phase load $PSQL -tA -c "create table pts_raw (id bigint generated always as identity, lon float8, lat float8);
    copy pts_raw(lon, lat) from '$CSV' with (format csv, header true)" -c "$HWM"
phase geom $PSQL -tA -c "create table pts as select id, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 32618)::geometry(Point, 32618) as geom from pts_raw;
    create index pts_gix on pts using gist(geom);
    analyze pts" -c "$HWM"
phase join $PSQL -tA -c "create table res as
    select p.id as point_id, g.type, count(*)::int as n, sum(g.weight)::int as w
    from pts p join polys g on ST_DWithin(p.geom, g.geom, $D)
    group by p.id, g.type" -c "$HWM"
phase export $PSQL -tA -c "copy (select * from res order by point_id, type) to '$OUT' with (format csv, header true)" -c "$HWM"
$PSQL -tAF ' ' -c "select 'RESULT rows=' || count(*), 'sum_n=' || sum(n), 'sum_w=' || sum(w), 'points=' || count(distinct point_id) from res"
