// Writes docs/screenshot.png: the dashboard on demo data, as the README shows it.
// Usage: node tests/e2e/screenshot.mjs [out.png] [locale]
// PHONE=1 takes the phone's first screen (390 × 844) into docs/screenshot-phone.png.
import { join } from 'node:path';
import { serve, open, ready, kpiValue, ROOT } from './harness.mjs';

const phone = process.env.PHONE === '1';
const out = process.argv[2] || join(ROOT, 'docs', phone ? 'screenshot-phone.png' : 'screenshot.png');
const locale = process.argv[3] || 'fr-FR';
const server = await serve();
const b = await open({ locale });
try {
  if (phone) await b.page.setViewportSize({ width: 390, height: 844 });
  await b.page.goto(server.url);
  await ready(b.page);
  await b.page.getByTestId('load-demo').click();
  await kpiValue(b.page, 'revenue');
  // The first screen: the demo's objectives and their levels, then the key indicators.
  await b.page.getByTestId('objectives-strip').locator('[data-testid^="objective-tile-"]').nth(2).waitFor();
  await b.page.mouse.move(0, 0);
  await b.page.evaluate(() => window.scrollTo(0, 0));
  await b.page.locator('canvas').first().waitFor();
  await b.page.waitForTimeout(1200); // let ECharts finish its entry animation
  await b.page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
  console.log(`wrote ${out}`);
} finally {
  await b.close();
  await server.close();
}
