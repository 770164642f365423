#!/usr/bin/python3
"""Uniform random points (numpy default_rng(42)) over the WGS84 bounding box of the NYC
area-landmark polygons, written as CSV with header 'lon,lat' (7 decimals).
The 1M file is the prefix of the 10M file (same seed, same draw order).

Copied from ../shared/bench/gen_points.py (the peer benchmarks' generator, same seed and output: the
checksums in ../shared/bench/checksums.txt hold); only the polygons' path became an argument.
usage: gen_points.py N OUT.csv LANDMARKS.shp"""
import sys, time
import numpy as np
from osgeo import ogr
n, out, shp = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ds = ogr.Open(shp)
minx, maxx, miny, maxy = ds.GetLayer(0).GetExtent()
t0 = time.time()
rng = np.random.default_rng(42)
u = rng.random((n, 2))
lon = minx + u[:, 0] * (maxx - minx)
lat = miny + u[:, 1] * (maxy - miny)
with open(out, "w") as f:
    f.write("lon,lat\n")
    step = 1_000_000
    for i in range(0, n, step):
        f.write("\n".join(f"{a:.7f},{b:.7f}" for a, b in zip(lon[i:i+step].tolist(), lat[i:i+step].tolist())))
        f.write("\n")
print(f"{n} points bbox=({minx},{miny})-({maxx},{maxy}) -> {out} in {time.time()-t0:.1f}s")
