#!/usr/bin/python3
"""The proximity benchmark's report (Markdown on stdout), from bench/proximity.sh's per-run TSV and outputs.

Every figure is a median over the rounds (wall, CPU and peak RSS taken separately); 'runs' gives the count and the
min-max wall. Results are checked against PostGIS's output: rows, counts and weight sums, and every (point, type)
row that differs is looked up: it must have a polygon of that type at a distance within 1 cm of D (computed here
with PROJ and GEOS through GeoPandas), where GeoTools' transform (GeoMill) and PROJ's may fall on different sides.
"""
import argparse, collections, csv, hashlib, os, platform, re, statistics as st, subprocess, sys
import numpy as np, pandas as pd

D = 200.0
BORDER = 0.01
CASES = {"100k": (100_000, "346 NYC landmarks"), "1m": (1_000_000, "346 NYC landmarks"),
         "10m": (10_000_000, "346 NYC landmarks"), "1m-100kpoly": (1_000_000, "100,000 generated polygons")}
TOOL_NAMES = {"geomill": "GeoMill, long CSV", "geomill-nocds": "GeoMill, long CSV, no class archive",
              "geomill-wide": "GeoMill, wide GeoParquet", "postgis": "PostGIS", "geopandas": "GeoPandas"}


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=60).stdout.strip()
    except Exception as e:  # a missing tool is reported, not fatal
        return f"? ({e})"


def pom_property(name):
    text = open(os.path.join(REPO, "pom.xml")).read()
    m = re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", text)
    return m.group(1) if m else "?"


def machine(args):
    import geopandas, shapely, pyproj
    cpu = sh("lscpu | sed -n 's/^Model name: *//p'")
    hyp = sh("lscpu | sed -n 's/^Hypervisor vendor: *//p'")
    ram = sh("free -g | awk '/^Mem:/ {print $2}'")
    pg = sh(f"psql -X -h {args.work}/pg -p {os.environ.get('PGPORT', '55439')} -U postgres -d bench -tAc "
            "\"select split_part(version(), ',', 1) || ' / ' || postgis_full_version()\"")
    pg = re.sub(r'\s*(LIBXML|LIBJSON|LIBPROTOBUF|WAGYU|TOPOLOGY|RASTER)="?[^ ]*"?', "", pg)
    lines = [
        f"- machine: {cpu} x {os.cpu_count()} vCPU{f' ({hyp} guest)' if hyp else ''}, {ram} GiB RAM; "
        f"{sh('. /etc/os-release && echo $PRETTY_NAME')}, kernel {platform.release()}",
        f"- GeoMill {args.git}: Spark {pom_property('spark.version')}, Sedona {pom_property('sedona.version')}, "
        f"GeoTools wrapper {pom_property('geotools.wrapper.version')}; "
        f"{sh('java -version 2>&1 | sed -n 2p')}; JVM as bin/geomill starts it (heap 60 % of RAM unless "
        f"GEOMILL_JAVA_OPTS says otherwise)",
        f"- PostgreSQL / PostGIS: {pg or '(server not reached)'}",
        f"- GeoPandas {geopandas.__version__}, Shapely {shapely.__version__}, pyproj {pyproj.__version__} "
        f"(PROJ {pyproj.proj_version_str}), pandas {pd.__version__}, numpy {np.__version__}; "
        f"{sh('gdalinfo --version')}",
    ]
    return "\n".join(lines)


def fnum(x, digits=2):
    return "-" if x is None else f"{x:.{digits}f}"


def rate(n, seconds):
    v = n / seconds
    return f"{v / 1e6:.2f} M" if v >= 1e6 else f"{v / 1e3:.0f} k"


def parse_kv(text):
    """'a=1.2 b=3' or 'a=1.2s b=3s' -> {a: 1.2, b: 3.0} (numbers only)."""
    out = {}
    for k, v in re.findall(r"([A-Za-z_+]+)=([-\d.]+)s?\b", text or ""):
        out[k] = float(v)
    return out


def read_result(path, tool):
    """(point_id 1-based, type) -> n, w as a DataFrame, or None."""
    if not os.path.exists(path):
        return None
    df = pd.read_csv(path)
    if tool in ("geomill", "geomill-nocds"):
        df = df.rename(columns={"count": "n", "sum": "w"})
        df["point_id"] = df["point_id"] + 1  # GeoMill numbers rows from 0, PostGIS and GeoPandas from 1
    df["w"] = df["w"].round().astype("int64")
    df["n"] = df["n"].astype("int64")
    df["type"] = df["type"].astype("int64")
    return df[["point_id", "type", "n", "w"]]


def totals(df):
    return dict(rows=len(df), sum_n=int(df.n.sum()), sum_w=int(df.w.sum()), points=int(df.point_id.nunique()))


def borderline(case, diffs):
    """How many of the differing (point_id, type) rows have a polygon of that type within 1 cm of D."""
    import geopandas as gpd
    points = pd.read_csv(POINTS[case])
    polys = gpd.read_file(POLYGONS[case]).to_crs(32618)
    rows = points.iloc[[pid - 1 for pid, _ in diffs]]
    located = gpd.GeoSeries(gpd.points_from_xy(rows.lon, rows.lat), crs=4326).to_crs(32618)
    index = polys.sindex  # the candidates near each point, not every polygon (thousands of rows may differ)
    explained = 0
    for (pid, typ), p in zip(diffs, located):
        near = polys.iloc[index.query(p.buffer(D + BORDER))]
        d = near[near["type"] == typ].geometry.distance(p)
        if (abs(d - D) < BORDER).any():
            explained += 1
    return explained


def main():
    ap = argparse.ArgumentParser()
    for a in ("raw", "work", "header", "git", "cases", "checksums"):
        ap.add_argument("--" + a, required=True)
    args = ap.parse_args()
    global REPO, POINTS, POLYGONS
    REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    data = os.path.join(args.work, "data")
    POINTS = {"100k": f"{data}/pts_100k.csv", "1m": f"{data}/pts_1m.csv", "10m": f"{data}/pts_10m.csv",
              "1m-100kpoly": f"{data}/pts_1m.csv"}
    POLYGONS = {c: f"{data}/landmarks.shp" for c in ("100k", "1m", "10m")}
    POLYGONS["1m-100kpoly"] = f"{data}/polys_100k.shp"
    expected_md5 = {}
    for line in open(args.checksums):
        if line.strip() and not line.startswith("#"):
            md5, name = line.split()
            expected_md5[name] = md5

    with open(args.raw) as f:
        runs = list(csv.DictReader(f, delimiter="\t"))
    by = collections.OrderedDict()
    for r in runs:
        by.setdefault((r["case"], r["tool"]), []).append(r)
    cases = [c for c in args.cases.split() if any(k[0] == c for k in by)]

    out = []
    w = out.append
    w(f"# Proximity benchmark: GeoMill vs PostGIS vs GeoPandas, end to end ({runs and 'run ' + os.path.basename(args.raw)[10:-4]})")
    w("")
    w(machine(args))
    for line in open(args.header):
        w("- " + line.strip().lstrip("# "))
    w("")
    w("Every tool reads the same point CSV (header `lon,lat`, WGS 84) and polygon shapefile (WGS 84, fields `type`, "
      "`weight`), measures in EPSG:32618 and writes, for every (point, polygon type) with a polygon within 200 m, "
      "the count and the weight sum (GeoMill's wide variant: every point with `count_<type>`, `sum_<type>`). "
      "Figures are medians over the rounds (wall, CPU and peak RSS separately); 'runs' is the number of rounds and "
      "the min-max wall; 'others CPU' is what other processes used during a run (a quiet machine shows ~0). "
      "PostGIS: wall = the sum of its five client sessions, CPU = server + clients, peak RSS = the largest backend "
      "VmHWM (includes touched shared_buffers, 4 GB configured); its server was started before the runs. "
      "GeoMill: a fresh JVM per run (`bin/geomill` as a user runs it); its wall includes the JVM, Spark and Sedona "
      "start (see the steps table), and the JVM maps the class archive bin/geomill makes beside the jar once per build "
      "(its training run came before the untimed warm-up run; the 'no class archive' row runs without it).")
    w("")
    w("| points x polygons | tool | median wall s | runs (min-max wall s) | user s | sys s | CPU s | peak RSS MB | points/s | others CPU s | vs PostGIS wall | result |")
    w("|---|---|---|---|---|---|---|---|---|---|---|---|")
    checks = {}
    medians = {}
    for (c, t), rr in by.items():
        ok = [r for r in rr if r["rc"] == "0"]
        if ok:
            medians[(c, t)] = (st.median([float(r["wall_s"]) for r in ok]), ok)
    for c in cases:
        n_points, polys = CASES[c]
        ref = read_result(os.path.join(args.work, "out", "postgis", f"{c}.postgis.csv"), "postgis")
        ref_tot = totals(ref) if ref is not None else None
        for t in TOOL_NAMES:
            rr = by.get((c, t))
            if not rr:
                continue
            ok = [r for r in rr if r["rc"] == "0"]
            if not ok:
                r = rr[0]
                why = "timed out" if r["rc"] in ("124", "137") else f"failed (exit {r['rc']})"
                w(f"| {n_points:,} x {polys} | {TOOL_NAMES[t]} | {why} after {float(r['wall_s']):.0f} s | 1 | - | - | - | "
                  f"{int(r['maxrss_kb']) / 1024:.0f} | - | {r['others_cpu_s']} | - | not run to the end |")
                continue
            wall = [float(r["wall_s"]) for r in ok]
            user = [float(r["user_s"]) for r in ok]
            sys_ = [float(r["sys_s"]) for r in ok]
            cpu = [float(r["user_s"]) + float(r["sys_s"]) for r in ok]
            rss = [int(r["maxrss_kb"]) / 1024 for r in ok]
            others = [float(r["others_cpu_s"]) for r in ok]
            mw = st.median(wall)
            result = check(c, t, ref, ref_tot, args, ok, expected_md5)
            checks[(c, t)] = result
            vs = "-"
            if t != "postgis" and (c, "postgis") in medians:
                vs = f"{medians[(c, 'postgis')][0] / mw:.2f}x"
            w(f"| {n_points:,} x {polys} | {TOOL_NAMES[t]} | **{mw:.2f}** | {len(ok)} ({min(wall):.2f}-{max(wall):.2f}) | "
              f"{st.median(user):.1f} | {st.median(sys_):.1f} | {st.median(cpu):.1f} | {st.median(rss):.0f} | {rate(n_points, mw)} | {st.median(others):.1f} | {vs} | "
              f"{result['short']} |")
    w("")
    w("'vs PostGIS wall' = PostGIS's median wall / this tool's (above 1: faster than PostGIS).")

    # GeoMill steps
    steps = [("jvm_start", "JVM start to main"), ("spark_session", "SparkSession"), ("sedona", "Sedona"),
             ("inputs_checked", "input checks (during the start)"), ("waited_for_spark", "waited for Spark"),
             ("polygons_and_plan", "polygons' pass, row counts, plan"),
             ("summary_and_write", "summary: read, transform, join, count, write"), ("total", "total in the JVM")]
    rows = [(c, t) for c in cases for t in ("geomill", "geomill-nocds", "geomill-wide") if (c, t) in medians]
    if rows:
        w("")
        w("### GeoMill's steps (`--timings`, medians, s)")
        w("")
        w("| points x polygons | variant | " + " | ".join(s[1] for s in steps) + " | after the start (polygons + summary) | vs PostGIS wall, after the start |")
        w("|---|---|" + "---|" * (len(steps) + 2))
        for c, t in rows:
            kv = [parse_kv(r["detail"]) for r in medians[(c, t)][1]]
            med = {k: st.median([x.get(k, float("nan")) for x in kv]) for k, _ in steps}
            after = st.median([x.get("polygons_and_plan", 0) + x.get("summary_and_write", 0) for x in kv])
            vs = f"{medians[(c, 'postgis')][0] / after:.2f}x" if (c, "postgis") in medians else "-"
            w(f"| {CASES[c][0]:,} x {CASES[c][1]} | {TOOL_NAMES[t]} | " + " | ".join(fnum(med[k]) for k, _ in steps)
              + f" | **{after:.2f}** | {vs} |")
        w("")
        w("The JVM start and Spark + Sedona start are paid by every fresh `bin/geomill` run; the input checks run "
          "while Spark starts. 'After the start' is the work once Spark is up, the part comparable with PostGIS's "
          "pipeline against a running server.")

    # PostGIS phases
    pg = [c for c in cases if (c, "postgis") in medians]
    if pg:
        w("")
        w("### PostGIS phases (medians: wall s / server + client CPU s / backend peak RSS MB)")
        w("")
        phases = ["polys", "load", "geom", "join", "export"]
        w("| points x polygons | " + " | ".join(phases) + " | total wall | total without polys (the peers' 4 phases) |")
        w("|---|" + "---|" * (len(phases) + 2))
        for c in pg:
            per = collections.defaultdict(list)
            totals_wall, without_polys = [], []
            for r in medians[(c, "postgis")][1]:
                run = {item.split()[1]: parse_kv(item) for item in r["detail"].split(";") if item.startswith("PHASE")}
                for name, kv in run.items():
                    per[name].append(kv)
                totals_wall.append(sum(kv["wall"] for kv in run.values()))
                without_polys.append(totals_wall[-1] - run.get("polys", {}).get("wall", 0))
            cells = []
            for ph in phases:
                x = per.get(ph, [])
                cells.append("-" if not x else
                             f"{st.median([k['wall'] for k in x]):.2f} / "
                             f"{st.median([k['srv_user'] + k['srv_sys'] + k['client_user'] + k['client_sys'] for k in x]):.2f} / "
                             f"{st.median([max(k['backend_hwm_kb'], k['client_rss_kb']) for k in x]) / 1024:.0f}")
            without = st.median(without_polys)
            w(f"| {CASES[c][0]:,} x {CASES[c][1]} | " + " | ".join(cells) + f" | {st.median(totals_wall):.2f} | {without:.2f} |")

    # GeoPandas phases
    gp = [c for c in cases if (c, "geopandas") in medians]
    if gp:
        w("")
        w("### GeoPandas phases (medians, s)")
        w("")
        names = ["read_csv", "points+to_crs", "read_polys", "sindex_build", "query_bulk", "exact_filter", "groupby", "to_csv", "total"]
        w("| points x polygons | " + " | ".join(names) + " |")
        w("|---|" + "---|" * len(names))
        for c in gp:
            kv = [parse_kv(r["detail"]) for r in medians[(c, "geopandas")][1]]
            w(f"| {CASES[c][0]:,} x {CASES[c][1]} | " + " | ".join(fnum(st.median([x.get(k, float('nan')) for x in kv])) for k in names) + " |")

    # Results
    w("")
    w("### Results")
    w("")
    w("| points x polygons | tool | (point, type) rows | pairs (sum of counts) | sum of weights | points with a polygon | check |")
    w("|---|---|---|---|---|---|---|")
    for (c, t), res in checks.items():
        tot = res.get("totals") or {}
        w(f"| {CASES[c][0]:,} x {CASES[c][1]} | {TOOL_NAMES[t]} | {tot.get('rows', '-'):,} | {tot.get('sum_n', '-'):,} | "
          f"{tot.get('sum_w', '-'):,} | {tot.get('points', '-'):,} | {res['long']} |".replace("'-'", "-"))
    print("\n".join(out))


def check(case, tool, ref, ref_tot, args, ok_runs, expected_md5):
    """Compares the tool's last output with PostGIS's."""
    if tool == "postgis":
        path = os.path.join(args.work, "out", "postgis", f"{case}.postgis.csv")
        tot = totals(ref)
        md5 = hashlib.md5(open(path, "rb").read()).hexdigest()
        want = expected_md5.get(f"postgis:{case}")
        note = "the reference" + ("; CSV md5 = the peer benchmarks' (../shared/bench)" if md5 == want else
                                  f"; CSV md5 {md5} differs from the peers' {want}" if want else "")
        return dict(short="reference", long=note, totals=tot)
    if tool == "geomill-wide":
        # GeoParquet (no Parquet reader outside Spark here): the job's own totals, from its last run's output.
        log = os.path.join(args.work, "logs", f"{case}.{tool}.{ok_runs[-1]['round']}.out")
        text = open(log).read()
        m = re.search(r"points: (\d+), (\d+) with a polygon within D", text)
        p = re.search(r"pairs within D: (\d+), their weights summed: ([\d.]+)", text)
        tot = dict(rows=int(m.group(1)), points=int(m.group(2)), sum_n=int(p.group(1)), sum_w=int(float(p.group(2))))
        if ref_tot is None:
            return dict(short="no reference", long="totals printed by the job (no PostGIS run)", totals=tot)
        same = all(tot[k] == ref_tot[k] for k in ("points", "sum_n", "sum_w"))
        return dict(short="same totals" if same else "totals differ", totals=tot,
                    long=("points with a polygon, pairs and weight sums = PostGIS's" if same else
                          f"job totals {tot} vs PostGIS {ref_tot}") + f"; {tot['rows']:,} points written")
    ext = "csv"
    df = read_result(os.path.join(args.work, "out", f"{case}.{tool}.{ext}"), tool)
    if df is None:
        return dict(short="no output", long="no output", totals=None)
    tot = totals(df)
    if ref is None:
        return dict(short="no reference", long="no PostGIS run to compare with", totals=tot)
    m = df.merge(ref, on=["point_id", "type"], how="outer", suffixes=("", "_pg"), indicator=True)
    differ = m[(m["_merge"] != "both") | (m["n"] != m["n_pg"]) | (m["w"] != m["w_pg"])]
    if differ.empty:
        return dict(short="identical", long="every row = PostGIS's", totals=tot)
    keys = list(zip(differ.point_id.astype(int), differ.type.astype(int)))
    explained = borderline(case, keys)
    short = f"{len(keys)} rows differ" + (", all borderline" if explained == len(keys) else f", {len(keys) - explained} NOT borderline")
    return dict(short=short, totals=tot,
                long=f"{len(keys)} of {len(ref):,} rows differ from PostGIS's; {explained} of them have a polygon of "
                     f"that type within {BORDER * 100:.0f} cm of {D:.0f} m (PROJ vs GeoTools transform)")


if __name__ == "__main__":
    main()
