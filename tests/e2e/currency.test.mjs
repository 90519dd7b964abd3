// The report keeps one currency (the setting): the import step asks which
// one amounts without a symbol are in, offers to switch when a file writes
// another, and flags files whose symbols disagree.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { serve, open, ready, kpiValue, DATA } from './harness.mjs';

let server;
let dir;
before(async () => {
  server = await serve();
  dir = await mkdtemp(join(tmpdir(), 'cadran-currency-'));
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function csv(name, text) {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

// The revenue card's text once the report is computed.
async function revenueText(page) {
  await kpiValue(page, 'revenue');
  return page.getByTestId('kpi-revenue').textContent();
}

test('Superstore has no symbol: the import step asks, proposing the setting; USD shows $', async () => {
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles(join(DATA, 'superstore', 'Superstore.csv'));
    const choice = b.page.getByTestId('currency-choice');
    await choice.waitFor({ timeout: 30_000 });
    assert.match(await choice.textContent(), /^Montants en\u202f: /);
    const select = b.page.getByTestId('import-currency');
    assert.equal(await select.inputValue(), 'EUR', 'the setting is proposed');
    assert.equal(await b.page.getByTestId('currency-disagreement').count(), 0);
    await select.selectOption('USD');
    await b.page.getByTestId('confirm-import').click();
    const text = await revenueText(b.page);
    assert.match(text, /\$/, text);
    assert.doesNotMatch(text, /€/, text);
    // The choice is the report's currency, as the settings say.
    await b.page.getByTestId('nav-data').click();
    assert.equal(await b.page.getByTestId('currency-select').inputValue(), 'USD');
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('a file in dollars offers to show the report in USD; agreeing files ask nothing', async () => {
  const dollars = await csv('sales-usd.csv', 'Date,Customer,Amount\n2024-03-05,Alpha,"$1,200.00"\n2024-03-06,Beta,$300.50\n');
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles(dollars);
    const offer = b.page.getByTestId('currency-switch');
    await offer.waitFor({ timeout: 30_000 });
    assert.match(await offer.textContent(), /^Ce fichier est en dollars\u202f; afficher le rapport en USD\u202f\?/);
    await b.page.getByTestId('currency-switch-button').click();
    // The file now agrees with the setting: no question left.
    await offer.waitFor({ state: 'detached' });
    assert.equal(await b.page.getByTestId('currency-choice').count(), 0);
    await b.page.getByTestId('confirm-import').click();
    assert.equal(await kpiValue(b.page, 'revenue'), 1500.5);
    assert.match(await revenueText(b.page), /\$/);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});

test('a file in € beside a file in $ is flagged at import and on the data page', async () => {
  const euros = await csv('ventes.csv', 'Date;Client;Montant\n05/03/2024;Alpha;1 234,56 €\n06/03/2024;Beta;100,00 €\n');
  const dollars = await csv('factures.csv', 'Invoice,Customer,Issue date,Due date,Amount\nF1,Gamma,2024-03-07,2024-04-06,$50.00\n');
  const b = await open({ locale: 'fr-FR' });
  try {
    await b.page.goto(server.url);
    await ready(b.page);
    await b.page.getByTestId('file-input').setInputFiles([euros, dollars]);
    const warning = b.page.getByTestId('currency-disagreement');
    await warning.waitFor({ timeout: 30_000 });
    // Both files read before the sentence is checked.
    await b.page.getByTestId('mapping-editor').nth(1).waitFor();
    const text = await warning.textContent();
    assert.match(text, /ventes\.csv (est )?en €/, text);
    assert.match(text, /factures\.csv (est )?en \$/, text);
    assert.match(text, /\u202f: les montants sont additionnés tels quels, sans conversion, dans un rapport en €\.$/, text);
    // Two currencies: no single one to switch to.
    assert.equal(await b.page.getByTestId('currency-switch').count(), 0);
    await b.page.getByTestId('confirm-import').click();
    assert.equal(await kpiValue(b.page, 'revenue'), 1334.56);
    // The tables in use keep saying it, in English too.
    await b.page.getByTestId('nav-data').click();
    await b.page.getByTestId('lang-select').selectOption('en');
    const kept = b.page.getByTestId('currency-disagreement');
    await kept.waitFor();
    assert.match(await kept.textContent(), /amounts are added as they are, without conversion, in a report in €\.$/);
    b.assertClean(server.origin);
  } finally {
    await b.close();
  }
});
