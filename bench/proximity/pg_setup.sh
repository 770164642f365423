#!/bin/bash
# A private PostgreSQL 15 + PostGIS 3.3 cluster for the benchmark: $1/data, user postgres, Unix socket only
# (socket folder $1, port $PGPORT, listen_addresses ''), database "bench" with PostGIS. Started if stopped.
# Adapted from ../shared/bench/pg_setup.sh (same server settings as the peer benchmarks' RESULTS.md); the
# polygons are loaded by pg_pipeline.sh, as a timed phase, not here.
# usage: pg_setup.sh PGDIR   (run as root: the server runs as the postgres user)
set -euo pipefail
PG=$1; PORT=${PGPORT:-55439}; BIN=/usr/lib/postgresql/15/bin
mkdir -p "$PG"; chown postgres:postgres "$PG"
if [ ! -f "$PG/data/PG_VERSION" ]; then
  su postgres -c "$BIN/initdb -D $PG/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" > "$PG/initdb.log"
  cat >> "$PG/data/postgresql.conf" <<CONF
port = $PORT
listen_addresses = ''
unix_socket_directories = '$PG'
shared_buffers = 4GB
work_mem = 256MB
maintenance_work_mem = 2GB
effective_cache_size = 16GB
max_wal_size = 8GB
checkpoint_timeout = 30min
max_parallel_workers_per_gather = 2
max_parallel_maintenance_workers = 2
CONF
fi
su postgres -c "$BIN/pg_ctl -D $PG/data status" > /dev/null || su postgres -c "$BIN/pg_ctl -D $PG/data -l $PG/server.log -w start" > /dev/null
PSQL="psql -X -q -h $PG -p $PORT -U postgres"
$PSQL -d postgres -tAc "select 1 from pg_database where datname = 'bench'" | grep -q 1 || $PSQL -d postgres -c "create database bench"
$PSQL -d bench -c "create extension if not exists postgis"
