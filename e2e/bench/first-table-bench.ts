/**
 * Time to the first open-trades table (prints numbers; never fails on timing).
 *
 *   cd /work/main && trunk build --release
 *   cd e2e && npx playwright test -c bench/first-table-bench.config.ts
 *   FREQBOARD_DIST=/tmp/other-dist npx playwright test -c bench/first-table-bench.config.ts   (another build)
 *
 * The method of issue 10: a fresh browser context (empty HTTP cache) with a stored login opens /trade, and the
 * time is from the navigation's start to the frame where every open trade of the bot is a row of the table. The
 * bot is the freqtrade imitation (e2e/harness/imitation.py) serving captured real answers, so the network part
 * is the same in every run and the figure is the app's: download, compile, start, first calls, render.
 *
 * It also prints what the first run's page fetched from the UI's origin until the cockpit was complete (its
 * table and its candle chart): each file's gzip -9 size, read from the served build, and the total: the bytes
 * to compare with FreqUI's 891 KB for /trade. e2e/bench/bundle-size.sh derives the same set from the build.
 */
import { test, expect } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { gzipSync } from 'zlib';

import { startImitation, Proc } from '../tests/imitation';
import { benchPort } from './bench-config';

const SLOT = Number(process.env.FREQBOARD_E2E_SLOT ?? '0');
const UI_ORIGIN = `http://127.0.0.1:${benchPort(8096)}`;
const PORT = 18173 + SLOT * 100;
const RUNS = Number(process.env.RUNS ?? 10);
const DIST = path.resolve(__dirname, '..', '..', process.env.FREQBOARD_DIST ?? 'dist');

test('first open-trades table', async ({ browser }) => {
  test.setTimeout(300_000);
  const imitation: Proc = await startImitation(PORT, UI_ORIGIN);
  try {
    // Log in once; every run starts from this stored login.
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto('/login');
    await page.getByLabel('Bot name').fill('Bench');
    await page.getByLabel('API URL').fill(`http://127.0.0.1:${PORT}`);
    await page.getByLabel('Username').fill('freqtrader');
    await page.getByLabel('Password').fill('x');
    await page.getByRole('button', { name: 'Log in' }).click();
    const rows = page.locator('table.open-trades-table tbody tr');
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    const openTrades = await rows.count();
    const stored = await first.storageState();
    await first.close();

    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ storageState: stored });
      const p = await context.newPage();
      const fetched: string[] = [];
      p.on('response', (r) => {
        if (r.url().startsWith(UI_ORIGIN)) fetched.push(new URL(r.url()).pathname);
      });
      await p.goto('/trade', { waitUntil: 'commit' });
      const handle = await p.waitForFunction(
        (n) => document.querySelectorAll('table.open-trades-table tbody tr').length >= n && performance.now(),
        openTrades,
        { timeout: 60_000, polling: 'raf' },
      );
      times.push(Number(await handle.jsonValue()));
      if (run === 0) {
        // The cockpit is complete when its candle chart (a module of its own) has drawn.
        await expect(p.locator('.chart-area canvas').first()).toBeVisible({ timeout: 30_000 });
        await p.waitForLoadState('networkidle');
        let total = 0;
        const files = [...new Set(fetched)].map((name) => {
          const file = path.join(DIST, name === '/' || name === '/trade' ? 'index.html' : name);
          const gz = gzipSync(fs.readFileSync(file), { level: 9 }).length;
          total += gz;
          return `${path.basename(file)} ${gz}`;
        });
        console.log(`/trade fetched ${files.length} files from the UI's origin, ${total} B gzip -9:\n  ${files.join('\n  ')}`);
      }
      await context.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(
      `first open-trades table (${openTrades} rows), ${RUNS} fresh contexts: median ${median.toFixed(0)} ms, ` +
        `min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)} (${times.map((t) => t.toFixed(0)).join(', ')})`,
    );
  } finally {
    await imitation.stop();
  }
});
