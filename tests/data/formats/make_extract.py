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

rows = {}
for i, l in enumerate(lines):
    key = (l["Date"], l["Client"], l["Commercial"], l["Région"])
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
        w.writerow([*key, r["qty"], money(r["amount"]), r["orders"]])
print(len(lines), "lines,", len(rows), "rows")
