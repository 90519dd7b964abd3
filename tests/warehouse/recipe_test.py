"""The DuckDB recipe of docs/WAREHOUSE.md, run on the demo company.

Loads the demo's files into DuckDB as the warehouse tables the recipe reads
(order lines numbered in file order), runs the SQL blocks WAREHOUSE.md marks
`<!-- tested: duckdb NAME -->` exactly as written, then compares `cadran kpis`
on the demo's own files with `cadran kpis` on each extract, over several
periods and filters. At order-line grain every figure must be equal; at the
aggregated grains every figure the report gives must be equal, and the KPIs
it leaves out must be exactly those WAREHOUSE.md declares inexact, each with
its reason. Exits non-zero, naming each difference, when one differs.

Usage: recipe_test.py CADRAN_BINARY DEMO_FILES_BINARY [WORK_DIR]
(run by tests/warehouse/run; needs the `duckdb` package, see requirements.txt).
CADRAN_WAREHOUSE_LINES=N runs it on a demo of N order lines.
"""

import json
import math
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

import duckdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RECIPE = os.path.join(ROOT, "docs", "WAREHOUSE.md")

# What WAREHOUSE.md declares inexact at aggregated grain (section 7): a row
# may hold several orders, so no first purchase has its own value; under a
# product filter an order's lines split across rows, so orders are not
# counted.
AGGREGATED_INEXACT = {"first_purchase_value"}
PRODUCT_FILTER_INEXACT = AGGREGATED_INEXACT | {
    "order_count",
    "avg_order_value",
    "repeat_rate",
    "visits_per_order",
    "call_efficiency",
    "contacts_per_sale",
}
# Without a product column, no breakdown by product.
DAY_GRAIN_ABSENT = {"revenue_by_product"}
# The rep view's columns that are those KPIs.
REP_FIELDS = {"orders": "order_count", "avg_order_value": "avg_order_value",
              "visits_per_order": "visits_per_order"}

# The demo's other files, read as they are beside the extracts.
CONTEXT = ["demo-equipe.csv", "demo-clients.csv", "demo-depenses.csv",
           "demo-avis.csv", "demo-paniers.csv"]
# Each demo fact file and the recipe's extract of it (without extension).
OTHERS = {"demo-opportunites.csv": "opportunities", "demo-prospects.csv": "leads",
          "demo-activites.csv": "activities", "demo-factures.csv": "invoices"}
SALES_GRAINS = {"lines": "sales-lines", "day": "sales-by-day",
                "day-product": "sales-by-day-product"}

# The French demo files, loaded as a warehouse holds them: typed columns,
# English names. Only the order lines need their file order (`line_id`).
FRENCH = "delim=';', header=true, all_varchar=true"
STAGING = """
CREATE TABLE order_lines AS
SELECT row_number() OVER () AS line_id,
  "N° commande" AS order_id,
  strptime("Date", '%d/%m/%Y')::DATE AS order_date,
  "Client" AS customer, "Commercial" AS rep, "Région" AS region,
  "Secteur" AS sector, "Canal" AS channel, "Campagne" AS campaign,
  "Produit" AS product, "Quantité"::INTEGER AS quantity,
  replace("Montant HT", ',', '.')::DECIMAL(18, 2) AS amount,
  replace("Coût", ',', '.')::DECIMAL(18, 2) AS cost
FROM read_csv('{dir}/demo-ventes.csv', {french});

CREATE TABLE opportunities AS
SELECT "Réf" AS id, strptime("Date de création", '%d/%m/%Y')::DATE AS created_date,
  strptime("Date de clôture", '%d/%m/%Y')::DATE AS close_date, "Étape" AS stage,
  replace("Montant", ',', '.')::DECIMAL(18, 2) AS amount,
  "Probabilité"::INTEGER AS probability, "Commercial" AS rep, "Client" AS customer,
  "Produit" AS product, "Source" AS source, "Lead ID" AS lead_id
FROM read_csv('{dir}/demo-opportunites.csv', {french});

CREATE TABLE leads AS
SELECT "Lead ID" AS id, strptime("Date de création", '%d/%m/%Y %H:%M') AS created_at,
  strptime("Premier contact", '%d/%m/%Y %H:%M') AS first_contact_at,
  "Statut" AS status, "Converti" = 'oui' AS converted,
  "Devenu client" = 'oui' AS converted_to_customer, "Température" AS temperature,
  "Commercial" AS rep, "Source" AS source, "Campagne" AS campaign
FROM read_csv('{dir}/demo-prospects.csv', {french});

CREATE TABLE activities AS
SELECT row_number() OVER () AS activity_id,
  strptime("Date", '%d/%m/%Y')::DATE AS activity_date, "Commercial" AS rep,
  "Type" AS type, "Client" AS customer, "Résultat" AS outcome,
  "Durée (min)"::INTEGER AS duration_minutes
FROM read_csv('{dir}/demo-activites.csv', {french});

CREATE TABLE invoices AS
SELECT "N° facture" AS invoice_id, strptime("Date facture", '%d/%m/%Y')::DATE AS issue_date,
  strptime("Échéance", '%d/%m/%Y')::DATE AS due_date,
  replace("Montant HT", ',', '.')::DECIMAL(18, 2) AS amount,
  replace("Montant réglé", ',', '.')::DECIMAL(18, 2) AS paid_amount,
  strptime("Date de règlement", '%d/%m/%Y')::DATE AS paid_date,
  "Client" AS customer, "Commercial" AS rep
FROM read_csv('{dir}/demo-factures.csv', {french});
"""

# Periods: the whole span, a month, a quarter, a year. Filters: none, a rep,
# a region, a channel, a sector, a product (grains with products only).
PERIODS = {
    "all": [],
    "2025-03": ["--from", "2025-03-01", "--to", "2025-03-31"],
    "2024-Q4": ["--from", "2024-10-01", "--to", "2024-12-31"],
    "2025": ["--from", "2025-01-01", "--to", "2025-12-31"],
}


def fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def tested_blocks(text):
    """The ```sql blocks that follow a `<!-- tested: duckdb NAME -->` line."""
    blocks = {}
    pattern = re.compile(r"^<!-- tested: duckdb ([\w-]+) -->\n```sql\n(.*?)^```$", re.M | re.S)
    for name, sql in pattern.findall(text):
        if name in blocks:
            fail(f"WAREHOUSE.md marks two blocks {name!r}")
        blocks[name] = sql
    # A marker whose block the pattern missed would leave SQL untested.
    markers = re.findall(r"<!-- tested: duckdb ([\w-]+) -->", text)
    if sorted(markers) != sorted(blocks):
        fail(f"WAREHOUSE.md: markers {markers} but blocks {sorted(blocks)}: a marker must be followed by a ```sql block")
    return blocks


def recipe():
    """WAREHOUSE.md's tested blocks, after checking what the test relies on."""
    with open(RECIPE, encoding="utf-8") as f:
        text = f.read()
    blocks = tested_blocks(text)
    for name in ["check", "sales-lines", "sales-by-day", "sales-by-day-product", "others"]:
        if name not in blocks:
            fail(f"WAREHOUSE.md has no block marked `<!-- tested: duckdb {name} -->`")
    # BigQuery's example is the tested query with the dataset named.
    bigquery = re.search(r"^```sql\nEXPORT DATA .*?^AS\n(.*?)^```$", text, re.M | re.S)
    tested = blocks["sales-by-day"].split("\n", 1)[1].split("COPY ", 1)[0]
    if not bigquery or bigquery.group(1).replace("sales.order_lines", "order_lines") != tested:
        fail("WAREHOUSE.md: the BigQuery query is not the DuckDB sales-by-day query")
    for kpi in sorted(PRODUCT_FILTER_INEXACT | DAY_GRAIN_ABSENT):
        if f"`{kpi}`" not in text:
            fail(f"WAREHOUSE.md does not declare `{kpi}` inexact")
    return blocks


def write_extracts(con, blocks, names, out):
    """Runs the blocks `names` in `out`, where their COPY statements write."""
    cwd = os.getcwd()
    os.chdir(out)
    try:
        for name in names:
            con.execute(blocks[name])
    finally:
        os.chdir(cwd)


def run_recipe(blocks, demo, out):
    con = duckdb.connect(":memory:")
    # One thread while staging: the order lines are numbered in file order.
    con.execute("SET threads = 1")
    con.execute(STAGING.format(dir=demo, french=FRENCH))
    con.execute("RESET threads")
    # The demo numbers its orders as it writes them: file order is theirs.
    disorder = con.execute("""
        SELECT count(*) FROM (
          SELECT number, lag(number) OVER (ORDER BY line_id) AS before
          FROM (SELECT line_id, CAST(substr(order_id, 2) AS INTEGER) AS number FROM order_lines))
        WHERE number < before""").fetchone()[0]
    if disorder:
        fail(f"the staged order lines are not in file order ({disorder} orders go back)")
    broken = con.execute(blocks["check"]).fetchall()
    if broken:
        fail(f"the demo breaks the recipe's assumption: orders {broken[:5]}")
    write_extracts(con, blocks, ["sales-lines", "sales-by-day", "sales-by-day-product", "others"], out)
    lines = con.execute("SELECT count(*) FROM order_lines").fetchone()[0]
    orders = con.execute("SELECT count(DISTINCT order_id) FROM order_lines").fetchone()[0]
    rows = {grain: con.execute(f"SELECT count(*) FROM read_parquet('{out}/{stem}.parquet')").fetchone()[0]
            for grain, stem in SALES_GRAINS.items()}
    counted = con.execute(f"SELECT sum(orders) FROM read_parquet('{out}/sales-by-day.parquet')").fetchone()[0]
    return lines, orders, rows, counted


# Orders the demo seldom has: a customer's orders of one day with other
# channels between them, a return first (K), and an order of two products
# (B). The aggregated rows must keep each day's first and last order apart
# so that new and lost customers pass a filter as the lines do.
INTERLEAVED = """line_id,order_id,order_date,customer,rep,region,sector,channel,campaign,product,quantity,amount,cost
1,A,2024-01-10,K,Ann,North,Retail,Web,,P1,-1,-50.00,-20.00
2,C,2024-01-10,K,Ann,North,Retail,Phone,,P1,2,200.00,80.00
3,B,2024-01-10,K,Ann,North,Retail,Web,,P2,1,100.00,40.00
4,B,2024-01-10,K,Ann,North,Retail,Web,,P1,1,30.00,10.00
5,D,2024-01-11,L,Bob,South,Retail,Web,,P1,1,100.00,40.00
6,E,2024-02-15,L,Bob,South,Retail,Phone,,P1,1,100.00,40.00
7,F,2024-02-15,L,Bob,South,Retail,Web,,P2,1,100.00,40.00
8,G,2024-02-15,L,Bob,South,Retail,Phone,,P1,1,100.00,40.00
9,H,2024-03-01,M,Bob,South,Retail,Web,,P1,1,100.00,40.00
10,I,2025-06-30,M,Bob,South,Retail,Web,,P2,1,100.00,40.00
11,J,2025-06-30,Z,Ann,North,Retail,Web,,P1,1,100.00,40.00
"""


def interleaved(cadran, blocks, work):
    """The sales grains on INTERLEAVED: the reports compared, per filter."""
    out = os.path.join(work, "interleaved")
    os.makedirs(out)
    with open(os.path.join(out, "lines.csv"), "w", encoding="utf-8") as f:
        f.write(INTERLEAVED)
    con = duckdb.connect(":memory:")
    con.execute(f"""CREATE TABLE order_lines AS SELECT * FROM read_csv('{out}/lines.csv', header=true,
        types={{'amount': 'DECIMAL(18, 2)', 'cost': 'DECIMAL(18, 2)', 'order_date': 'DATE'}})""")
    write_extracts(con, blocks, ["sales-lines", "sales-by-day", "sales-by-day-product"], out)
    problems, compared = [], 0
    for where in [[], ["channel=Phone"], ["channel=Web"], ["product=P1"], ["product=P2"]]:
        for period in (PERIODS["all"], PERIODS["2025"]):
            args = period + [a for w in where for a in ("--where", w)]
            lines = kpis(cadran, [os.path.join(out, "sales-lines.csv")], args)
            for grain, stem in SALES_GRAINS.items():
                if grain == "lines" or (grain == "day" and where and where[0].startswith("product=")):
                    continue
                report = kpis(cadran, [os.path.join(out, f"{stem}.csv")], args)
                found, _ = compare(lines, renamed(report, {f"{stem}.csv": "sales-lines.csv"}), grain,
                                   bool(where) and where[0].startswith("product="))
                compared += 1
                problems += [f"{stem}.csv {' '.join(args)}: {d}" for d in found]
    return problems, compared


def kpis(cadran, files, args):
    out = subprocess.run([cadran, "kpis", *files, *args], capture_output=True, text=True)
    if out.returncode != 0:
        fail(f"cadran kpis {' '.join(args)} on {[os.path.basename(f) for f in files]}: {out.stderr.strip()}")
    return json.loads(out.stdout)


def renamed(value, names):
    """The report with the extracts' file names written as the demo's."""
    text = json.dumps(value, ensure_ascii=False)
    for new, old in names.items():
        text = text.replace(new, old)
    return json.loads(text)


def same_number(a, b):
    return a == b or (math.isfinite(a) and math.isfinite(b)
                      and abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b)))


def differences(path, a, b, skip):
    """Where `b` differs from `a`, as paths; `skip(path)` leaves a part out."""
    if skip(path):
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            p = f"{path}.{k}"
            if k not in a or k not in b:
                if not skip(p):
                    out.append(f"{p}: {'only in the lines' if k in a else 'only in the extract'}")
            else:
                out += differences(p, a[k], b[k], skip)
        return out
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items in the lines, {len(b)} in the extract"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in differences(f"{path}[{i}]", x, y, skip)]
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return [] if same_number(float(a), float(b)) else [f"{path}: {a} in the lines, {b} in the extract"]
    return [] if a == b else [f"{path}: {a!r} in the lines, {b!r} in the extract"]


def compare(lines_report, extract_report, grain, filtered_by_product):
    """Differences between the two reports, and the number of figures compared."""
    inexact = set()
    if grain != "lines":
        inexact = PRODUCT_FILTER_INEXACT if filtered_by_product else AGGREGATED_INEXACT
    problems = []
    for kpi in sorted(inexact):
        x, y = lines_report["kpis"].get(kpi, {}), extract_report["kpis"].get(kpi, {})
        # What the lines cannot give either keeps whichever reason.
        if "unavailable" not in x and ("value" in y or not y.get("unavailable")):
            problems.append(f".kpis.{kpi}: declared inexact, but the extract's report gives it (or no reason): {y}")
    # The rep view leaves out what it cannot give (a figure it gives must
    # be right): those columns are compared only where the extract has them.
    lines_report, extract_report = json.loads(json.dumps(lines_report)), json.loads(json.dumps(extract_report))
    for x, y in zip(lines_report.get("reps", []), extract_report.get("reps", [])):
        for field, kpi in REP_FIELDS.items():
            if kpi in inexact and y.get(field) is None:
                x.pop(field, None)
                y.pop(field, None)
    # Row counts differ by grain: they are the only thing left out.
    def skip(path):
        if grain == "lines":
            return False
        if path.endswith(".inputs.rows") or re.search(r"^\.relations\[\d+\]\.(matched|unmatched)_rows$", path):
            return True
        if grain == "day" and path in {f".breakdowns.{b}" for b in DAY_GRAIN_ABSENT}:
            return True
        m = re.match(r"^\.kpis\.(\w+)$", path)
        if m and m.group(1) in inexact:
            return True
        return False
    problems += differences("", lines_report, extract_report, skip)
    figures = sum(1 for v in extract_report["kpis"].values() if "value" in v)
    figures += sum(len(v) for v in extract_report["breakdowns"].values())
    return problems, figures


def main():
    if len(sys.argv) < 3:
        fail(__doc__)
    cadran, demo_files = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    work = sys.argv[3] if len(sys.argv) > 3 else tempfile.mkdtemp(prefix="cadran-warehouse-")
    demo, out = os.path.join(work, "demo"), os.path.join(work, "extracts")
    if os.path.isdir(work) and os.listdir(work):
        fail(f"{work} is not empty")
    os.makedirs(out)
    # The demo's size (6 000 order lines unless told).
    size = [os.environ["CADRAN_WAREHOUSE_LINES"]] if os.environ.get("CADRAN_WAREHOUSE_LINES") else []
    subprocess.run([demo_files, demo, *size], check=True, capture_output=True)
    blocks = recipe()
    lines, orders, rows, counted = run_recipe(blocks, demo, out)
    if counted > orders:
        fail(f"sales-by-day counts {counted} orders, the lines have {orders}")

    con = duckdb.connect(":memory:")
    first = con.execute(f"""SELECT rep, region, channel, sector, product
        FROM read_parquet('{out}/sales-lines.parquet') WHERE rep IS NOT NULL LIMIT 1""").fetchone()
    rep, region, channel, sector, product = first
    filters = {
        "none": [],
        f"rep={rep}": ["--where", f"rep={rep}"],
        f"region={region}": ["--where", f"region={region}"],
        f"channel={channel}": ["--where", f"channel={channel}"],
        f"sector={sector}": ["--where", f"sector={sector}"],
        f"product={product}": ["--where", f"product={product}"],
    }
    # Every period without filter, and each filter over one of them.
    cases = [(p, "none") for p in PERIODS] + [
        ("2025", f"rep={rep}"), ("2024-Q4", f"region={region}"),
        ("2025-03", f"channel={channel}"), ("all", f"sector={sector}"),
        ("all", f"product={product}"), ("2025-03", f"product={product}")]
    context = [os.path.join(demo, f) for f in CONTEXT]
    original = [os.path.join(demo, f) for f in ["demo-ventes.csv", *OTHERS]] + context
    workspaces = {}
    for fmt in ("parquet", "csv"):
        for grain, stem in SALES_GRAINS.items():
            names = {f"{stem}.{fmt}": "demo-ventes.csv"}
            others = [os.path.join(demo, d) for d in OTHERS]
            # The other tables' extracts beside the sales lines; the
            # aggregated sales beside the demo's files, to spare time.
            if grain == "lines":
                names.update({f"{o}.{fmt}": d for d, o in OTHERS.items()})
                others = []
            files = [os.path.join(out, n) for n in names] + others + context
            workspaces[(grain, fmt)] = (files, names)

    jobs = [(None, p, f) for p, f in cases]
    # CSV reads as Parquet does (DATA.md): fewer cases for it.
    csv_cases = [("all", "none"), ("2025", f"rep={rep}")]
    jobs += [(w, p, f) for w in workspaces for p, f in (cases if w[1] == "parquet" else csv_cases)
             if not (f.startswith("product=") and w[0] == "day")]

    def run(job):
        w, p, f = job
        files = original if w is None else workspaces[w][0]
        return job, kpis(cadran, files, PERIODS[p] + filters[f])

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        reports = dict(pool.map(run, jobs))

    problems, figures, compared = {}, 0, 0
    for (w, p, f), report in reports.items():
        if w is None:
            continue
        grain, fmt = w
        lines_report = reports[(None, p, f)]
        found, n = compare(lines_report, renamed(report, workspaces[w][1]), grain,
                           f.startswith("product="))
        figures += n
        compared += 1
        problems.setdefault(w, []).extend(f"period {p}, filter {f}: {d}" for d in found)

    print(f"demo: {lines} order lines, {orders} orders")
    for grain, stem in SALES_GRAINS.items():
        sizes = {fmt: os.path.getsize(os.path.join(out, f"{stem}.{fmt}")) for fmt in ("parquet", "csv")}
        print(f"  {stem}: {rows[grain]} rows ({rows[grain] / lines:.3f} per line), "
              f"Parquet {sizes['parquet'] / rows[grain]:.0f} B/row, CSV {sizes['csv'] / rows[grain]:.0f} B/row")
    print(f"{compared} extract reports compared with the lines' ({len(cases)} periods and filters), "
          f"{figures} KPIs and breakdown rows in them")
    edge, edge_compared = interleaved(cadran, blocks, work)
    print(f"interleaved orders of one day: {edge_compared} extract reports compared")
    if edge:
        problems[("interleaved", "csv")] = edge
    failed = {w: found for w, found in problems.items() if found}
    for (grain, fmt), found in sorted(failed.items()):
        print(f"{SALES_GRAINS.get(grain, grain)}.{fmt}: {len(found)} figures differ", file=sys.stderr)
        for d in found[:12]:
            print(f"  {d}", file=sys.stderr)
    if failed:
        listing = os.path.join(work, "differences.txt")
        with open(listing, "w", encoding="utf-8") as f:
            for (grain, fmt), found in sorted(failed.items()):
                f.writelines(f"{SALES_GRAINS.get(grain, grain)}.{fmt}, {d}\n" for d in found)
        print(f"(all of them in {listing})", file=sys.stderr)
        fail(f"{sum(map(len, failed.values()))} figures differ between the extracts and the lines")
    print("ok: every figure of the extracts equals the lines'")


if __name__ == "__main__":
    main()
