"""Makes ventes-jour.csv, an aggregated extract of ventes.csv (DATA.md §4b,
docs/WAREHOUSE.md): its lines summed per day × customer × rep × region,
with the number of orders each row holds, as a French Excel export. Tests
never run it: they read the committed file.

    python3 tests/data/formats/make_extract.py
"""
import csv
from pathlib import Path

HERE = Path(__file__).parent


def cents(text):
    return round(float(text.replace("\u202f", "").replace(" ", "").replace(",", ".")) * 100)


def money(c):
    sign = "-" if c < 0 else ""
    return f"{sign}{abs(c) // 100},{abs(c) % 100:02d}"


with open(HERE / "ventes.csv", encoding="utf-8") as f:
    lines = list(csv.DictReader(f, delimiter=";"))

# Each order's net over its lines, and its first line.
orders = {}
for i, l in enumerate(lines):
    net, first = orders.get(l["N° commande"], (0, i))
    orders[l["N° commande"]] = (net + cents(l["Montant HT"]), first)

# A customer's orders of one day share a row only while they follow one
# another with the same rep and region (runs, in the order of their first
# lines): ties between them then break as on the lines.
run_of, last = {}, {}
for i, l in enumerate(lines):
    if orders[l["N° commande"]][1] != i:
        continue
    day, values = (l["Date"], l["Client"]), (l["Commercial"], l["Région"])
    previous = last.get(day)
    run = 0 if previous is None else previous[1] + (previous[0] != values)
    last[day] = (values, run)
    run_of[i] = run

rows = {}
for i, l in enumerate(lines):
    run = run_of[orders[l["N° commande"]][1]]
    key = (l["Date"], l["Client"], l["Commercial"], l["Région"], run)
    row = rows.setdefault(key, {"first": i, "qty": 0, "amount": 0, "orders": 0})
    row["qty"] += int(l["Quantité"])
    row["amount"] += cents(l["Montant HT"])
    net, first = orders[l["N° commande"]]
    row["orders"] += int(first == i and net > 0)

day = lambda d: d[6:] + d[3:5] + d[:2]
with open(HERE / "ventes-jour.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(["Date", "Client", "Commercial", "Région", "Quantité", "Montant HT", "Nb commandes"])
    for key, r in sorted(rows.items(), key=lambda kv: (day(kv[0][0]), kv[1]["first"])):
        w.writerow([*key[:4], r["qty"], money(r["amount"]), r["orders"]])
print(len(lines), "lines,", len(rows), "rows")
