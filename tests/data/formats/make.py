"""Makes the workbook and Parquet fixtures of tests/data/formats from one set
of rows, and the CSV files holding the same data, as a French Excel user
would export them. Tests never run it: they read the committed files.

    python3 -m venv target/formats-venv
    target/formats-venv/bin/pip install openpyxl==3.1.5 duckdb==2.0.1 msoffcrypto-tool==6.1.0 \
        xlwt==1.3.0 odfpy==1.4.1
    target/formats-venv/bin/python tests/data/formats/make.py

Writes, beside this script:
- ventes.csv, opportunites.csv: `;`, `1 234,56`, `05/03/2024` (the CSV twins);
- ventes.xlsx: sheets "Ventes" (a merged title row and a blank row above
  the header, dates as Excel dates, amounts with the `# ##0,00 €` format, a
  numeric customer code), "Opportunités", "Notes" (free text: no table
  kind) and "Vide" (empty);
- ventes.parquet (Snappy), ventes-gzip.parquet (GZIP), ventes-zstd.parquet
  (ZSTD) and ventes-brotli.parquet (Brotli, which Cadran refuses) from the
  sales rows, written by DuckDB with
  typed columns: DATE, DECIMAL(12,2), INTEGER, VARCHAR (dictionary-encoded);
- protege.xlsx: ventes.xlsx locked with the password "cadran";
- ventes.xls (Excel 97) and ventes.ods (OpenDocument): the sales sheet alone.
"""

import csv
import datetime as dt
import pathlib
import random

import duckdb
import openpyxl
from openpyxl.styles import Font

HERE = pathlib.Path(__file__).resolve().parent
rng = random.Random(26)

REPS = ["Camille Martin", "Hugo Bernard", "Léa Petit", "Nathan Durand"]
REGIONS = {"Camille Martin": "Ouest", "Hugo Bernard": "Est", "Léa Petit": "Sud", "Nathan Durand": "Nord"}
CUSTOMERS = [
    (10234, "Boulangerie Dupont"),
    (10235, "Garage Lefèvre"),
    (10311, "Pharmacie du Centre"),
    (10407, "Café de la Gare"),
    (10512, "Atelier Moreau, fils"),
    (10618, "Hôtel Beauséjour"),
    (10721, "Librairie L'Écume"),
    (10899, "Cave \"Les Trois Ceps\""),
]
PRODUCTS = [("Caisse enregistreuse", 1249.0), ("Terminal de paiement", 389.9), ("Rouleaux papier (x50)", 42.5), ("Logiciel de caisse", 19.99)]
STAGES = ["Prospection", "Qualification", "Proposition", "Négociation", "Gagnée", "Perdue"]

sales = []
day = dt.date(2024, 1, 2)
for n in range(1, 181):
    day += dt.timedelta(days=rng.choice([0, 1, 1, 2, 3]))
    rep = rng.choice(REPS)
    code, customer = rng.choice(CUSTOMERS)
    product, price = rng.choice(PRODUCTS)
    qty = rng.choice([1, 1, 2, 3, 5, 10])
    discount = rng.choice([1.0, 1.0, 0.95, 0.9])
    amount = round(price * qty * discount, 2)
    sales.append({
        "order": f"CMD-{n:05d}", "date": day, "code": code, "customer": customer, "rep": rep,
        "region": REGIONS[rep], "product": product, "qty": qty, "amount": amount,
    })

opps = []
for n in range(1, 41):
    created = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
    stage = rng.choice(STAGES)
    closed = created + dt.timedelta(days=rng.randrange(10, 90)) if stage in ("Gagnée", "Perdue") else None
    code, customer = rng.choice(CUSTOMERS)
    opps.append({
        "id": f"OPP-{n:04d}", "rep": rng.choice(REPS), "customer": customer, "stage": stage,
        "created": created, "closed": closed, "amount": round(rng.uniform(500, 25000), 2),
    })


def fr_number(x):
    """1234.5 -> '1 234,50' (a narrow no-break space, as French Excel writes it)."""
    whole, cents = f"{x:.2f}".split(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return "\u202f".join(groups) + "," + cents


def fr_date(d):
    return d.strftime("%d/%m/%Y") if d else ""


SALES_HEADER = ["N° commande", "Date", "Code client", "Client", "Commercial", "Région", "Produit", "Quantité", "Montant HT"]
OPP_HEADER = ["Opportunité", "Commercial", "Compte", "Étape", "Date de création", "Date de clôture", "Montant"]

with open(HERE / "ventes.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(SALES_HEADER)
    for s in sales:
        w.writerow([s["order"], fr_date(s["date"]), s["code"], s["customer"], s["rep"], s["region"],
                    s["product"], s["qty"], fr_number(s["amount"])])

with open(HERE / "opportunites.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, delimiter=";")
    w.writerow(OPP_HEADER)
    for o in opps:
        w.writerow([o["id"], o["rep"], o["customer"], o["stage"], fr_date(o["created"]), fr_date(o["closed"]),
                    fr_number(o["amount"])])

book = openpyxl.Workbook()
ws = book.active
ws.title = "Ventes"
ws["A1"] = "Ventes 2024 — export du logiciel de caisse"
ws["A1"].font = Font(bold=True, size=14)
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(SALES_HEADER))
ws.append([])
ws.append(SALES_HEADER)
for s in sales:
    ws.append([s["order"], s["date"], s["code"], s["customer"], s["rep"], s["region"], s["product"], s["qty"], s["amount"]])
for row in ws.iter_rows(min_row=4):
    row[1].number_format = "DD/MM/YYYY"
    row[8].number_format = "# ##0,00 €"

wo = book.create_sheet("Opportunités")
wo.append(OPP_HEADER)
for o in opps:
    wo.append([o["id"], o["rep"], o["customer"], o["stage"], o["created"], o["closed"], o["amount"]])
for row in wo.iter_rows(min_row=2):
    row[4].number_format = "DD/MM/YYYY"
    row[5].number_format = "DD/MM/YYYY"
    row[6].number_format = "# ##0,00 €"

wn = book.create_sheet("Notes")
wn.append(["Remarques"])
wn.append(["Export fait à la main, chiffres HT."])
wn.append(["Les codes client viennent du logiciel de caisse."])

book.create_sheet("Vide")
book.save(HERE / "ventes.xlsx")

con = duckdb.connect()
con.execute("""CREATE TABLE ventes ("N° commande" VARCHAR, "Date" DATE, "Code client" INTEGER, "Client" VARCHAR,
    "Commercial" VARCHAR, "Région" VARCHAR, "Produit" VARCHAR, "Quantité" INTEGER, "Montant HT" DECIMAL(12, 2))""")
con.executemany("INSERT INTO ventes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [[s["order"], s["date"], s["code"], s["customer"], s["rep"], s["region"], s["product"], s["qty"], s["amount"]]
                 for s in sales])
for name, codec in [("ventes.parquet", "snappy"), ("ventes-gzip.parquet", "gzip"), ("ventes-zstd.parquet", "zstd"),
                    ("ventes-brotli.parquet", "brotli")]:
    con.execute(f"COPY (SELECT * FROM ventes ORDER BY \"N° commande\") TO '{HERE / name}' (FORMAT parquet, COMPRESSION {codec})")

# A workbook protected by a password ("cadran"): Excel's agile encryption,
# a compound file holding the encrypted package.
import msoffcrypto  # noqa: E402  (pip install msoffcrypto-tool==6.1.0)
from msoffcrypto.format.ooxml import OOXMLFile  # noqa: E402

with open(HERE / "ventes.xlsx", "rb") as plain, open(HERE / "protege.xlsx", "wb") as locked:
    OOXMLFile(plain).encrypt("cadran", locked)

# The sales sheet as an Excel 97 workbook (.xls, pip install xlwt==1.3.0)
# and as OpenDocument (.ods, pip install odfpy==1.4.1), without the title.
import xlwt  # noqa: E402

xls = xlwt.Workbook()
sheet = xls.add_sheet("Ventes")
day_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
money_style = xlwt.easyxf(num_format_str="# ##0,00 €")
for c, h in enumerate(SALES_HEADER):
    sheet.write(0, c, h)
for r, s in enumerate(sales, start=1):
    for c, v in enumerate([s["order"], s["date"], s["code"], s["customer"], s["rep"], s["region"], s["product"], s["qty"], s["amount"]]):
        style = day_style if c == 1 else money_style if c == 8 else xlwt.Style.default_style
        sheet.write(r, c, v, style)
xls.save(str(HERE / "ventes.xls"))

from odf.opendocument import OpenDocumentSpreadsheet  # noqa: E402
from odf.table import Table, TableCell, TableRow  # noqa: E402
from odf.text import P  # noqa: E402

ods = OpenDocumentSpreadsheet()
table = Table(name="Ventes")


def ods_cell(v):
    if isinstance(v, dt.date):
        cell = TableCell(valuetype="date", datevalue=v.isoformat())
        cell.addElement(P(text=v.strftime("%d/%m/%Y")))
    elif isinstance(v, (int, float)):
        cell = TableCell(valuetype="float", value=v)
        cell.addElement(P(text=str(v)))
    else:
        cell = TableCell(valuetype="string")
        cell.addElement(P(text=v))
    return cell


for values in [SALES_HEADER] + [[s["order"], s["date"], s["code"], s["customer"], s["rep"], s["region"], s["product"], s["qty"], s["amount"]] for s in sales]:
    row = TableRow()
    for v in values:
        row.addElement(ods_cell(v))
    table.addElement(row)
ods.spreadsheet.addElement(table)
ods.save(str(HERE / "ventes.ods"))
