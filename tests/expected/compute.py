#!/usr/bin/env python3
"""Expected KPI values for the real exports in tests/data, computed with
Python's standard library only, independently of the Rust engine. The Rust
test `tests/kpi_real.rs` runs this script and compares. Definitions checked:

Superstore (Sample - Superstore.csv, Windows-1252, month-first dates):
- revenue = sum of Sales; gross margin = sum of Profit; margin rate = margin / revenue
- orders = distinct Order ID whose net Sales total is > 0
- average order value = revenue / orders
- revenue by region and by year (of Order Date)
- top 10 customers by revenue (Customer Name)
- new customers per year = customers whose first Order Date falls in that year

CRM Sales Opportunities (sales_pipeline + sales_teams + accounts + products):
- deals per stage (deal_stage)
- win rate = Won / (Won + Lost), over deals with a close date
- won revenue = sum of close_value of Won deals; average deal value = won revenue / won deals
- average sales cycle = mean of (close_date - engage_date) in days over Won deals
- won revenue by sales agent, by manager and by regional office (sales_teams),
  and by close month (YYYY-MM)
- open pipeline at list price = sum of the product's sales_price over deals in
  an open stage (Engaging, Prospecting), products matched ignoring case and
  spaces ("GTXPro" is "GTX Pro")
"""
import csv
import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data"


def us_date(s):
    m, d, y = (int(x) for x in s.split("/"))
    return date(y, m, d)


def iso(s):
    return date.fromisoformat(s) if s else None


def superstore():
    with open(DATA / "superstore" / "Superstore.csv", encoding="cp1252", newline="") as f:
        rows = list(csv.DictReader(f))
    revenue = sum(float(r["Sales"]) for r in rows)
    margin = sum(float(r["Profit"]) for r in rows)
    order_net = defaultdict(float)
    for r in rows:
        order_net[r["Order ID"]] += float(r["Sales"])
    orders = sum(1 for v in order_net.values() if v > 0)
    by_region = defaultdict(float)
    by_year = defaultdict(float)
    by_customer = defaultdict(float)
    first = {}
    for r in rows:
        d = us_date(r["Order Date"])
        by_region[r["Region"]] += float(r["Sales"])
        by_year[str(d.year)] += float(r["Sales"])
        by_customer[r["Customer Name"]] += float(r["Sales"])
        c = r["Customer Name"]
        first[c] = min(first.get(c, d), d)
    new_by_year = defaultdict(int)
    for d in first.values():
        new_by_year[str(d.year)] += 1
    top = sorted(by_customer.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
    return {
        "rows": len(rows),
        "revenue": revenue,
        "gross_margin": margin,
        "margin_rate": margin / revenue,
        "order_count": orders,
        "avg_order_value": revenue / orders,
        "revenue_by_region": dict(by_region),
        "revenue_by_year": dict(by_year),
        "top_customers": [[k, v] for k, v in top],
        "new_customers_by_year": dict(new_by_year),
    }


def key(s):
    return "".join(ch for ch in s.lower() if ch.isalnum())


def crm():
    base = DATA / "crm_sales_opportunities"
    with open(base / "sales_pipeline.csv", encoding="utf-8", newline="") as f:
        deals = list(csv.DictReader(f))
    with open(base / "sales_teams.csv", encoding="utf-8", newline="") as f:
        team = {r["sales_agent"]: r for r in csv.DictReader(f)}
    with open(base / "products.csv", encoding="utf-8", newline="") as f:
        price = {key(r["product"]): float(r["sales_price"]) for r in csv.DictReader(f)}
    by_stage = defaultdict(int)
    for d in deals:
        by_stage[d["deal_stage"]] += 1
    closed = [d for d in deals if d["close_date"]]
    won = [d for d in closed if d["deal_stage"] == "Won"]
    lost = [d for d in closed if d["deal_stage"] == "Lost"]
    won_revenue = sum(float(d["close_value"]) for d in won)
    cycles = [(iso(d["close_date"]) - iso(d["engage_date"])).days for d in won]
    by = {"agent": defaultdict(float), "manager": defaultdict(float), "office": defaultdict(float), "month": defaultdict(float)}
    for d in won:
        v = float(d["close_value"])
        by["agent"][d["sales_agent"]] += v
        by["manager"][team[d["sales_agent"]]["manager"]] += v
        by["office"][team[d["sales_agent"]]["regional_office"]] += v
        by["month"][d["close_date"][:7]] += v
    open_deals = [d for d in deals if d["deal_stage"] not in ("Won", "Lost")]
    return {
        "deals": len(deals),
        "deals_by_stage": dict(by_stage),
        "win_rate": len(won) / (len(won) + len(lost)),
        "won_deals": len(won),
        "won_revenue": won_revenue,
        "avg_deal_value": won_revenue / len(won),
        "avg_sales_cycle_days": sum(cycles) / len(cycles),
        "won_revenue_by_agent": dict(by["agent"]),
        "won_revenue_by_manager": dict(by["manager"]),
        "won_revenue_by_office": dict(by["office"]),
        "won_revenue_by_month": dict(by["month"]),
        "open_deals": len(open_deals),
        "open_pipeline_list_price": sum(price[key(d["product"])] for d in open_deals),
    }


if __name__ == "__main__":
    json.dump({"superstore": superstore(), "crm": crm()}, sys.stdout, indent=1, sort_keys=True)
    print()
