import type { Page } from '@playwright/test';

import { test, expect, bot, harness, login, BotApi, BotInfo } from './helpers';

/** The bots of this test, as the UI names them: three trade in USDT, gamma in BTC (global-setup.ts). */
const FLEET = [
  { key: 'alpha', name: 'Alpha' },
  { key: 'beta', name: 'Beta' },
  { key: 'history', name: 'History' },
  { key: 'gamma', name: 'Gamma' },
];

/** The number in a money cell ("-1.234 USDT (0.12 %)" → -1.234). */
function amountOf(text: string): number {
  const m = text.replace(/\u2212/g, '-').match(/-?\d+(\.\d+)?/);
  return m ? Number(m[0]) : NaN;
}

/** How many decimals the first number of a money cell shows ("-1.234 USDT (0.12 %)" → 3). */
function decimalsOf(text: string): number {
  const m = text.match(/\d+(?:\.(\d+))?/);
  return m?.[1]?.length ?? 0;
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

test('the fleet: four real bots side by side (three USDT, one BTC), totals per currency, live trades, a bot killed, a bot logged out', async ({ page, request }) => {
  test.setTimeout(180_000);
  const apis = new Map<string, BotApi>();
  for (const b of FLEET) apis.set(b.key, await BotApi.login(request, bot(b.key)));
  const [alpha, gamma] = [apis.get('alpha')!, apis.get('gamma')!];
  // Each bot's stake currency and the decimals it asks amounts in (BTC: 8, USDT: 3), from its own /show_config.
  const stake = new Map<string, { currency: string; decimals: number }>();
  for (const b of FLEET) {
    const config = await apis.get(b.key)!.get('/show_config');
    stake.set(b.key, { currency: config.stake_currency, decimals: config.stake_currency_decimals });
  }
  expect(stake.get('gamma'), 'gamma trades in BTC').toEqual({ currency: 'BTC', decimals: 8 });
  for (const k of ['alpha', 'beta', 'history']) expect(stake.get(k)!.currency, `${k} trades in USDT`).toBe('USDT');
  await alpha.exitAll();
  // Gamma gets a closed BTC trade (a win or loss of its own) and an open one, so that every BTC figure of the
  // totals differs from a sum that took USDT rows in.
  await gamma.exitAll();
  const gammaClosedBefore = (await gamma.get('/profit')).closed_trade_count as number;
  const gammaFirst = await gamma.post('/forceenter', { pair: 'ETH/BTC' });
  await expect.poll(async () => (await gamma.openTrades()).some((t) => t.trade_id === gammaFirst.trade_id && !t.has_open_orders)).toBe(true);
  await gamma.post('/forceexit', { tradeid: String(gammaFirst.trade_id) });
  await expect.poll(async () => (await gamma.get('/profit')).closed_trade_count).toBeGreaterThan(gammaClosedBefore);
  const gammaOpen = await gamma.post('/forceenter', { pair: 'SOL/BTC' });
  for (const b of FLEET) await login(page, bot(b.key), { name: b.name });

  await page.locator('header').getByRole('link', { name: 'Fleet', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Fleet', level: 1 })).toBeVisible();
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(4);

  // Each row's figures equal the bot's own /status, /count and /profit (re-read while the bots trade on their own),
  // its amounts in its own stake currency, to the decimals it asks for.
  for (const b of FLEET) {
    const api = apis.get(b.key)!;
    const { currency, decimals } = stake.get(b.key)!;
    const r = row(page, b.name);
    await expect
      .poll(async () => {
        const [open, count, profit] = await Promise.all([api.get('/status'), api.get('/count'), api.get('/profit')]);
        const closedText = await r.locator('.fleet-closed').innerText();
        const ui = {
          open: await r.locator('.fleet-open').innerText(),
          winloss: await r.locator('.fleet-winloss').innerText(),
          closed: amountOf(closedText),
          closedShown: `${decimalsOf(closedText)} decimals, ${closedText.split(' ')[1]}`,
        };
        const want = {
          open: `${open.length} / ${count.max}`,
          winloss: `${profit.winning_trades} / ${profit.losing_trades}`,
          closed: Number(profit.profit_closed_coin.toFixed(decimals)),
          closedShown: `${decimals} decimals, ${currency}`,
        };
        return JSON.stringify(ui) === JSON.stringify(want) ? 'equal' : `${JSON.stringify(ui)} != ${JSON.stringify(want)}`;
      }, { timeout: 20_000 })
      .toBe('equal');
    for (const cell of ['.fleet-open-profit', '.fleet-balance']) {
      await expect(r.locator(cell)).toHaveText(new RegExp(`^[-\u2212]?\\d+\\.\\d{${decimals}} ${currency}\\b`));
    }
    await expect(r.locator('.fleet-state')).toContainText('dry');
    await expect(r.locator('.fleet-log')).toHaveText(/^\d+ warn · \d+ err$/);
  }
  await expect(row(page, 'Gamma').locator('.fleet-open')).toHaveText(/^[1-9]\d* \//);

  // A totals row per stake currency, USDT first (the order the currencies first appear). Each sums its own
  // currency's rows only: USDT the three USDT bots, BTC Gamma alone. Counts are exact; amounts agree to the
  // rounding of the shown figures. A USDT amount added to BTC (or the other way) moves the balance by ~0.1 or
  // ~3000 and the counts by whole trades, far beyond that rounding.
  const totals = page.locator('.fleet-table tfoot tr.fleet-total');
  await expect(totals).toHaveCount(2);
  await expect(totals.nth(0)).toHaveAttribute('data-currency', 'USDT');
  await expect(totals.nth(1)).toHaveAttribute('data-currency', 'BTC');
  const total = page.locator('.fleet-table tfoot tr.fleet-total[data-currency="USDT"]');
  const btcTotal = page.locator('.fleet-table tfoot tr.fleet-total[data-currency="BTC"]');
  await expect(total.locator('th')).toHaveText('Total USDT (3 bots)');
  await expect(btcTotal.locator('th')).toHaveText('Total BTC (1 bot)');
  const totalsMismatch = async (currency: string, shown = FLEET): Promise<string[]> => {
    const names = shown.filter((b) => stake.get(b.key)!.currency === currency).map((b) => b.name);
    // The totals show the currency's decimals, as its bots ask for them (BTC 8, USDT 3).
    const places = Math.max(...shown.filter((b) => stake.get(b.key)!.currency === currency).map((b) => stake.get(b.key)!.decimals));
    const rows = names.map((n) => row(page, n));
    const cells = async (sel: string) => Promise.all(rows.map((r) => r.locator(sel).innerText()));
    const sumCounts = (texts: string[]) =>
      texts.map((t) => t.split(' / ').map(Number)).reduce(([a, b], [x, y]) => [a + x, b + (y || 0)], [0, 0]);
    const [openCount] = sumCounts(await cells('.fleet-open'));
    const [wins, losses] = sumCounts(await cells('.fleet-winloss'));
    const footer = await page.locator(`.fleet-table tfoot tr.fleet-total[data-currency="${currency}"] td`).allInnerTexts();
    const wrong: string[] = [];
    if (footer[1] !== String(openCount)) wrong.push(`open ${footer[1]} != ${openCount}`);
    if (footer[7] !== `${wins} / ${losses}`) wrong.push(`win/loss ${footer[7]} != ${wins} / ${losses}`);
    // The sum of the shown row amounts, against the footer to the rounding of both.
    for (const [label, sel, at] of [['open profit', '.fleet-open-profit', 2], ['all closed', '.fleet-closed', 6], ['balance', '.fleet-balance', 8]] as const) {
      const texts = await cells(sel);
      const sum = texts.map(amountOf).reduce((a, v) => a + v, 0);
      const slack = texts.reduce((a, t) => a + 0.5 * 10 ** -decimalsOf(t), 0.5 * 10 ** -decimalsOf(footer[at])) + 1e-9;
      if (!footer[at].includes(` ${currency}`)) wrong.push(`${label} "${footer[at]}" is not in ${currency}`);
      if (decimalsOf(footer[at]) !== places) wrong.push(`${label} "${footer[at]}" does not show ${places} decimals`);
      if (!(Math.abs(amountOf(footer[at]) - sum) <= slack)) wrong.push(`${label} ${footer[at]} != ${sum} (± ${slack})`);
    }
    return wrong;
  };
  for (const currency of ['USDT', 'BTC']) {
    await expect.poll(() => totalsMismatch(currency), { timeout: 10_000, message: `Total ${currency}` }).toEqual([]);
  }
  // Gamma's balance is about its 0.1 BTC wallet: the BTC total has no USDT in it.
  expect(amountOf((await btcTotal.locator('td').allInnerTexts())[8])).toBeLessThan(1);
  // The cumulative profit per currency: BTC's curve has a point per closed trade of Gamma (plus the start).
  const btcCurve = page.locator('.fleet-curve[data-currency="BTC"] .profit-chart');
  await expect
    .poll(async () => Number(await btcCurve.getAttribute('data-items')) - ((await gamma.get('/profit')).closed_trade_count + 1), { timeout: 15_000 })
    .toBe(0);

  // A trade opened through Alpha's API shows in the combined open trades, naming its bot, within 2 s.
  const openTrades = page.locator('.fleet-open-trades tbody');
  const trade = await alpha.post('/forceenter', { pair: 'SOL/USDT' });
  const tradeRow = openTrades.locator(`tr[data-trade-id="${trade.trade_id}"]`).filter({ hasText: 'Alpha' });
  await expect(tradeRow).toBeVisible({ timeout: 2_000 });
  await expect(tradeRow).toContainText('SOL/USDT');
  const gammaRow = openTrades.locator(`tr[data-trade-id="${gammaOpen.trade_id}"]`).filter({ hasText: 'Gamma' });
  await expect(gammaRow).toBeVisible();
  await expect(gammaRow).toContainText('SOL/BTC');

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
  await expect(page.locator('.bot-row')).toHaveCount(3);
  const toHistory = requestsTo(page, bot('history'));
  await page.locator('header').getByRole('link', { name: 'Fleet', exact: true }).click();
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(3);
  await expect(total.locator('th')).toHaveText('Total USDT (2 bots)');
  await expect(btcTotal.locator('th')).toHaveText('Total BTC (1 bot)');
  for (const currency of ['USDT', 'BTC']) {
    const shown = FLEET.filter((b) => b.key !== 'history');
    await expect.poll(() => totalsMismatch(currency, shown), { timeout: 10_000, message: `Total ${currency}` }).toEqual([]);
  }
  await page.waitForTimeout(7_000);
  expect(toHistory, 'requests to a logged-out bot').toEqual([]);
  await gamma.exitAll();
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

test('a poll that changes the fleet rows leaves the closed-trades table as it is (no rows redrawn)', async ({ page, request }) => {
  const [alphaApi, betaApi] = await Promise.all(['alpha', 'beta'].map((k) => BotApi.login(request, bot(k))));
  const closedCounts = async () => [(await alphaApi.get('/profit')).closed_trade_count, (await betaApi.get('/profit')).closed_trade_count].join('/');
  for (const b of FLEET.slice(0, 2)) await login(page, bot(b.key), { name: b.name });
  await page.goto('/fleet');
  const closedRows = page.locator('.fleet-closed-trades tbody tr');
  await expect(closedRows.first()).toBeVisible();
  // The bots trade on their own: a trade of theirs closing in the window redraws the table rightly, so the window
  // is tried again (at most three times) until no bot closed a trade during it.
  let kept = false;
  for (let attempt = 0; attempt < 3 && !kept; attempt++) {
    const before = await closedCounts();
    await closedRows.evaluateAll((rows) => rows.forEach((r) => ((r as any).__kept = true)));
    // A trade opened through Alpha's API changes its fleet row (open count) and the combined open trades.
    const openCell = row(page, 'Alpha').locator('.fleet-open');
    const openBefore = await openCell.innerText();
    const trade = await alphaApi.post('/forceenter', { pair: 'XRP/USDT' });
    await expect(page.locator(`.fleet-open-trades tr[data-trade-id="${trade.trade_id}"]`)).toBeVisible({ timeout: 5_000 });
    await expect(openCell).not.toHaveText(openBefore);
    const marked = await closedRows.evaluateAll((rows) => rows.filter((r) => (r as any).__kept === true).length);
    const total = await closedRows.count();
    const after = await closedCounts();
    await alphaApi.post('/forceexit', { tradeid: String(trade.trade_id) });
    await expect.poll(async () => (await alphaApi.openTrades()).some((t: any) => t.trade_id === trade.trade_id)).toBe(false);
    if (before !== after) {
      console.log(`a bot closed a trade during the window (${before} -> ${after}); trying again`);
      await page.waitForTimeout(3_000);
      continue;
    }
    expect(marked, 'closed-trade rows kept their elements').toBe(total);
    kept = true;
  }
  expect(kept, 'a window without a trade closed by the bots themselves').toBe(true);
});

test('the fleet is the start page once two bots are logged in; the bot list stays one click away', async ({ page }) => {
  // One bot: a login leads to the Trade page, and the app's root is the bot list.
  await login(page, bot('alpha'), { name: 'Alpha' });
  await expect(page).toHaveURL(/\/trade$/);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();

  // The second login leads to the fleet, and so does opening the app at its root.
  await login(page, bot('beta'), { name: 'Beta' });
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.locator('.fleet-table tbody tr.fleet-row')).toHaveCount(2);
  await page.goto('/');
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.getByRole('heading', { name: 'Fleet', level: 1 })).toBeVisible();
  // A login asked for by a page (?redirect=) still goes back to that page.
  await page.goto('/login?redirect=/logs');
  await page.getByLabel('Bot name').fill('Alpha again');
  await page.getByLabel('API URL').fill(bot('alpha').url);
  await page.getByLabel('Username').fill(bot('alpha').username);
  await page.getByLabel('Password').fill(bot('alpha').password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/logs$/);

  // The brand link still shows the bot list; logging out down to one bot makes the root the bot list again.
  await page.getByRole('link', { name: 'Freqboard' }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
  // A reload of the bot list keeps it.
  await page.reload();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
  for (const name of ['Beta', 'Alpha again']) {
    const r = page.locator('.bot-row', { hasText: name });
    await r.getByRole('button', { name: 'Log out' }).click();
    await r.getByRole('button', { name: 'Yes, log out' }).click();
  }
  await expect(page.locator('.bot-row')).toHaveCount(1);
  await page.goto('/');
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
});
