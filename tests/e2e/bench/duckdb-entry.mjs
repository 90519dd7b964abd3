// DuckDB-Wasm side of the dashboard benchmark: the same files, each loaded
// into a table of its own (the sales file into `ventes`), then revenue by
// month and the top 10 customers queried from the sales. Bundled with
// esbuild by bench-dashboard.mjs and served from 127.0.0.1 with DuckDB's own
// worker and Wasm from node_modules: nothing comes from a CDN. The sales file
// (`demo-ventes.csv` or `realistic-N.csv`) goes into `ventes`.
import * as duckdb from '@duckdb/duckdb-wasm';

// French Excel exports: `;`, decimal commas, day-first dates.
const OPTIONS = `delim=';', header=true, decimal_separator=',', dateformat='%d/%m/%Y'`;

window.duckdbBench = async (files) => {
  const t0 = performance.now();
  const worker = new Worker('./duckdb-browser-eh.worker.js');
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate('./duckdb-eh.wasm');
  const t1 = performance.now();
  const conn = await db.connect();
  for (const [i, file] of [...files].entries()) {
    const sales = file.name === 'demo-ventes.csv' || file.name.startsWith('realistic-');
    const table = sales ? 'ventes' : `t${i}`;
    await db.registerFileHandle(`${table}.csv`, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    await conn.query(`CREATE TABLE ${table} AS SELECT * FROM read_csv('${table}.csv', ${OPTIONS})`);
  }
  const t2 = performance.now();
  const months = await conn.query(`SELECT strftime("Date", '%Y-%m') AS month, sum("Montant HT") AS revenue
    FROM ventes GROUP BY 1 ORDER BY 1`);
  const top = await conn.query(`SELECT "Client", sum("Montant HT") AS revenue
    FROM ventes GROUP BY 1 ORDER BY 2 DESC LIMIT 10`);
  const total = await conn.query(`SELECT sum("Montant HT") AS revenue, count(*) AS n FROM ventes`);
  const t3 = performance.now();
  const row = total.toArray()[0];
  const result = {
    instantiate_ms: t1 - t0,
    load_ms: t2 - t1,
    query_ms: t3 - t2,
    rows: Number(row.n),
    revenue: Number(row.revenue),
    months: months.numRows,
    top: top.numRows,
  };
  await conn.close();
  await db.terminate();
  return result;
};
