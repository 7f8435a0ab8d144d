import type { Page } from '@playwright/test';

import { test, expect, bot, harness, login, BotApi, BotInfo } from './helpers';

/** The bots of this test, as the UI names them. */
const FLEET = [
  { key: 'alpha', name: 'Alpha' },
  { key: 'beta', name: 'Beta' },
  { key: 'history', name: 'History' },
];

/** The number in a money cell ("-1.234 USDT (0.12 %)" → -1.234). */
function amountOf(text: string): number {
  const m = text.replace(/\u2212/g, '-').match(/-?\d+(\.\d+)?/);
  return m ? Number(m[0]) : NaN;
}

const row = (page: Page, name: string) => page.locator('.fleet-table tbody tr.fleet-row', { has: page.locator('th.bot-name', { hasText: name }) });

/** Requests the page sends to `b` from now on. */
function requestsTo(page: Page, b: BotInfo): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(b.url)) seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  return seen;
}

test('the fleet: three real bots side by side, totals per currency, live trades, a bot killed, a bot logged out', async ({ page, request }) => {
  test.setTimeout(180_000);
  const apis = new Map<string, BotApi>();
  for (const b of FLEET) apis.set(b.key, await BotApi.login(request, bot(b.key)));
  const alpha = apis.get('alpha')!;
  await alpha.exitAll();
  for (const b of FLEET) await login(page, bot(b.key), { name: b.name });

  await page.locator('header').getByRole('link', { name: 'Fleet', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Fleet', level: 1 })).toBeVisible();
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(3);

  // Each row's figures equal the bot's own /status, /count and /profit (re-read while the bots trade on their own).
  for (const b of FLEET) {
    const api = apis.get(b.key)!;
    const r = row(page, b.name);
    await expect
      .poll(async () => {
        const [open, count, profit] = await Promise.all([api.get('/status'), api.get('/count'), api.get('/profit')]);
        const ui = {
          open: await r.locator('.fleet-open').innerText(),
          winloss: await r.locator('.fleet-winloss').innerText(),
          closed: amountOf(await r.locator('.fleet-closed').innerText()),
        };
        const want = {
          open: `${open.length} / ${count.max}`,
          winloss: `${profit.winning_trades} / ${profit.losing_trades}`,
          closed: Number(profit.profit_closed_coin.toFixed(3)),
        };
        return JSON.stringify(ui) === JSON.stringify(want) ? 'equal' : `${JSON.stringify(ui)} != ${JSON.stringify(want)}`;
      }, { timeout: 20_000 })
      .toBe('equal');
    await expect(r.locator('.fleet-state')).toContainText('dry');
    await expect(r.locator('.fleet-log')).toHaveText(/^\d+ warn · \d+ err$/);
  }

  // One stake currency here, so one totals row: its counts are the sums of the rows, its open profit the sum of
  // the rows' open profit (to the rounding of the shown figures).
  const total = page.locator('.fleet-table tfoot tr.fleet-total');
  await expect(total).toHaveCount(1);
  await expect(total).toHaveAttribute('data-currency', 'USDT');
  await expect(total.locator('th')).toHaveText('Total USDT (3 bots)');
  await expect
    .poll(async () => {
      const rows = page.locator('.fleet-table tbody tr.fleet-row');
      const cells = async (sel: string) => Promise.all((await rows.locator(sel).all()).map((c) => c.innerText()));
      const winloss = (await cells('.fleet-winloss')).map((t) => t.split(' / ').map(Number));
      const opens = (await cells('.fleet-open-profit')).map(amountOf);
      const footer = await total.locator('td').allInnerTexts();
      const sumWin = winloss.reduce((a, [w]) => a + w, 0);
      const sumLoss = winloss.reduce((a, [, l]) => a + l, 0);
      const sumOpen = opens.reduce((a, v) => a + v, 0);
      const footerOpen = amountOf(footer[2]);
      return footer[7] === `${sumWin} / ${sumLoss}` && Math.abs(footerOpen - sumOpen) <= 0.0025;
    }, { timeout: 10_000 })
    .toBe(true);

  // A trade opened through Alpha's API shows in the combined open trades, naming its bot, within 2 s.
  const openTrades = page.locator('.fleet-open-trades tbody');
  const trade = await alpha.post('/forceenter', { pair: 'SOL/USDT' });
  const tradeRow = openTrades.locator(`tr[data-trade-id="${trade.trade_id}"]`).filter({ hasText: 'Alpha' });
  await expect(tradeRow).toBeVisible({ timeout: 2_000 });
  await expect(tradeRow).toContainText('SOL/USDT');

  // Beta killed: its row turns offline, while the other rows keep updating.
  harness('stop-bot', '--name', 'beta', '--kill');
  try {
    await expect(row(page, 'Beta')).toHaveAttribute('data-status', 'offline', { timeout: 15_000 });
    await expect(row(page, 'Beta')).toHaveClass(/offline/);
    await alpha.post('/forceexit', { tradeid: String(trade.trade_id) });
    await expect(tradeRow).toHaveCount(0, { timeout: 5_000 });
    await expect(row(page, 'Alpha')).toHaveAttribute('data-status', 'online');
  } finally {
    harness('start-bot', '--name', 'beta');
  }
  await expect(row(page, 'Beta')).toHaveAttribute('data-status', 'online', { timeout: 30_000 });

  // History logged out: its row goes, and the page sends it nothing more.
  await page.locator('header').getByRole('link', { name: 'Freqboard' }).click();
  const historyRow = page.locator('.bot-row', { hasText: 'History' });
  await historyRow.getByRole('button', { name: 'Log out' }).click();
  await historyRow.getByRole('button', { name: 'Yes, log out' }).click();
  await expect(page.locator('.bot-row')).toHaveCount(2);
  const toHistory = requestsTo(page, bot('history'));
  await page.locator('header').getByRole('link', { name: 'Fleet', exact: true }).click();
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(2);
  await expect(total.locator('th')).toHaveText('Total USDT (2 bots)');
  await page.waitForTimeout(7_000);
  expect(toHistory, 'requests to a logged-out bot').toEqual([]);
});

test('the fleet: the bots shown, the filters and the profit curve of all bots or one', async ({ page, request }) => {
  for (const b of FLEET.slice(0, 2)) await login(page, bot(b.key), { name: b.name });
  await page.goto('/fleet');
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(2);

  // The curve of all USDT bots has a point per closed trade of both (plus the start); then Alpha's alone.
  const [alpha, beta] = await Promise.all(['alpha', 'beta'].map((k) => BotApi.login(request, bot(k))));
  const closedOf = async (api: BotApi) => (await api.get('/profit')).closed_trade_count as number;
  const curve = page.locator('.fleet-curve[data-currency="USDT"] .profit-chart');
  await expect
    .poll(async () => Number(await curve.getAttribute('data-items')) - ((await closedOf(alpha)) + (await closedOf(beta)) + 1), { timeout: 15_000 })
    .toBe(0);
  await page.getByLabel('Cumulative profit (USDT)').selectOption({ label: 'Alpha' });
  await expect
    .poll(async () => Number(await curve.getAttribute('data-items')) - ((await closedOf(alpha)) + 1), { timeout: 10_000 })
    .toBe(0);

  // Hidden bots stay hidden after a reload.
  await page.locator('.fleet-chooser').getByLabel('Beta').uncheck();
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(1);
  await page.reload();
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(1);
  await expect(page.locator('.fleet-chooser').getByLabel('Beta')).not.toBeChecked();
  await page.locator('.fleet-chooser').getByLabel('Beta').check();
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(2);

  // Filters: by name, and by state (both bots are dry-run, neither is offline).
  await page.getByLabel('Name').fill('alp');
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(1);
  await page.getByLabel('Name').fill('');
  await page.getByLabel('Show').selectOption('live');
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(0);
  await page.getByLabel('Show').selectOption('dry');
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(2);

  // A click on a row selects its bot.
  await row(page, 'Beta').click();
  await expect(page.locator('header .bot-badge .bot-name')).toHaveText('Beta');
  await expect(row(page, 'Beta')).toHaveClass(/selected/);
});

test('on the fleet page a background bot is asked only what the fleet shows; selecting it reads the rest', async ({ page }) => {
  const [alpha, beta] = [bot('alpha'), bot('beta')];
  await login(page, alpha, { name: 'Alpha' });
  await login(page, beta, { name: 'Beta' });
  await expect(page.locator('header .bot-badge .bot-name')).toHaveText('Beta');
  const reads = { alpha: [] as string[], beta: [] as string[] };
  page.on('request', (r) => {
    if (r.method() !== 'GET') return;
    const path = new URL(r.url()).pathname.replace('/api/v1/', '');
    if (r.url().startsWith(alpha.url)) reads.alpha.push(path);
    if (r.url().startsWith(beta.url)) reads.beta.push(path);
  });
  // A reload opens both bots' sessions from the fleet page: Beta selected, Alpha in the background.
  await page.goto('/fleet');
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(2);
  await expect(row(page, 'Alpha').locator('.fleet-log')).toHaveText(/warn/);
  await page.waitForTimeout(2_000);
  const fleetReads = ['status', 'count', 'show_config', 'profit', 'balance', 'trades'];
  const selectedOnly = ['whitelist', 'blacklist', 'locks', 'profit_all'];
  console.log('reads while the fleet opens', reads);
  for (const p of [...fleetReads, ...selectedOnly]) expect(reads.beta, `Beta (selected) reads ${p}`).toContain(p);
  for (const p of fleetReads) expect(reads.alpha, `Alpha (background) reads ${p}`).toContain(p);
  for (const p of selectedOnly) expect(reads.alpha, `Alpha (background) does not read ${p}`).not.toContain(p);

  // Selected, Alpha reads the rest at once.
  reads.alpha.length = 0;
  await row(page, 'Alpha').click();
  await expect(page.locator('header .bot-badge .bot-name')).toHaveText('Alpha');
  await expect.poll(() => selectedOnly.filter((p) => !reads.alpha.includes(p)), { timeout: 3_000 }).toEqual([]);
});
