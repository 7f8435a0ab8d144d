import { test, expect, bot, harness, login, BotApi, storeToken } from './helpers';
import { HISTORY_CLOSED_TRADES } from './env';

const socketState = (page: import('@playwright/test').Page) => page.locator('header .socket-state');

const TRADE_EVENTS = ['entry', 'entry_fill', 'entry_cancel', 'exit', 'exit_fill', 'exit_cancel'];

/** The types of the websocket events the page receives from now on (the bot's strategy may trade by itself). */
function watchEvents(page: import('@playwright/test').Page): string[] {
  const events: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => {
      if (typeof frame.payload !== 'string') return;
      try {
        const type = JSON.parse(frame.payload)?.type;
        if (typeof type === 'string') events.push(type);
      } catch {
        /* not JSON: not an event */
      }
    });
  });
  return events;
}

/** What the app re-reads after the given events: a trade event its open trades, count, profit, balance and
 * profit_all; an exit fill also the closed trades and locks (BotStore::refresh_after_trade_event). */
function readsCausedBy(events: string[]): string[] {
  const reads: string[] = [];
  if (events.some((e) => TRADE_EVENTS.includes(e))) {
    reads.push(...['status', 'count', 'profit', 'balance', 'profit_all'].map((p) => `GET /api/v1/${p}`));
  }
  if (events.includes('exit_fill')) reads.push('GET /api/v1/trades', 'GET /api/v1/locks');
  return reads;
}

test('a trade opened through the REST API shows up within 2 s with polling slowed, with its fill toast', async ({ page, request }) => {
  const alpha = bot('alpha');
  const api = await BotApi.login(request, alpha);
  await api.exitAll();
  await login(page, alpha, { name: 'Alpha' });
  await expect(socketState(page)).toHaveText('ws: live');
  // Let the first load settle so only the websocket can bring the trade in quickly.
  await page.waitForTimeout(1_000);

  const trade = await api.post('/forceenter', { pair: 'SOL/USDT' });
  const openTrades = page.locator('.trades-table');
  await expect(openTrades).toContainText('SOL/USDT', { timeout: 2_000 });
  await expect(page.locator('.toast', { hasText: 'Entry fill: SOL/USDT' })).toBeVisible();
  await api.post('/forceexit', { tradeid: String(trade.trade_id) });
  await expect(page.locator('.trades-table tbody tr', { hasText: 'SOL/USDT' })).toHaveCount(0, { timeout: 2_000 });
});

test('idle with the websocket live, the page makes few API requests per minute', async ({ page }) => {
  test.setTimeout(120_000);
  const alpha = bot('alpha');
  // The bot's strategy may trade on its own during the minute: each event it sends has a fixed allowance.
  const received = watchEvents(page);
  await login(page, alpha, { name: 'Alpha' });
  await expect(socketState(page)).toHaveText('ws: live');
  await page.waitForTimeout(3_000);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(alpha.url) && r.method() !== 'OPTIONS') requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  const before = received.length;
  await page.waitForTimeout(60_000);
  const events = received.slice(before);
  const count = (types: string[]) => events.filter((e) => types.includes(e)).length;
  // A trade event re-reads open trades, count, profit, balance and profit_all (5); an exit fill also closed
  // trades and locks (2); a new candle of the shown pair its candles (1: one pair is shown, its candles are 5 m).
  const tradeEvents = count(TRADE_EVENTS);
  const allowance = 5 * tradeEvents + 2 * count(['exit_fill']) + Math.min(1, count(['new_candle']));
  console.log(`idle API requests in 60 s with the websocket live: ${requests.length} (events: ${events.join(', ') || 'none'}; allowance ${allowance})`, requests);
  // FreqUI makes about 28 per minute per bot at idle; the target is a quarter of that.
  expect(requests.length).toBeLessThanOrEqual(7 + allowance);
  await expect(socketState(page)).toHaveText('ws: live');
});

test('opening /trade reads each endpoint once, also when the websocket goes live right after', async ({ page }) => {
  const alpha = bot('alpha');
  const events = watchEvents(page);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(alpha.url) && r.method() !== 'OPTIONS') requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  await login(page, alpha, { name: 'Alpha' });
  await expect(socketState(page)).toHaveText('ws: live');
  // Less than the first poll (5 s after the page opened); the login's own calls are not counted.
  await page.waitForTimeout(3_000);
  const reads = requests.filter((r) => !/\/(token\/login|ping|version)$/.test(r));
  // A trade of the bot's own strategy in these seconds re-reads what it changed: that second read is allowed.
  const twice = [...new Set(reads.filter((r, i) => reads.indexOf(r) !== i))].filter((r) => !readsCausedBy(events).includes(r));
  console.log(`requests while opening /trade: ${reads.length}`, reads);
  expect(twice, 'endpoints read more than once').toEqual([]);
  for (const path of ['/api/v1/status', '/api/v1/count', '/api/v1/profit', '/api/v1/trades']) {
    expect(reads, `${path} was read`).toContain(`GET ${path}`);
  }
});

test('navigating /trade -> /dashboard -> /chart -> /trade keeps the bot\'s data: no closed-trade page is read again', async ({ page }) => {
  const alpha = bot('alpha');
  await login(page, alpha, { name: 'Alpha' });
  await expect(socketState(page)).toHaveText('ws: live');
  await expect(page.locator('.cockpit-main')).toBeVisible();
  await page.waitForTimeout(1_500);
  const events = watchEvents(page);
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(alpha.url) && r.method() !== 'OPTIONS') reads.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  const nav = (name: string) => page.locator('header').getByRole('link', { name, exact: true }).click();
  await nav('Dashboard');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
  await nav('Chart');
  await expect(page.locator('.candle-chart')).toBeVisible();
  await nav('Trade');
  await expect(page.locator('.cockpit-main')).toBeVisible();
  await page.waitForTimeout(1_500);
  console.log(`requests over three page switches: ${reads.length}`, reads);
  // The pages' own on-demand reads (the Dashboard's period table, the chart's candles) are allowed; the bot's
  // data is not read again, except what a trade of the bot's own strategy in these seconds changed.
  const caused = readsCausedBy(events);
  for (const path of ['/api/v1/trades', '/api/v1/status', '/api/v1/profit', '/api/v1/show_config', '/api/v1/balance']) {
    if (!caused.includes(`GET ${path}`)) expect(reads, `${path} read again`).not.toContain(`GET ${path}`);
  }
});

test('with an expired access token the websocket reconnects after exactly one refresh', async ({ page }) => {
  const alpha = bot('alpha');
  await login(page, alpha, { name: 'Alpha' });
  await expect(socketState(page)).toHaveText('ws: live');
  const expired = harness('mint-token', '--name', 'alpha', '--expired');
  await storeToken(page, 'access', expired);
  const refreshes: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/token/refresh')) refreshes.push(r.url());
  });
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.reload();
  await expect(socketState(page)).toHaveText('ws: live');
  expect(refreshes).toHaveLength(1);
  // The socket that went live carried the fresh token, never the expired one.
  expect(sockets.length).toBeGreaterThanOrEqual(1);
  expect(sockets.every((u) => !u.includes(expired))).toBeTruthy();
});

test('the bot goes away and comes back: offline within 5 s, live again within 10 s, nothing duplicated', async ({ page, request }) => {
  test.setTimeout(120_000);
  const beta = bot('beta');
  const api = await BotApi.login(request, beta);
  await api.exitAll();
  await login(page, beta, { name: 'Beta' });
  await expect(socketState(page)).toHaveText('ws: live');
  const trade = await api.post('/forceenter', { pair: 'XRP/USDT' });
  await expect(page.locator('.trades-table')).toContainText('XRP/USDT');

  harness('stop-bot', '--name', 'beta', '--kill');
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'offline', { timeout: 5_000 });

  harness('start-bot', '--name', 'beta'); // returns once /ping answers
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online', { timeout: 10_000 });
  await expect(socketState(page)).toHaveText('ws: live', { timeout: 10_000 });
  // The open-trade list equals the bot's: the trade once, no duplicate rows.
  const api2 = await BotApi.login(request, bot('beta'));
  const open = await api2.openTrades();
  await expect(page.locator('.trades-table tbody tr')).toHaveCount(open.length);
  await expect(page.locator('.trades-table tbody tr', { hasText: 'XRP/USDT' })).toHaveCount(1);
  await api2.post('/forceexit', { tradeid: String(trade.trade_id) });
});

test('a bot away for minutes is retried less often, and at once when the page comes back into view', async ({ page }) => {
  test.setTimeout(180_000);
  const beta = bot('beta');
  await login(page, beta, { name: 'Beta' });
  await expect(socketState(page)).toHaveText('ws: live');
  // The bot list polls nothing: only the ping retries and the websocket's reconnects reach the bot.
  await page.getByRole('link', { name: 'Freqboard' }).first().click();
  await expect(page).toHaveURL(/\/$/);

  const pings: number[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(`${beta.url}/api/v1/ping`)) pings.push(Date.now());
  });
  const backIntoView = () =>
    page.evaluate(() => {
      const set = (state: string) => {
        Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
        document.dispatchEvent(new Event('visibilitychange'));
      };
      set('hidden');
      set('visible');
    });

  try {
    harness('stop-bot', '--name', 'beta', '--kill');
    await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'offline', { timeout: 5_000 });

    // The first ~30 s of pings come every few seconds; after that the waits grow (12 s, 24 s, 48 s …).
    await page.waitForTimeout(45_000);
    const seen = pings.length;
    await expect.poll(() => pings.length, { timeout: 60_000, message: 'a scheduled ping' }).toBeGreaterThan(seen);
    const scheduled = pings[pings.length - 1];
    const gaps = pings.slice(1).map((t, i) => Math.round((t - pings[i]) / 1000));
    console.log(`seconds between pings while the bot is away: ${gaps.join(', ')}`);
    expect(Math.max(...gaps), 'the waits grew past the quick phase').toBeGreaterThanOrEqual(9);

    // The next scheduled ping is at least ~10 s away: a ping within 2 s can only come from the page coming back.
    await backIntoView();
    const woken = Date.now();
    await expect.poll(() => pings.filter((t) => t > scheduled).length, { timeout: 2_000 }).toBeGreaterThan(0);
    expect(pings.find((t) => t > scheduled)! - woken).toBeLessThan(2_000);
  } finally {
    harness('start-bot', '--name', 'beta'); // returns once /ping answers
  }
  const back = Date.now();
  await backIntoView();
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online', { timeout: 5_000 });
  await expect(socketState(page)).toHaveText('ws: live', { timeout: 8_000 });
  console.log(`online and live ${((Date.now() - back) / 1000).toFixed(1)} s after the page came back into view`);
});

test('a bot restarted with a new jwt_secret_key ends in "login required" without a retry storm', async ({ page }) => {
  test.setTimeout(120_000);
  const beta = bot('beta');
  await login(page, beta, { name: 'Beta' });
  await expect(socketState(page)).toHaveText('ws: live');
  harness('stop-bot', '--name', 'beta');
  harness('start-bot', '--name', 'beta', '--new-secret');
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'login required', { timeout: 15_000 });
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(beta.url)) requests.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  page.on('websocket', (ws) => {
    if (ws.url().includes(`:${beta.port}/`)) requests.push('WS');
  });
  await page.waitForTimeout(30_000);
  console.log(`requests to the bot in 30 s after "login required": ${requests.length}`, requests);
  expect(requests.length).toBeLessThan(10);
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'login required');
});

test('the open-trade count shows as an icon badge or in the title, as chosen in Settings', async ({ page, request }) => {
  const alpha = bot('alpha');
  const api = await BotApi.login(request, alpha);
  await api.exitAll();
  await login(page, alpha, { name: 'Alpha' });
  const trade = await api.post('/forceenter', { pair: 'BTC/USDT' });
  await expect(page.locator('.trades-table')).toContainText('BTC/USDT');
  // Default: a badge on the icon, the title without a count.
  await expect(page.locator("link[rel='icon']")).toHaveAttribute('href', /^data:image\/svg\+xml,.*%3E1%3C\/text%3E/);
  await expect(page).toHaveTitle('Freqboard – Alpha');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.locator('#indicator-select').selectOption('title');
  await expect(page).toHaveTitle('(1) Freqboard – Alpha');
  await expect(page.locator("link[rel='icon']")).toHaveAttribute('href', 'public/favicon.svg');
  await page.locator('#indicator-select').selectOption('none');
  await expect(page).toHaveTitle('Freqboard – Alpha');
  await api.post('/forceexit', { tradeid: String(trade.trade_id) });
});

test('fill toasts can be switched off per event type', async ({ page, request }) => {
  const alpha = bot('alpha');
  const api = await BotApi.login(request, alpha);
  await api.exitAll();
  await login(page, alpha, { name: 'Alpha' });
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Entry filled').uncheck();
  await page.getByRole('link', { name: 'Trade' }).click();
  await expect(socketState(page)).toHaveText('ws: live');
  const trade = await api.post('/forceenter', { pair: 'ETH/USDT' });
  await expect(page.locator('.trades-table')).toContainText('ETH/USDT');
  await api.post('/forceexit', { tradeid: String(trade.trade_id) });
  // The exit still toasts; the entry did not.
  await expect(page.locator('.toast', { hasText: 'Exit fill: ETH/USDT' })).toBeVisible();
  await expect(page.locator('.toast', { hasText: 'Entry fill: ETH/USDT' })).toHaveCount(0);
});

test.describe('incremental closed-trade history', () => {
  /** The `/trades` requests the page sends from now on, as path and query. */
  function tradesReads(page: import('@playwright/test').Page, url: string): string[] {
    const reads: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (r.url().startsWith(url) && r.method() === 'GET' && u.pathname === '/api/v1/trades') reads.push(`${u.pathname}${u.search}`);
    });
    return reads;
  }

  /** Opens one trade through the bot's API, waits until the page lists it, closes it; returns its id. */
  async function closeOneTrade(page: import('@playwright/test').Page, api: BotApi, pair: string): Promise<number> {
    await page.getByRole('tab', { name: 'Open trades' }).click();
    const trade = await api.post('/forceenter', { pair });
    const row = page.locator(`.trades-table tbody tr[data-trade-id="${trade.trade_id}"]`);
    await expect(row).toBeVisible({ timeout: 10_000 });
    await api.post('/forceexit', { tradeid: String(trade.trade_id) });
    await expect(row).toHaveCount(0, { timeout: 10_000 });
    await page.getByRole('tab', { name: 'Closed trades' }).click();
    return trade.trade_id;
  }

  for (const socket of ['live', 'blocked'] as const) {
    test(`with ${HISTORY_CLOSED_TRADES} closed trades and the websocket ${socket}, one new closed trade costs one small /trades request`, async ({ page, request }) => {
      test.setTimeout(90_000);
      const history = bot('history');
      const api = await BotApi.login(request, history);
      await api.exitAll();
      // Without the websocket the open-trades poll (every 5 s) is what notices the close.
      if (socket === 'blocked') await page.routeWebSocket(/\/api\/v1\/message\/ws/, (ws) => ws.close());
      const events = watchEvents(page);
      await login(page, history, { name: 'History' });
      await expect(socketState(page)).toHaveText(socket === 'live' ? 'ws: live' : /ws: (connecting|retrying)/);
      await page.getByRole('tab', { name: 'Closed trades' }).click();
      const closedBefore = (await api.get('/profit')).closed_trade_count;
      expect(closedBefore).toBeGreaterThanOrEqual(HISTORY_CLOSED_TRADES);
      await expect(page.locator('.closed-count')).toHaveText(`${closedBefore} closed trades`, { timeout: 30_000 });

      const reads = tradesReads(page, history.url);
      const id = await closeOneTrade(page, api, 'XRP/USDT');
      const closedAfter = (await api.get('/profit')).closed_trade_count;
      await expect(page.locator('.closed-count')).toHaveText(`${closedAfter} closed trades`, { timeout: 15_000 });
      await expect(page.locator(`.closed-trades-table tbody tr[data-trade-id="${id}"]`)).toBeVisible();
      await page.waitForTimeout(1_500);
      console.log(`/trades requests for one closed trade (websocket ${socket}):`, reads);
      // One newest-first page per closed trade (the bot's strategy may close one of its own meanwhile); never a
      // page of the full read.
      const closes = closedAfter - closedBefore;
      expect(reads.length).toBeGreaterThanOrEqual(1);
      expect(reads.length).toBeLessThanOrEqual(closes);
      for (const r of reads) {
        const q = new URL(r, history.url).searchParams;
        expect([q.get('limit'), q.get('order_by_id'), q.get('offset')], r).toEqual(['20', 'false', null]);
      }
      if (socket === 'blocked') expect(events).toEqual([]);
    });
  }
});

test('open-trade rows are keyed: a new trade adds its row and the unchanged rows keep their elements', async ({ page, request }) => {
  test.setTimeout(90_000);
  const alpha = bot('alpha');
  const api = await BotApi.login(request, alpha);
  await api.exitAll();
  await login(page, alpha, { name: 'Alpha' });
  await expect(socketState(page)).toHaveText('ws: live');
  await api.post('/forceenter', { pair: 'BTC/USDT' });
  await api.post('/forceenter', { pair: 'ETH/USDT' });
  const body = page.locator('.open-trades-table tbody');
  await expect(body.locator('tr')).toHaveCount(2);
  const snapshot = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('.open-trades-table tbody tr')).map((tr) => ({
        id: tr.getAttribute('data-trade-id'),
        text: tr.textContent,
        marked: (tr as any).__fbMark === true,
      })),
    );
  // Prices and durations (and so the rows) change at a minute's turn: an attempt that crosses one proves
  // nothing, so try again.
  let kept = 0;
  for (let attempt = 0; attempt < 3 && kept === 0; attempt++) {
    await page.waitForTimeout(1_500);
    await page.evaluate(() => document.querySelectorAll('.open-trades-table tbody tr').forEach((tr) => ((tr as any).__fbMark = true)));
    const before = await snapshot();
    const added = await api.post('/forceenter', { pair: 'SOL/USDT' });
    await expect(body.locator(`tr[data-trade-id="${added.trade_id}"]`)).toBeVisible({ timeout: 5_000 });
    await page.waitForTimeout(1_000);
    const after = await snapshot();
    expect(after.find((r) => r.id === String(added.trade_id))?.marked).toBe(false);
    for (const old of before) {
      const now = after.find((r) => r.id === old.id);
      if (now && now.text === old.text) {
        expect(now.marked, `row of trade ${old.id} unchanged, so kept`).toBe(true);
        kept += 1;
      }
    }
    await api.post('/forceexit', { tradeid: String(added.trade_id) });
    await expect(body.locator(`tr[data-trade-id="${added.trade_id}"]`)).toHaveCount(0, { timeout: 5_000 });
  }
  console.log(`unchanged open-trade rows kept across a new trade: ${kept}`);
  expect(kept).toBeGreaterThan(0);
  await api.exitAll();
});
