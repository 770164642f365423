#!/usr/bin/python3
"""The benchmark's polygon layers, as shapefiles in EPSG:4326 with integer fields poly_id, type, weight.

  make_polygons.py landmarks SRC.shp OUT.shp
      The 346 real NYC area landmarks (Apache Sedona's test data), geometry copied as is, with the peer
      benchmarks' definitions (../shared/bench/pg_setup.sh): poly_id = 1-based feature order,
      type = poly_id % 6 + 1, weight = poly_id % 10 + 1.
  make_polygons.py generated N SEED EXTENT.shp OUT.shp
      N star-shaped polygons (5-10 vertices at sorted random angles, radii 0.5-1 x R, R log-uniform
      15-120 m) with centres uniform over EXTENT.shp's bounding box; type uniform 1-6, weight uniform
      1-10; numpy default_rng(SEED). Star-shaped around their centre, so every polygon is valid."""
import sys, time
import numpy as np
from osgeo import ogr, osr

def create(out):
    drv = ogr.GetDriverByName("ESRI Shapefile")
    ds = drv.CreateDataSource(out)
    srs = osr.SpatialReference(); srs.ImportFromEPSG(4326)
    layer = ds.CreateLayer(ds.GetName().rsplit("/", 1)[-1][:-4], srs, ogr.wkbPolygon, ["ENCODING=UTF-8"])
    for name in ("poly_id", "type", "weight"):
        layer.CreateField(ogr.FieldDefn(name, ogr.OFTInteger))
    return ds, layer

def add(layer, geometry, poly_id, type_, weight):
    f = ogr.Feature(layer.GetLayerDefn())
    f.SetField("poly_id", int(poly_id)); f.SetField("type", int(type_)); f.SetField("weight", int(weight))
    f.SetGeometry(geometry)
    layer.CreateFeature(f)

t0 = time.time()
if sys.argv[1] == "landmarks":
    src, out = sys.argv[2:4]
    ds, layer = create(out)
    source = ogr.Open(src)  # kept referenced: GDAL frees the layer with its data source
    for i, feature in enumerate(source.GetLayer(0), start=1):
        add(layer, feature.GetGeometryRef(), i, i % 6 + 1, i % 10 + 1)
    n = i
elif sys.argv[1] == "generated":
    n, seed, extent_src, out = int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
    extent = ogr.Open(extent_src)
    minx, maxx, miny, maxy = extent.GetLayer(0).GetExtent()
    rng = np.random.default_rng(seed)
    cx = minx + rng.random(n) * (maxx - minx)
    cy = miny + rng.random(n) * (maxy - miny)
    radius = np.exp(rng.uniform(np.log(15), np.log(120), n))
    vertices = rng.integers(5, 11, n)
    types = rng.integers(1, 7, n)
    weights = rng.integers(1, 11, n)
    ds, layer = create(out)
    for i in range(n):
        k = vertices[i]
        angles = np.sort(rng.random(k)) * 2 * np.pi
        r = radius[i] * rng.uniform(0.5, 1.0, k)
        dx = r * np.cos(angles) / (111_320 * np.cos(np.radians(cy[i])))
        dy = r * np.sin(angles) / 110_574
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in zip((cx[i] + dx).tolist(), (cy[i] + dy).tolist()):
            ring.AddPoint_2D(x, y)
        ring.AddPoint_2D(cx[i] + dx[0], cy[i] + dy[0])
        polygon = ogr.Geometry(ogr.wkbPolygon)
        polygon.AddGeometry(ring)
        add(layer, polygon, i + 1, types[i], weights[i])
else:
    sys.exit(__doc__)
ds = None
print(f"{n} polygons -> {out} in {time.time() - t0:.1f}s")
