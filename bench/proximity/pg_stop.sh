#!/bin/bash
# Stops the benchmark's private PostgreSQL cluster (pg_setup.sh). usage: pg_stop.sh PGDIR
su postgres -c "/usr/lib/postgresql/15/bin/pg_ctl -D $1/data -m fast -w stop" > /dev/null
