"""Cadran's native reading beside DuckDB's on the same CSV files, alternately.

For each file: `cadran inspect FILE` (a process, wall time: reading, typing
and the summary) and DuckDB loading the same file into a table, hinted as a
user would hint it (delimiter, decimal comma, day-first dates), in a fresh
in-memory database each run (import and connection excluded). The two run
one after the other, RUNS times; the median of each and their ratio are
printed and written to bench-results/native-duckdb.json.

Usage: compare.py CADRAN_BINARY RUNS FILE...   (run by benches/duckdb/run)
"""

import json
import os
import statistics
import subprocess
import sys
import time

import duckdb

HINTS = "delim=';', header=true, decimal_separator=',', dateformat='%d/%m/%Y'"


def cadran(binary, path):
    t = time.perf_counter()
    out = subprocess.run([binary, "inspect", path], check=True, capture_output=True)
    secs = time.perf_counter() - t
    rows = json.loads(out.stdout)["rows"]
    return secs, rows


def duck(path):
    con = duckdb.connect(":memory:")
    t = time.perf_counter()
    con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}', {HINTS})")
    secs = time.perf_counter() - t
    rows = con.execute("SELECT count(*) FROM t").fetchone()[0]
    con.close()
    return secs, rows


def main():
    binary, runs, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    print(f"DuckDB {duckdb.__version__}, {os.cpu_count()} cores, {runs} alternate runs, medians")
    print(f"{'file':<32} {'MB':>7} {'rows':>9} {'cadran s':>9} {'duckdb s':>9} {'ratio':>6}")
    results = []
    for path in files:
        mb = os.path.getsize(path) / 1e6
        ours, theirs, ratios = [], [], []
        for _ in range(runs):
            c, rows = cadran(binary, path)
            d, duck_rows = duck(path)
            if rows != duck_rows:
                print(f"  rows differ: Cadran {rows}, DuckDB {duck_rows}")
            ours.append(c)
            theirs.append(d)
            ratios.append(c / d)
        c, d, r = statistics.median(ours), statistics.median(theirs), statistics.median(ratios)
        name = os.path.basename(path)
        print(f"{name:<32} {mb:>7.1f} {rows:>9} {c:>9.3f} {d:>9.3f} {r:>5.2f}x")
        results.append({
            "file": name, "bytes": os.path.getsize(path), "rows": rows,
            "cadran_s": ours, "duckdb_s": theirs,
            "cadran_median_s": round(c, 4), "duckdb_median_s": round(d, 4),
            "median_ratio": round(r, 3),
        })
    os.makedirs("bench-results", exist_ok=True)
    with open("bench-results/native-duckdb.json", "w") as f:
        json.dump({"bench": "native-duckdb", "duckdb": duckdb.__version__, "results": results}, f, indent=1)
    print("written to bench-results/native-duckdb.json")


if __name__ == "__main__":
    main()
