import { Page, APIRequestContext } from '@playwright/test';
import { test, expect, bot, login, harness, BotInfo, UI_ORIGIN } from './helpers';
import { BOT_BASE_PORT, SIM_PORT } from './env';

// Candle colours (src/charts/model/saved.rs) and the long-trade marker colour (src/charts/model/theme.rs).
const UP: RGB = [0x26, 0xa6, 0x9a];
const DOWN: RGB = [0xef, 0x53, 0x50];
const LONG_TRADE: RGB = [0x00, 0x66, 0xff];
type RGB = [number, number, number];

const chart = (page: Page) => page.locator('.candle-chart');
const legendItem = (page: Page, name: string) =>
  page.locator('.chart-legend .legend-item').filter({ hasText: new RegExp(`^${name.replace(/[/]/g, '\\/')}$`) });

/** Opaque pixels of `color` inside the price pane of the main canvas (or the whole overlay column at `x`). */
async function pixels(page: Page, color: RGB | null, canvas = '.chart-main', minAlpha = 200): Promise<number> {
  return page.evaluate(
    ([sel, color, minAlpha]) => {
      const root = document.querySelector('.candle-chart') as HTMLElement | null;
      if (!root) return -1;
      const [x, y, w, h] = (root.dataset.plot ?? '0,0,0,0').split(',').map(Number);
      const c = root.querySelector(sel) as HTMLCanvasElement;
      if (!c || w <= 0 || h <= 0) return 0;
      const dpr = c.width / c.clientWidth;
      const data = c.getContext('2d')!.getImageData(x * dpr, y * dpr, w * dpr, h * dpr).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (color === null) {
          if (data[i + 3] > 0) n++;
        } else if (
          data[i + 3] > minAlpha &&
          Math.abs(data[i] - color[0]) + Math.abs(data[i + 1] - color[1]) + Math.abs(data[i + 2] - color[2]) < 40
        ) {
          n++;
        }
      }
      return n;
    },
    [canvas, color, minAlpha] as const,
  );
}

async function candlePixels(page: Page) {
  return (await pixels(page, UP)) + (await pixels(page, DOWN));
}

async function bars(page: Page) {
  return Number((await chart(page).getAttribute('data-bars')) ?? '0');
}

/** Waits until the chart has painted data. */
async function drawn(page: Page, min = 20) {
  await expect(chart(page)).toHaveAttribute('data-painted', 'true');
  await expect.poll(() => bars(page), { timeout: 30_000 }).toBeGreaterThan(min);
  await expect.poll(() => candlePixels(page)).toBeGreaterThan(200);
}

function basic(b: BotInfo) {
  return { Authorization: 'Basic ' + Buffer.from(`${b.username}:${b.password}`).toString('base64') };
}

/** FreqUI-style price text as the tooltip formats it (src/charts/model/format.rs). */
function price(v: number): string {
  const a = Math.abs(v);
  const d = a >= 1000 ? 2 : a >= 1 ? 4 : a >= 0.01 ? 6 : a === 0 ? 2 : 8;
  return v.toFixed(d);
}

test('the live chart draws candles and the strategy\'s indicators, and switches pair and timeframe', async ({ page }) => {
  const candleCalls: { url: string; body: string }[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/pair_candles')) candleCalls.push({ url: r.url(), body: r.postData() ?? '' });
  });
  await login(page, bot('alpha'), { name: 'Alpha' });
  await page.goto('/chart');
  await drawn(page);
  // Drawn candles never exceed the plot's pixel columns, and fill most of the first view.
  expect(Number(await chart(page).getAttribute('data-drawn'))).toBeGreaterThan(20);

  for (const name of ['Candles', 'Volume', 'Signals', 'Trades', 'tema', 'sar', 'macd', 'macdsignal', 'rsi']) {
    await expect(legendItem(page, name)).toHaveCount(1);
  }
  // API >= 2.35: POST with only the columns the plot config needs.
  const post = candleCalls.find((c) => c.body.includes('"columns"'));
  expect(post, 'a POST /pair_candles with columns').toBeTruthy();
  expect(JSON.parse(post!.body).columns).toEqual(['enter_tag', 'exit_tag', 'macd', 'macdsignal', 'rsi', 'sar', 'tema']);

  // A legend entry toggles its series.
  await legendItem(page, 'Candles').click();
  await expect.poll(() => candlePixels(page)).toBeLessThan(20);
  await expect(legendItem(page, 'Candles')).toHaveAttribute('aria-pressed', 'false');
  await legendItem(page, 'Candles').click();
  await expect.poll(() => candlePixels(page)).toBeGreaterThan(200);

  // Another pair.
  const pairSelect = page.locator('select[aria-label="Pair"]');
  await expect(pairSelect.locator('option')).toHaveText(['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT']);
  await pairSelect.selectOption('ETH/USDT');
  await expect(page.locator('.chart-header')).toContainText('ETH/USDT');
  await drawn(page);
  expect(candleCalls.some((c) => c.body.includes('"pair":"ETH/USDT"'))).toBe(true);

  // Another timeframe: the bot analyses 5m only, so 1h is an empty answer.
  const tf = page.locator('select[aria-label="Timeframe"]');
  await tf.selectOption('1h');
  await expect.poll(() => candleCalls.some((c) => c.body.includes('"timeframe":"1h"'))).toBe(true);
  await expect(page.locator('.chart-empty')).toHaveText('No data available');
  await tf.selectOption('5m');
  await drawn(page);
});

test('the crosshair tooltip shows the candle under the mouse', async ({ page, request }) => {
  const alpha = bot('alpha');
  await login(page, alpha, { name: 'Alpha' });
  await page.goto('/chart');
  await drawn(page);
  const [x, y, w, h] = ((await chart(page).getAttribute('data-plot')) ?? '').split(',').map(Number);
  const box = (await page.locator('.chart-overlay').boundingBox())!;
  const mx = box.x + x + w * 0.6;
  const my = box.y + y + h * 0.5;
  await page.mouse.move(mx, my);
  await expect(chart(page)).toHaveAttribute('data-hover', /^\d+$/);
  const first = Number(await chart(page).getAttribute('data-hover'));
  const text = (await page.locator('.chart-hover-text').textContent()) ?? '';
  const lines = text.split('\n');
  // The tooltip names the candle's time and lists OHLC, volume and every indicator, by pane.
  expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  for (const part of ['Candles', 'Open ', 'High ', 'Low ', 'Close ', 'Volume ', 'tema ', 'sar ', 'MACD', 'macd ', 'RSI', 'rsi ']) {
    expect(text).toContain(part);
  }
  // It is the bot's candle at that time.
  // The pair of the data on screen (the header is written from the loaded frame), and the selector agrees.
  const pair = ((await page.locator('.chart-header').textContent()) ?? '').split(' · ')[0].trim();
  await expect(page.locator('select[aria-label="Pair"]')).toHaveValue(pair);
  const answer = await request.get(
    `${alpha.url}/api/v1/pair_candles?pair=${encodeURIComponent(pair)}&timeframe=5m&limit=1000`,
    { headers: basic(alpha) },
  );
  const df = await answer.json();
  const col = (n: string) => df.columns.indexOf(n);
  const row = df.data.find((r: unknown[]) => String(r[col('date')]).slice(0, 16).replace('T', ' ') === lines[0]);
  expect(row, `a candle at ${lines[0]}`).toBeTruthy();
  expect(text).toContain(`Open ${price(row[col('open')])}`);
  expect(text).toContain(`Close ${price(row[col('close')])}`);

  // The crosshair is on the overlay canvas; the series canvas did not change for a mouse move.
  const overlayPixels = await pixels(page, null, '.chart-overlay');
  expect(overlayPixels).toBeGreaterThan(h * 0.5);
  // Further right is a later candle; leaving clears the tooltip.
  await page.mouse.move(mx + 40, my);
  await expect.poll(async () => Number(await chart(page).getAttribute('data-hover'))).toBeGreaterThan(first);
  await page.mouse.move(box.x - 20, box.y - 20);
  await expect(chart(page)).toHaveAttribute('data-hover', '');
  await expect.poll(() => pixels(page, null, '.chart-overlay')).toBe(0);
});

test('wheel zooms around the cursor, drag pans, double click resets', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Alpha' });
  await page.goto('/chart');
  await drawn(page);
  const range = async () => [Number(await chart(page).getAttribute('data-first')), Number(await chart(page).getAttribute('data-last'))];
  const initial = await range();
  const [x, y, w, h] = ((await chart(page).getAttribute('data-plot')) ?? '').split(',').map(Number);
  const box = (await page.locator('.chart-overlay').boundingBox())!;
  const cx = box.x + x + w / 2;
  const cy = box.y + y + h / 2;
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, 400); // zoom out: more candles
  await expect.poll(async () => { const [a, b] = await range(); return b - a; }).toBeGreaterThan(initial[1] - initial[0]);
  await page.mouse.dblclick(cx, cy);
  await expect.poll(range).toEqual(initial);
  // Drag right: older candles come into view.
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 150, cy, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await range())[0]).toBeLessThan(initial[0]);
  await page.mouse.dblclick(cx, cy);
  await expect.poll(range).toEqual(initial);
});

test('the Trade page chart follows the pair picked in the pair list', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Alpha' });
  await expect(page).toHaveURL(/\/trade$/);
  const card = page.locator('.chart-area');
  await expect(card.locator('.candle-chart')).toHaveAttribute('data-painted', 'true');
  await expect.poll(async () => Number(await card.locator('.candle-chart').getAttribute('data-bars')), { timeout: 30_000 }).toBeGreaterThan(20);
  for (const pair of ['SOL/USDT', 'ETH/USDT']) {
    await page.locator('.pair-list .pair-row', { hasText: pair }).click();
    await expect(card.locator('.chart-header')).toContainText(pair);
    await expect(card.locator('select[aria-label="Pair"]')).toHaveValue(pair);
    await drawn(page);
  }
});

async function freePair(request: APIRequestContext, b: BotInfo): Promise<string> {
  const open: { pair: string; trade_id: number }[] = await (
    await request.get(`${b.url}/api/v1/status`, { headers: basic(b) })
  ).json();
  const busy = new Set(open.map((t) => t.pair));
  const free = ['SOL/USDT', 'XRP/USDT', 'ETH/USDT', 'BTC/USDT'].find((p) => !busy.has(p));
  if (free) return free;
  const t = open.find((t) => t.pair === 'XRP/USDT')!;
  await request.post(`${b.url}/api/v1/forceexit`, { headers: basic(b), data: { tradeid: String(t.trade_id) } });
  return 'XRP/USDT';
}

test('a trade opened during the test shows its marker on the chart', async ({ page, request }) => {
  const alpha = bot('alpha');
  const pair = await freePair(request, alpha);
  await login(page, alpha, { name: 'Alpha' });
  await page.goto('/chart');
  await drawn(page);
  await page.locator('select[aria-label="Pair"]').selectOption(pair);
  await expect(page.locator('.chart-header')).toContainText(pair);
  await drawn(page);
  const markers = async () => Number((await chart(page).getAttribute('data-trade-markers')) ?? '0');
  const before = await markers();

  const entered = await request.post(`${alpha.url}/api/v1/forceenter`, { headers: basic(alpha), data: { pair } });
  expect(entered.ok(), await entered.text()).toBe(true);
  const trade = await entered.json();
  try {
    // The store picks the trade up (push or poll); the chart draws its blue entry marker (in the slot of the
    // candle that is forming now: the dataframe holds closed candles only).
    await expect.poll(markers, { timeout: 30_000 }).toBeGreaterThan(before);
    // While the dry-run entry order is still open the marker is drawn at half alpha (~128), so count pixels
    // above alpha 100; the order may fill between two frames, so poll rather than read once.
    await expect.poll(() => pixels(page, LONG_TRADE, '.chart-main', 100)).toBeGreaterThan(15);
  } finally {
    await request.post(`${alpha.url}/api/v1/forceexit`, { headers: basic(alpha), data: { tradeid: String(trade.trade_id) } });
  }
});

test('a plot config saved in the configurator survives a reload', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Alpha' });
  await page.goto('/chart');
  await drawn(page);
  await page.getByRole('button', { name: 'Configure plot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Plot configurator' });
  await expect(dialog).toBeVisible();
  await dialog.locator('select[aria-label="Column to add"]').selectOption('bb_middleband');
  await dialog.getByRole('button', { name: 'Add indicator' }).click();
  // The chart shows the draft while the configurator is open.
  await expect(legendItem(page, 'bb_middleband')).toHaveCount(1);
  await dialog.locator('input[aria-label="Config name"]').fill('E2E config');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByRole('status')).toContainText('Saved');
  // Export shows the FreqUI-format JSON.
  await dialog.getByRole('button', { name: 'Export JSON' }).click();
  await expect(dialog.locator('textarea[aria-label="Plot config JSON"]')).toHaveValue(/"bb_middleband"/);
  await dialog.getByRole('button', { name: 'Close' }).click();

  await page.reload();
  await drawn(page);
  await expect(page.locator('select[aria-label="Plot config"]')).toHaveValue('E2E config');
  await expect(legendItem(page, 'bb_middleband')).toHaveCount(1);
  // Back to the strategy's config: the added indicator goes away.
  await page.locator('select[aria-label="Plot config"]').selectOption('Strategy default');
  await expect(legendItem(page, 'bb_middleband')).toHaveCount(0);
});

test.describe('history mode', () => {
  const HIST_PORT = BOT_BASE_PORT + 50;

  test.beforeAll(async () => {
    test.setTimeout(600_000);
    // freqtrade download-data from the simulated exchange, then `freqtrade webserver` on that data.
    harness('webserver', '--name', 'hist', '--port', String(HIST_PORT), '--sim-port', String(SIM_PORT), '--ui-origin', UI_ORIGIN);
  });

  test('a webserver bot charts pair_history with strategy, timeframe and pair selectors', async ({ page }) => {
    test.setTimeout(180_000);
    const historyCalls: string[] = [];
    const historyPosts: any[] = [];
    page.on('request', (r) => {
      if (!r.url().includes('/api/v1/pair_history')) return;
      historyCalls.push(r.url());
      if (r.method() === 'POST') historyPosts.push(JSON.parse(r.postData() ?? '{}'));
    });
    await login(page, bot('hist'), { name: 'Hist' });
    await page.goto('/chart');
    await expect(page.locator('select[aria-label="Strategy"]')).toHaveValue('SampleStrategy');
    await expect(page.locator('select[aria-label="Pair"] option').first()).toHaveText('BTC/USDT');
    await drawn(page, 100);
    for (const name of ['tema', 'sar', 'macd', 'rsi']) await expect(legendItem(page, name)).toHaveCount(1);
    expect(historyCalls.some((u) => u.includes('strategy=SampleStrategy') && u.includes('timeframe=5m'))).toBe(true);

    await page.locator('select[aria-label="Timeframe"]').selectOption('1h');
    await expect(page.locator('.chart-header')).toContainText('| 1h');
    await drawn(page, 10);
    const oneHour = await bars(page);
    expect(historyCalls.some((u) => u.includes('timeframe=1h'))).toBe(true);
    // A longer timerange, picked as a date, gives more candles.
    const sinceDay = new Date(Date.now() - 8 * 86_400_000).toISOString().slice(0, 10);
    const since = sinceDay.replace(/-/g, '');
    await page.locator('input[aria-label="From"]').fill(sinceDay);
    await expect.poll(() => bars(page), { timeout: 60_000 }).toBeGreaterThan(oneHour);
    expect(historyCalls.some((u) => u.includes(`timerange=${since}-`))).toBe(true);
    await page.locator('.history-options summary').click();
    await expect(page.locator('input[aria-label="Timerange"]')).toHaveValue(`${since}-`);
    // An end date closes the range.
    const untilDay = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await page.locator('input[aria-label="To"]').fill(untilDay);
    await expect(page.locator('input[aria-label="Timerange"]')).toHaveValue(`${since}-${untilDay.replace(/-/g, '')}`);
    await expect.poll(() => historyCalls.some((u) => u.includes(`timerange=${since}-${untilDay.replace(/-/g, '')}`))).toBe(true);
    await drawn(page, 10);

    // Live data: the form POST with live_mode, candles from the (simulated) exchange.
    await page.getByLabel('Live data').check();
    await expect.poll(() => historyPosts.length).toBeGreaterThan(0);
    expect(historyPosts[0]).toMatchObject({ pair: 'BTC/USDT', timeframe: '1h', strategy: 'SampleStrategy', live_mode: true });
    await expect(page.locator('.chart-empty')).toHaveCount(0, { timeout: 60_000 });
    await drawn(page, 10);
    await expect(page.getByLabel('FreqAI model')).toBeVisible();
    await page.getByLabel('Live data').uncheck();

    await page.locator('select[aria-label="Pair"]').selectOption('ETH/USDT');
    await expect(page.locator('.chart-header')).toContainText('ETH/USDT');
    await drawn(page, 10);
  });
});

test.describe('on a HiDPI screen', () => {
  test.use({ deviceScaleFactor: 2 });

  test('both canvases follow the device pixel ratio, also when it changes (zoom, another screen)', async ({ page }) => {
    await login(page, bot('alpha'), { name: 'Alpha' });
    await page.goto('/chart');
    await drawn(page);
    const bitmaps = () =>
      page.evaluate(() =>
        ['.chart-main', '.chart-overlay'].map((sel) => {
          const c = document.querySelector(`.candle-chart ${sel}`) as HTMLCanvasElement;
          return [c.width, c.height, c.clientWidth, c.clientHeight];
        }),
      );
    const scaled = (ratio: number) => async () =>
      (await bitmaps()).every(([w, h, cw, ch]) => w === Math.round(cw * ratio) && h === Math.round(ch * ratio));
    expect(await scaled(2)()).toBe(true);
    // The chart kit's pixel-ratio watcher (and the resize it comes with here: headless Chromium re-evaluates
    // media queries only when the window changes) repaints the candles sharp at the new ratio.
    const viewport = page.viewportSize()!;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: viewport.width, height: viewport.height - 20, deviceScaleFactor: 3, mobile: false });
    await expect.poll(scaled(3)).toBe(true);
    await expect.poll(() => candlePixels(page)).toBeGreaterThan(200);
  });
});
