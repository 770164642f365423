#!/usr/bin/python3
"""GeoPandas peer (geopandas 0.12, shapely 1.8, rtree backend), end to end: CSV and shapefile in, CSV out.
Same semantics as the PostGIS pipeline: a point counts a polygon when their distance in EPSG:32618 is <= D
(200 m), grouped by (point_id, type): n = count, w = sum(weight); point_id = 1-based row number.
sindex: rtree over the points; query_bulk(polygons.buffer(D + 0.5), predicate='intersects') gives candidates
(the 0.5 m pad covers the buffer's chord error), then an exact distance <= D filter.
Adapted from ../shared/bench/gpd_join.py: paths as arguments, type and weight read from the polygons' fields
(the peers derived them from the feature order, which is what bench/proximity/make_polygons.py writes).
usage: gpd_join.py points.csv polygons.shp out.csv"""
import sys, time
import numpy as np, pandas as pd, geopandas as gpd
csv, shp, out = sys.argv[1:4]
D = 200.0
T = {}; t = time.time()
def lap(k):
    global t
    T[k] = time.time() - t; t = time.time()
df = pd.read_csv(csv)
lap("read_csv")
pts = gpd.GeoSeries(gpd.points_from_xy(df.lon.values, df.lat.values), crs=4326).to_crs(32618)
lap("points+to_crs")
polys = gpd.read_file(shp).to_crs(32618)
lap("read_polys")
sidx = pts.sindex
sidx.size  # force build
lap("sindex_build")
qi, pi = sidx.query_bulk(polys.geometry.buffer(D + 0.5), predicate="intersects")
lap("query_bulk")
pg = polys.geometry.values
pv = pts.values
d = np.fromiter((pv[j].distance(pg[i]) for i, j in zip(qi, pi)), dtype=float, count=len(qi))
keep = d <= D
qi, pi = qi[keep], pi[keep]
lap("exact_filter")
pairs = pd.DataFrame({"point_id": pi + 1, "type": polys["type"].values[qi], "w": polys["weight"].values[qi]})
res = pairs.groupby(["point_id", "type"], sort=True).agg(n=("w", "size"), w=("w", "sum")).reset_index()
lap("groupby")
res.to_csv(out, index=False)
lap("to_csv")
print("phases:", " ".join(f"{k}={v:.2f}s" for k, v in T.items()), f"total={sum(T.values()):.2f}s")
print(f"RESULT rows={len(res)} sum_n={int(res.n.sum())} sum_w={int(res.w.sum())} points={res.point_id.nunique()}"
      f" candidates={int(keep.size)} pairs={int(keep.sum())}")
