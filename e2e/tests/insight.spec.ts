import type { Locator, Page } from '@playwright/test';

import { test, expect, bot, harness, login, BotApi, downloadCsv, expectChartDrawn, ink, storeToken } from './helpers';
import { HISTORY_CLOSED_TRADES, SIM_PORT } from './env';

/**
 * What the cockpit tells a trader beyond the trades themselves, against real dry-run bots: the running strategy's
 * parameters (alpha), the wallet over time and the balance toggle (history: seeded closed trades, from which
 * freqtrade builds its wallet history at start-up), closed trades exported as CSV (history), and the alerts: a
 * fill as a notification (alpha), a stalled loop (gamma, whose exchange the simulator holds for a while).
 */

async function openTab(page: Page, name: string): Promise<Locator> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return page.getByRole('tabpanel');
}

test('the Strategy tab lists the running strategy parameters by space, as the bot serves them', async ({ page, request }) => {
  const b = bot('alpha');
  const api = await BotApi.login(request, b);
  const strategy = await api.get('/strategy/SampleStrategy');
  expect(strategy.params.length).toBeGreaterThan(0);
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/strategy/')) reads.push(r.url());
  });
  await login(page, b, { name: 'Alpha' });
  let panel = await openTab(page, 'Strategy');
  await expect(panel.locator('.strategy-name')).toContainText('SampleStrategy');
  // Read once per strategy: the tab opened again shows it without asking.
  await openTab(page, 'Balance');
  panel = await openTab(page, 'Strategy');
  await expect(panel.locator('.strategy-name')).toContainText('SampleStrategy');
  expect(reads).toHaveLength(1);
  await expect(panel.locator('.strategy-name')).toContainText(`timeframe ${strategy.timeframe}`);
  for (const p of strategy.params) {
    const row = panel.locator(`tbody[data-space="${p.space}"] tr`, { has: page.locator('td', { hasText: new RegExp(`^${p.name}$`) }) });
    await expect(row.locator('td').nth(1), p.name).toHaveText(String(p.value));
    await expect(row.locator('td').nth(2), p.name).toHaveText(`${p.low} – ${p.high}`);
  }
  // Every space once, buy first.
  const spaces = [...new Set(strategy.params.map((p: any) => p.space))];
  await expect(panel.locator('tbody[data-space]')).toHaveCount(spaces.length);
  await expect(panel.locator('tbody[data-space]').first()).toHaveAttribute('data-space', 'buy');
  // The source, as text.
  await panel.getByText('Source', { exact: true }).click();
  await expect(panel.locator('.strategy-code pre')).toContainText('class SampleStrategy(IStrategy)');
});

test('the wallet history draws on the Balance tab and the Dashboard; the balance toggle shows the bot part', async ({ page, request }) => {
  const b = bot('history');
  const api = await BotApi.login(request, b);
  // freqtrade rebuilds the wallet history from the seeded trades at start-up, a little after its API answers.
  await expect
    .poll(async () => (await api.get('/historic_balance')).length, { message: 'wallet history rebuilt', timeout: 60_000 })
    .toBeGreaterThan(2);
  const balance = await api.get('/balance');
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/historic_balance')) reads.push(r.url());
  });
  await login(page, b, { name: 'History' });
  const panel = await openTab(page, 'Balance');
  await expectChartDrawn(page, 'wallet-history');
  await expectChartDrawn(page, 'balance');
  // One read for the tab: nothing changed on the bot meanwhile.
  expect(reads).toHaveLength(1);

  const total = panel.locator('tfoot .balance-total');
  const decimals = (await api.get('/show_config')).stake_currency_decimals ?? 3;
  await expect(total).toHaveText(Number(balance.total).toFixed(decimals));
  await panel.getByRole('button', { name: 'Bot', exact: true }).click();
  await expect(panel.getByRole('button', { name: 'Bot', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(total).toHaveText(Number(balance.total_bot).toFixed(decimals));
  await expect(panel.locator('table.balances th', { hasText: 'Owned by the bot' })).toBeVisible();

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expectChartDrawn(page, 'wallet-history');
});

test('closed trades export as CSV: every trade or the filtered view, with the values of the table', async ({ page }) => {
  const b = bot('history');
  await login(page, b, { name: 'History' });
  await openTab(page, 'Closed trades');
  const count = page.locator('.closed-count');
  await expect(count).toHaveText(/^\d+ closed trades$/, { timeout: 30_000 });
  const all = Number((await count.textContent())!.split(' ')[0]);

  const save = async (): Promise<string[][]> => {
    const { name, rows } = await downloadCsv(page, page.locator('.csv-export'));
    expect(name).toMatch(/^freqboard-History-closed-trades-\d{4}-\d\d-\d\d\.csv$/);
    return rows;
  };

  const [header, ...rows] = await save();
  expect(header[0]).toBe('ID');
  expect(header).toContain('Open date (UTC)');
  expect(rows).toHaveLength(all);
  const col = (name: string) => header.indexOf(name);

  // The table's first page, row by row, against the file's first lines (both newest close first).
  const tableRows = page.locator('.closed-trades-table tbody tr');
  await expect(tableRows).toHaveCount(50);
  // Header texts without the sort mark.
  const heads = (await page.locator('.closed-trades-table thead th').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim());
  const cell = (texts: string[], name: string) => {
    const i = heads.indexOf(name);
    expect(i, `table column ${name}`).toBeGreaterThanOrEqual(0);
    return texts[i].trim();
  };
  for (let i = 0; i < 50; i++) {
    const texts = await tableRows.nth(i).locator('td').allTextContents();
    const row = rows[i];
    expect(row[col('ID')]).toBe(cell(texts, 'ID'));
    expect(row[col('Pair')]).toBe(cell(texts, 'Pair'));
    expect(row[col('Open date (UTC)')]).toBe(cell(texts, 'Open date'));
    expect(row[col('Close date (UTC)')]).toBe(cell(texts, 'Close date'));
    expect(row[col('Exit reason')]).toBe(cell(texts, 'Exit reason'));
    expect(Number(row[col('Amount')])).toBeCloseTo(Number(cell(texts, 'Amount')), 8);
    // The table rounds; the file keeps the bot's value.
    const pct = Number(cell(texts, 'Profit %').replace(/\s*%$/, ''));
    expect(Math.abs(Number(row[col('Profit %')]) - pct)).toBeLessThanOrEqual(0.005 + 1e-9);
    const abs = cell(texts, 'Profit');
    const decimals = abs.split('.')[1]?.length ?? 0;
    expect(Number(row[col('Profit')]).toFixed(decimals).replace(/^-(0\.?0*)$/, '$1')).toBe(abs);
  }

  // The filtered view: only its trades, in its order.
  await page.getByLabel('Filter by pair').fill('BTC');
  await expect(count).toHaveText(/^\d+ of \d+ closed trades match$/);
  const matching = Number((await count.textContent())!.split(' ')[0]);
  expect(matching).toBeGreaterThan(0);
  expect(matching).toBeLessThan(all);
  await expect(page.locator('.csv-export')).toHaveText(`Export the ${matching} shown as CSV`);
  const [, ...filtered] = await save();
  expect(filtered).toHaveLength(matching);
  expect(filtered.every((r) => r[col('Pair')].includes('BTC'))).toBe(true);
});

test('the trade detail shows what the strategy stored with the trade, as text', async ({ page, request }) => {
  const b = bot('history');
  const api = await BotApi.login(request, b);
  // The seed stores custom data on its newest closed trade (e2e/harness/seed_history.py, CUSTOM_DATA).
  const trades: any[] = [];
  for (;;) {
    const chunk = await api.get(`/trades?limit=500&offset=${trades.length}`);
    trades.push(...chunk.trades);
    if (chunk.trades.length === 0 || trades.length >= chunk.total_trades) break;
  }
  // The seed wrote the bot's first trades, before any test ran.
  const seeded = trades.filter((t) => !t.is_open && t.trade_id <= HISTORY_CLOSED_TRADES);
  expect(seeded).toHaveLength(HISTORY_CLOSED_TRADES);
  const newest = seeded.reduce((a, t) => (t.close_timestamp > a.close_timestamp ? t : a));
  const stored = await api.get(`/trades/${newest.trade_id}/custom-data`);
  const entries: any[] = stored[0].custom_data;
  expect(entries.map((e) => e.key)).toEqual(['entry_rsi', 'dca_steps', 'note', 'levels', 'trailing']);

  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/custom-data')) reads.push(r.url());
  });
  await login(page, b, { name: 'History' });
  await page.goto(`/trade/${newest.trade_id}`);
  const section = page.getByRole('region', { name: 'Custom data' });
  await expect(section.locator('tbody tr')).toHaveCount(entries.length);
  const row = (key: string) => section.locator('tbody tr', { has: page.locator('td', { hasText: new RegExp(`^${key}$`) }) });
  await expect(row('entry_rsi').locator('td').nth(1)).toHaveText('27.5');
  await expect(row('entry_rsi').locator('td').nth(2)).toHaveText('float');
  // HTML in a stored string stays text.
  await expect(row('note').locator('td').nth(1)).toHaveText('<b>seeded</b>');
  await expect(section.locator('b')).toHaveCount(0);
  await expect(row('levels').locator('td').nth(1)).toHaveText('{"tp":[1.02,1.05]}');
  await expect(row('trailing').locator('td').nth(1)).toHaveText('yes');
  expect(reads.every((u) => u.endsWith(`/trades/${newest.trade_id}/custom-data`))).toBe(true);

  // A trade without custom data shows no section (the bot answers 404, which is not an error here).
  const plain = seeded.find((t) => t.trade_id !== newest.trade_id)!;
  await page.goto(`/trade/${plain.trade_id}`);
  await expect(page.getByRole('heading', { name: new RegExp(`#${plain.trade_id}`) }).first()).toBeVisible();
  await expect.poll(() => reads.some((u) => u.endsWith(`/trades/${plain.trade_id}/custom-data`))).toBe(true);
  await expect(page.getByRole('region', { name: 'Custom data' })).toHaveCount(0);
  await expect(page.locator('.trade-custom-data')).toHaveCount(0);
});

test('the open trades table shows, on request, what the strategy stored with each open trade', async ({ page, request }) => {
  const b = bot('alpha');
  const api = await BotApi.login(request, b);
  const open: string[] = (await api.get('/status')).map((t: any) => t.pair);
  const free = ['SOL/USDT', 'ETH/USDT', 'XRP/USDT', 'BTC/USDT'].filter((p) => !open.includes(p));
  expect(free.length, 'two pairs without an open trade').toBeGreaterThanOrEqual(2);
  const created: number[] = [];
  try {
    const plain = (await api.post('/forceenter', { pair: free[0] })).trade_id;
    created.push(plain);
    const tagged = (await api.post('/forceenter', { pair: free[1] })).trade_id;
    created.push(tagged);
    // What a strategy's trade.set_custom_data() writes, through freqtrade's own code, on the newer trade only.
    harness('custom-data', '--name', 'alpha', '--trade-id', String(tagged), '--set', 'entry_rsi=31.5', '--set', 'note="<b>dip</b>"');
    // freqtrade answers 404 for the whole list when its oldest open trade has no custom data: the app must look
    // further (offset) to find the newer trade's.
    expect(await api.statusOf('/trades/open/custom-data?limit=100'), 'freqtrade stops at the oldest open trade').toBe(404);

    const reads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/custom-data')) reads.push(r.url());
    });
    // In order: the column's reads ('custom', one per round: its first request has offset 0), the open trades'
    // answers ('status'), the websocket's trade events, and every API request ('>path', for the failure message).
    const timeline: string[] = [];
    let lastCustom = 0;
    page.on('request', (r) => {
      if (r.url().includes('/trades/open/custom-data') && /[?&]offset=0(&|$)/.test(r.url())) {
        timeline.push('custom');
        lastCustom = Date.now();
      }
    });
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('/api/v1/status')) timeline.push('status');
    });
    page.on('request', (r) => {
      const p = new URL(r.url()).pathname;
      if (p.includes('/api/v1/')) timeline.push(`>${p.replace('/api/v1/', '')}`);
    });
    page.on('websocket', (ws) =>
      ws.on('framereceived', (frame) => {
        const type = typeof frame.payload === 'string' ? /"type":\s*"(\w+)"/.exec(frame.payload)?.[1] : undefined;
        if (type && /^(entry|exit)/.test(type)) timeline.push(`event:${type}`);
      }),
    );
    await login(page, b, { name: 'Alpha' });
    const panel = await openTab(page, 'Open trades');
    const row = (id: number) => panel.locator(`tr[data-trade-id="${id}"]`);
    await expect(row(tagged)).toBeVisible();
    // Off by default: no column, no read.
    await expect(panel.locator('th.custom-data')).toHaveCount(0);
    expect(reads).toEqual([]);

    await panel.locator('.custom-data-toggle input').check();
    await expect(panel.locator('th.custom-data')).toHaveText('Custom data');
    // HTML in a stored string stays text.
    await expect(row(tagged).locator('td.custom-data')).toHaveText('entry_rsi=31.5; note=<b>dip</b>');
    await expect(row(tagged).locator('td.custom-data b')).toHaveCount(0);
    await expect(row(plain).locator('td.custom-data')).toHaveText('');
    expect(reads.some((u) => /[?&]offset=[1-9]/.test(u)), `reads past the oldest trade: ${reads.join(', ')}`).toBe(true);

    // A trade event reads the column again, after the open trades that follow it: not at the event itself and then
    // again when the trade leaves the table. At most one round per answer of the open trades.
    const from = timeline.length;
    await api.post('/forceexit', { tradeid: String(plain) });
    await expect(row(plain)).toHaveCount(0);
    await expect(row(tagged).locator('td.custom-data')).toHaveText('entry_rsi=31.5; note=<b>dip</b>');
    await expect.poll(() => lastCustom > 0 && Date.now() - lastCustom > 1000, { timeout: 10_000 }).toBe(true);
    const after = timeline.slice(from);
    const firstEvent = after.findIndex((e) => e.startsWith('event:'));
    expect(firstEvent, after.join(' ')).toBeGreaterThanOrEqual(0);
    const since = after.slice(firstEvent);
    const rounds = since.filter((e) => e === 'custom').length;
    expect(rounds, since.join(' ')).toBeGreaterThanOrEqual(1);
    expect(since.indexOf('custom'), since.join(' ')).toBeGreaterThan(since.indexOf('status'));
    expect(rounds, since.join(' ')).toBeLessThanOrEqual(since.filter((e) => e === 'status').length);

    await panel.locator('.custom-data-toggle input').uncheck();
    await expect(panel.locator('th.custom-data')).toHaveCount(0);
    await expect(row(tagged).locator('td.custom-data')).toHaveCount(0);
    await expect(panel.locator('.custom-data-error')).toHaveCount(0);

    // A read that fails says so above the table (the bot is gone here), and the cells stay empty.
    harness('stop-bot', '--name', 'alpha');
    await panel.locator('.custom-data-toggle input').check();
    await expect(panel.locator('.custom-data-error')).toContainText('Custom data could not be read: Cannot reach the bot');
    await expect(row(tagged).locator('td.custom-data')).toHaveText('');
  } finally {
    harness('start-bot', '--name', 'alpha'); // returns once /ping answers; a no-op when it runs
    for (const id of created) await api.post('/forceexit', { tradeid: String(id) }).catch(() => undefined);
  }
});

test.describe('on a phone (375 px)', () => {
  test.use({ viewport: { width: 375, height: 740 }, hasTouch: true });

  test('the navigation folds behind a menu button and trades show as cards that open their detail on a tap', async ({ page }) => {
    const b = bot('history');
    await login(page, b, { name: 'History' });
    const menu = page.getByRole('button', { name: 'Menu' });
    const dashboardLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(dashboardLink).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await dashboardLink.click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(dashboardLink).toBeHidden();
    await menu.click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trade' }).click();
    await expect(page).toHaveURL(/\/trade$/);

    await openTab(page, 'Closed trades');
    const cards = page.locator('.closed-trades-table tr.trade-row');
    await expect(cards).toHaveCount(50, { timeout: 30_000 });
    await expect(page.locator('.closed-trades-table thead')).toBeHidden();
    const first = cards.first();
    expect(await first.evaluate((el) => getComputedStyle(el).display)).toBe('flex');
    // A card shows pair, profit and duration; dates and rates stay in the detail.
    await expect(first.locator('td.pair')).toBeVisible();
    await expect(first.locator('td.profit-pct')).toBeVisible();
    await expect(first.locator('td.profit-abs')).toBeVisible();
    await expect(first.locator('td.duration')).toBeVisible();
    await expect(first.locator('td.open-date')).toBeHidden();
    const box = (await first.boundingBox())!;
    expect(box.width).toBeLessThanOrEqual(375);
    // Nothing on the page scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const id = await first.getAttribute('data-trade-id');
    await first.tap();
    await expect(page.locator('.trade-detail-panel h2')).toContainText(`Trade #${id}`);
  });
});

test('keyboard: ? lists the shortcuts, g+letter goes to a page, [ ] switch bots, / filters, n opens force entry without sending it, Esc closes', async ({ page }) => {
  const forceEntries: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/forceenter')) forceEntries.push(r.method());
  });
  await login(page, bot('alpha'), { name: 'Alpha' });
  await login(page, bot('beta'), { name: 'Beta' });
  const badge = page.locator('header .bot-badge');
  await expect(badge).toContainText('Beta');

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.locator('tr')).toHaveCount(7);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.keyboard.press('g');
  await page.keyboard.press('d');
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.keyboard.press('g');
  await page.keyboard.press('t');
  await expect(page).toHaveURL(/\/trade$/);
  await page.keyboard.press(']');
  await expect(badge).toContainText('Alpha');
  await page.keyboard.press('[');
  await expect(badge).toContainText('Beta');

  // Keys typed into a field stay there.
  await page.keyboard.press('/');
  const filter = page.getByLabel('Filter pairs');
  await expect(filter).toBeFocused();
  await page.keyboard.type('gd');
  await expect(filter).toHaveValue('gd');
  await expect(page).toHaveURL(/\/trade$/);
  await filter.fill('');
  await filter.blur();

  await page.keyboard.press('n');
  const entry = page.getByRole('dialog', { name: 'Force entry' });
  await expect(entry).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(entry).toBeHidden();
  expect(forceEntries, 'no key sent a force entry').toEqual([]);
});

test('the pair list puts locked pairs after the free ones and says on hover until when, for which side and why', async ({ page, request }) => {
  const b = bot('alpha');
  const api = await BotApi.login(request, b);
  const reason = `insight e2e ${Date.now()}`;
  const until = new Date(Date.now() + 3_600_000).toISOString();
  // The strategy itself may hold BTC/USDT (its own entry signal on the simulated market): out first, so the pair
  // is only locked.
  const held = (await api.get('/status')).find((t: any) => t.pair === 'BTC/USDT');
  if (held) {
    await api.post('/forceexit', { tradeid: String(held.trade_id), ordertype: 'market' });
    await expect.poll(async () => (await api.get('/status')).some((t: any) => t.pair === 'BTC/USDT'), { timeout: 30_000 }).toBe(false);
  }
  await api.post('/locks', [{ pair: 'BTC/USDT', until, side: 'long', reason }]);
  try {
    await login(page, b, { name: 'Alpha' });
    const names = page.locator('.pair-list .pair-name');
    await expect(names).toHaveCount(4);
    const mark = page.locator('.pair-list .pair-row', { hasText: 'BTC/USDT' }).locator('.lock-mark');
    await expect(mark).toBeVisible();
    // Other tests may leave a trade open or a pair auto-locked on alpha: every pair that is neither open nor
    // locked comes before BTC/USDT, every pair with an open trade before the free ones.
    const open = new Set<string>((await api.get('/status')).map((t: any) => t.pair));
    const locked = new Set<string>((await api.get('/locks')).locks.filter((l: any) => l.active).map((l: any) => l.pair));
    const order = await names.allTextContents();
    const rank = (p: string) => (open.has(p) ? 0 : locked.has(p) ? 2 : 1);
    expect(order.map(rank), order.join(', ')).toEqual([...order.map(rank)].sort());
    expect(rank('BTC/USDT')).toBe(2);
    await expect(mark).toHaveAttribute('title', new RegExp(`^Locked until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(long\\): ${reason}$`));
    // The filter box is there for a handful of pairs too.
    await page.getByLabel('Filter pairs').fill('btc');
    await expect(names).toHaveText(['BTC/USDT']);

    // "Unlock" deletes every lock of the pair with one confirmed POST /locks/delete {"pair": ...}.
    await api.post('/locks', [{ pair: 'BTC/USDT', until, side: 'long', reason: `${reason} (2)` }]);
    await page.reload();
    const deletes: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/locks/delete')) deletes.push(r.postData() ?? '');
    });
    const item = page.locator('.pair-list li', { hasText: 'BTC/USDT' });
    await item.getByRole('button', { name: 'Unlock' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unlock' });
    // The test's two locks, and freqtrade's own "Auto lock" (until the next candle) if the pair was left just now.
    const active = (await api.get('/locks')).locks.filter((l: any) => l.pair === 'BTC/USDT' && l.active);
    expect(active.length).toBeGreaterThanOrEqual(2);
    await expect(dialog).toContainText(`Delete all ${active.length} locks on BTC/USDT?`);
    await dialog.getByRole('button', { name: 'Unlock pair' }).click();
    await expect(mark).toHaveCount(0);
    await expect(item.getByRole('button', { name: 'Unlock' })).toHaveCount(0);
    expect(deletes.map((b) => JSON.parse(b))).toEqual([{ pair: 'BTC/USDT' }]);
    const left = (await api.get('/locks')).locks.filter((l: any) => l.pair === 'BTC/USDT' && l.active);
    expect(left).toEqual([]);
  } finally {
    const { locks } = await api.get('/locks');
    for (const l of locks.filter((l: any) => String(l.reason).startsWith(reason))) await api.delete(`/locks/${l.id}`);
  }
});

test.describe('with notifications allowed', () => {
  test.use({ permissions: ['notifications'] });

  /** Records each notification the page creates (the real one is still created) in `window.__notes`. */
  async function recordNotifications(page: Page) {
    await page.addInitScript(() => {
      const Real = window.Notification;
      (window as any).__notes = [];
      (window as any).Notification = class extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          (window as any).__notes.push({ title, body: options?.body ?? '' });
        }
      };
      // Counts the alert tones (each plays through a new AudioContext).
      const RealAudio = window.AudioContext;
      (window as any).__tones = 0;
      (window as any).AudioContext = class extends RealAudio {
        constructor(options?: AudioContextOptions) {
          super(options);
          (window as any).__tones += 1;
        }
      };
    });
  }

  /** Settings → "Send notices as browser notifications" on. */
  async function switchAlertsOn(page: Page) {
    await page.locator('header').getByRole('link', { name: 'Settings', exact: true }).click();
    const box = page.locator('.browser-alerts');
    await expect(box.locator('.alert-permission')).toHaveText('allowed');
    const toggle = box.getByLabel('Send notices as browser notifications');
    await expect(toggle).toBeEnabled();
    await toggle.check();
  }

  const notes = (page: Page) => page.evaluate(() => (window as any).__notes);

  test('a fill reaches the system as a browser notification once switched on in Settings', async ({ page, request }) => {
    await recordNotifications(page);
    const b = bot('alpha');
    const api = await BotApi.login(request, b);
    const started = Date.now();
    let id: number | undefined;
    let pair: string | undefined;
    try {
      await login(page, b, { name: 'Alpha' });
      await switchAlertsOn(page);
      await page.getByLabel('Play a tone with each notification').check();
      await page.locator('header').getByRole('link', { name: 'Trade', exact: true }).click();
      await expect(page.locator('header .socket-state')).toHaveText('ws: live');

      const open: string[] = (await api.get('/status')).map((t: any) => t.pair);
      pair = ['SOL/USDT', 'ETH/USDT', 'XRP/USDT', 'BTC/USDT'].find((p) => !open.includes(p));
      expect(pair, 'a pair without an open trade').toBeTruthy();
      id = (await api.post('/forceenter', { pair })).trade_id;
      await expect
        .poll(() => notes(page), { timeout: 30_000 })
        .toContainEqual({ title: 'Alpha', body: expect.stringMatching(new RegExp(`^Entry fill: ${pair!.replace('/', '\\/')} Long at \\d`)) });
      const tones = await page.evaluate(() => (window as any).__tones);
      expect(tones, 'a tone with the notification').toBeGreaterThan(0);

      // Alpha made quiet in Settings: its exit fill still toasts, but sends no notification and plays no tone.
      await page.locator('header').getByRole('link', { name: 'Settings', exact: true }).click();
      await page.getByRole('group', { name: 'Bots that notify' }).getByLabel('Alpha').uncheck();
      await page.locator('header').getByRole('link', { name: 'Trade', exact: true }).click();
      const before = (await notes(page)).length;
      await api.post('/forceexit', { tradeid: String(id) });
      await expect(page.locator('.toast', { hasText: `Exit fill: ${pair}` })).toBeVisible({ timeout: 30_000 });
      expect((await notes(page)).length).toBe(before);
      expect(await page.evaluate(() => (window as any).__tones)).toBe(tones);
    } finally {
      if (id !== undefined) {
        await api.post('/forceexit', { tradeid: String(id) }).catch(() => undefined);
        const deadline = Date.now() + 30_000;
        while ((await api.get('/status')).some((t: any) => t.trade_id === id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
        const { locks } = await api.get('/locks');
        for (const l of locks.filter((l: any) => l.pair === pair && l.reason === 'Auto lock' && l.lock_timestamp >= started - 1_000)) await api.delete(`/locks/${l.id}`);
      }
    }
  });

  test('a bot whose loop stalls while its API answers is flagged stale, and the flag clears when it loops again', async ({ page, request }) => {
    // gamma runs 1m candles, so "no loop for twice the timeframe" takes over 2 minutes of stall; then up to one
    // 30 s round of checks, and the same again after the release.
    test.setTimeout(8 * 60_000);
    await recordNotifications(page);
    const gamma = bot('gamma');
    const api = await BotApi.login(request, gamma);
    expect((await api.get('/show_config')).timeframe).toBe('1m');
    await login(page, gamma, { name: 'Gamma' });
    await switchAlertsOn(page);
    // The Bots page: no page polls gamma's trades meanwhile (those would wait on the held exchange too).
    await page.locator('header a.brand').click();
    const flag = page.locator('header .stale-flag');
    await expect(flag).toHaveCount(0);
    // The simulated exchange holds every request of gamma's: its loop waits on the candles it asks for.
    const sim = (what: string) => request.post(`http://127.0.0.1:${SIM_PORT}/_control/${what}?client=gamma`);
    expect((await sim('hold')).ok()).toBe(true);
    try {
      await expect(flag).toBeVisible({ timeout: 5 * 60_000 });
      // Told once, as a toast (shown for 6 s) and a notification.
      await expect(page.locator('.toast', { hasText: 'Not trading' })).toHaveCount(1);
      // The bot answers all along, and its own /health says why.
      expect((await api.get('/ping')).status).toBe('pong');
      const health = await api.get('/health');
      expect(Date.now() / 1000 - health.last_process_ts).toBeGreaterThan(120);
      await expect(flag).toHaveAttribute('title', /^Not trading: its last loop ran \d+m ago\./);
      await expect(page.locator('.bot-row', { hasText: 'Gamma' }).locator('.stale-note')).toContainText('Not trading');
      expect(await notes(page)).toContainEqual({ title: 'Gamma', body: expect.stringMatching(/^Not trading: its last loop ran/) });
    } finally {
      await sim('release');
    }
    await expect(flag).toHaveCount(0, { timeout: 2 * 60_000 });
    await expect(page.locator('.toast', { hasText: 'The bot runs its loop again.' })).toHaveCount(1);
    await expect(page.locator('.bot-row .stale-note')).toHaveCount(0);
    expect(await notes(page)).toContainEqual({ title: 'Gamma', body: 'The bot runs its loop again.' });
  });
});

test('a login that ends within a day is announced once, shown on the Bots page, and a new login clears it', async ({ page }) => {
  const b = bot('alpha');
  await login(page, b, { name: 'Alpha' });
  // A valid refresh token that ends in 5 hours (signed with the bot's secret, as after 29 days and 19 hours).
  const ending = harness('mint-token', '--name', 'alpha', '--type', 'refresh', '--expires-in', String(5 * 3600));
  await storeToken(page, 'refresh', ending);
  await page.reload();
  const toast = page.locator('.toast', { hasText: 'The login to this bot ends in' });
  await expect(toast).toHaveCount(1);
  await expect(toast).toContainText(/ends in 4h 59m|ends in 5h/);
  await page.locator('header a.brand').click();
  const note = page.locator('.bot-row', { hasText: 'Alpha' }).locator('.session-ending');
  await expect(note).toContainText('The login ends in');
  // The bot still answers with it meanwhile.
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');

  await note.getByRole('link', { name: 'Log in again' }).click();
  await expect(page.getByRole('heading', { name: 'Log in again' })).toBeVisible();
  await page.getByLabel('Password').fill(b.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');
  await page.locator('header a.brand').click();
  await expect(page.locator('.bot-row', { hasText: 'Alpha' })).toBeVisible();
  await expect(page.locator('.session-ending')).toHaveCount(0);
});

test('the Periods tab charts its periods, in stake currency or relative to the starting balance', async ({ page }) => {
  await login(page, bot('history'), { name: 'History' });
  const panel = await openTab(page, 'Periods');
  const rows = panel.locator('table.periods tbody tr');
  await expect(rows).toHaveCount(7);
  await panel.getByLabel('Show last', { exact: true }).fill('21');
  await panel.getByLabel('Show last', { exact: true }).press('Enter');
  await expect(rows).toHaveCount(21);
  await expectChartDrawn(page, 'period-breakdown');
  const chart = page.locator('.profit-card[data-chart="period-breakdown"] .profit-chart');
  // One bar per period of the table (the seeded trades span 21 days).
  await expect(chart).toHaveAttribute('data-items', '21');
  const absolute = await ink(chart);
  const card = page.locator('.profit-card[data-chart="period-breakdown"]');
  await card.getByRole('button', { name: 'Relative' }).click();
  await expect(card.getByRole('button', { name: 'Relative' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await ink(chart)).hash).not.toBe(absolute.hash);
  await expect(chart).toHaveAttribute('data-items', '21');
  // No fiat currency configured: no fiat column.
  await expect(panel.locator('table.periods th.fiat')).toHaveCount(0);
});

test('the Performance tab exports its table as CSV with the same values', async ({ page }) => {
  await login(page, bot('history'), { name: 'History' });
  const panel = await openTab(page, 'Performance');
  const rows = panel.locator('table.performance tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const csv = await downloadCsv(page, panel.locator('.csv-export'));
  expect(csv.name).toMatch(/^freqboard-History-performance-pairs-\d{4}-\d\d-\d\d\.csv$/);
  const [head, ...lines] = csv.rows;
  expect(head).toEqual(['Pair', 'Trades', 'Avg profit %', 'Profit USDT']);
  await expect(rows).toHaveCount(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const cells = await rows.nth(i).locator('td').allTextContents();
    const [key, count, pct, abs] = lines[i];
    expect(key).toBe(cells[0]);
    expect(count).toBe(cells[1]);
    expect(`${Number(pct).toFixed(2)} %`).toBe(cells[2]);
    expect(Number(abs).toFixed(3)).toBe(cells[3]);
  }
  // Another grouping, another file.
  await panel.getByLabel('Group by').selectOption({ label: 'Exit reasons' });
  await expect(panel.locator('table.performance th').first()).toHaveText('Exit reason');
  const exits = await downloadCsv(page, panel.locator('.csv-export'));
  expect(exits.name).toMatch(/-performance-exits-/);
  expect(exits.rows[0][0]).toBe('Exit reason');
});
