import type { APIRequestContext, Locator, Page } from '@playwright/test';

import { test, expect, bot, login, BotApi, BotInfo, ink, expectChartDrawn } from './helpers';

/**
 * The Dashboard's profit charts against a real dry-run bot (beta). The first test starts from a bot without
 * closed trades (it deletes any an earlier run left), checks every empty state, then closes trades through the
 * REST API and checks that each chart draws, that the cumulative chart's tooltip follows the pointer and that
 * the bins select redraws the distribution. It leaves beta as it found it: no open and no closed trades.
 */
const BOT = 'beta';
const BOT_LABEL = 'Beta';
const PAIRS = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT'];

/** Token for the calls BotApi does not offer (DELETE). */
async function accessToken(request: APIRequestContext, b: BotInfo): Promise<string> {
  const basic = Buffer.from(`${b.username}:${b.password}`).toString('base64');
  const r = await request.post(`${b.url}/api/v1/token/login`, { headers: { Authorization: `Basic ${basic}` } });
  expect(r.ok(), 'token/login').toBeTruthy();
  return (await r.json()).access_token;
}

/** Exits every open trade and waits until none is open. */
async function closeAll(api: BotApi) {
  const deadline = Date.now() + 30_000;
  while ((await api.openTrades()).length > 0) {
    expect(Date.now() < deadline, 'open trades left after force exit all').toBeTruthy();
    await api.exitAll();
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Ids of every closed trade, all pages. */
async function closedIds(api: BotApi): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    const page = await api.get(`/trades?limit=500&offset=${ids.length}`);
    ids.push(...page.trades.map((t: any) => t.trade_id));
    if (page.trades.length === 0 || ids.length >= page.total_trades) return ids;
  }
}

/** Deletes the given closed trades. */
async function deleteTrades(request: APIRequestContext, b: BotInfo, ids: number[]) {
  const token = await accessToken(request, b);
  for (const id of ids) {
    const r = await request.delete(`${b.url}/api/v1/trades/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(r.ok(), `DELETE /trades/${id}: ${r.status()}`).toBeTruthy();
  }
}

function card(page: Page, kind: string): Locator {
  return page.locator(`.profit-card[data-chart="${kind}"]`);
}

function chart(page: Page, kind: string): Locator {
  return card(page, kind).locator('.profit-chart');
}

async function openDashboard(page: Page) {
  await login(page, bot(BOT), { name: BOT_LABEL });
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 1 })).toBeVisible();
}

test('profit charts show their empty state without closed trades, and draw once trades are closed', async ({ page, request }) => {
  test.setTimeout(150_000);
  const b = bot(BOT);
  const api = await BotApi.login(request, b);
  await closeAll(api);
  const before = await closedIds(api);
  if (before.length > 0) console.log(`deleting ${before.length} closed trades an earlier run left on ${BOT}`);
  await deleteTrades(request, b, before);

  let openId: number | undefined;
  const created: number[] = [];
  try {
    await openDashboard(page);

    // No closed trades: every trade chart shows its empty state (the dry-run wallet still has a balance).
    for (const [kind, text] of [
      ['cumulative', 'No closed trades yet'],
      ['periods', 'No closed trades in the last 30 days'],
      ['distribution', 'No closed trades yet'],
      ['trades-log', 'No closed trades yet'],
    ]) {
      await expect(chart(page, kind), kind).toHaveAttribute('data-state', 'empty', { timeout: 20_000 });
      await expect(card(page, kind).locator('.profit-empty')).toHaveText(text);
      expect((await ink(chart(page, kind))).coloured, `${kind} canvas is blank`).toBe(0);
    }
    await expect(page.locator('[data-field="trade-count"]')).toContainText('0 closed');
    await expectChartDrawn(page, 'balance');

    // Close a trade on each pair, and keep one open for the projection.
    for (const pair of PAIRS) {
      const t = await api.post('/forceenter', { pair });
      created.push(t.trade_id);
      await api.post('/forceexit', { tradeid: String(t.trade_id) });
    }
    openId = (await api.post('/forceenter', { pair: 'BTC/USDT' })).trade_id;
    created.push(openId!);
    const closed = (await closedIds(api)).length;
    expect(closed).toBeGreaterThanOrEqual(PAIRS.length);

    for (const kind of ['cumulative', 'periods', 'distribution', 'trades-log', 'balance']) await expectChartDrawn(page, kind);
    await expect(chart(page, 'trades-log')).toHaveAttribute('data-items', String(closed));
    // Start point + one per closed trade.
    await expect(chart(page, 'cumulative')).toHaveAttribute('data-items', String(closed + 1));
    await expect(page.locator('[data-field="trade-count"]')).toContainText(`${closed} closed, 1 open`);

    // The tooltip follows the pointer over the cumulative chart: a trade in the middle, the projection at the end.
    const cumulative = chart(page, 'cumulative');
    const [x, y, w, h] = ((await cumulative.getAttribute('data-plot')) ?? '').split(',').map(Number);
    const canvas = cumulative.locator('canvas');
    await canvas.hover({ position: { x: x + w * 0.5, y: y + h * 0.5 } });
    const tooltip = cumulative.locator('.profit-tooltip');
    await expect(tooltip).toBeVisible();
    await expect(tooltip).toContainText('Profit');
    await canvas.hover({ position: { x: x + w - 1, y: y + h * 0.5 } });
    await expect(tooltip).toContainText('Projected profit (incl. unrealized)');
    await expect(tooltip).toContainText('Open trades');
    await page.mouse.move(0, 0);
    await expect(tooltip).toHaveCount(0);

    // The bins select redraws the distribution.
    const distribution = chart(page, 'distribution');
    await expect(distribution).toHaveAttribute('data-items', '20');
    const painted = Number(await distribution.getAttribute('data-painted'));
    const first = await ink(distribution);
    await page.locator('#profit-bins').selectOption('10');
    await expect(distribution).toHaveAttribute('data-items', '10');
    await expect.poll(async () => Number(await distribution.getAttribute('data-painted'))).toBeGreaterThan(painted);
    await expect.poll(async () => (await ink(distribution)).hash).not.toBe(first.hash);
    expect((await ink(distribution)).coloured).toBeGreaterThan(30);

    // Weekly and monthly breakdowns draw too.
    for (const label of ['Weekly', 'Monthly']) {
      await card(page, 'periods').getByRole('button', { name: label }).click();
      await expect(card(page, 'periods').getByRole('button', { name: label })).toHaveAttribute('aria-pressed', 'true');
      await expectChartDrawn(page, 'periods');
    }
  } finally {
    await closeAll(api);
    // Leave beta without closed trades, as the next run expects.
    const left = (await closedIds(api)).filter((id) => created.includes(id));
    await deleteTrades(request, b, left);
  }
});

test.describe('on a HiDPI screen', () => {
  test.use({ deviceScaleFactor: 2 });

  test('canvases are sized to the device pixels and redraw on resize and on a pixel-ratio change', async ({ page }) => {
    await openDashboard(page);
    const balance = chart(page, 'balance');
    await expectChartDrawn(page, 'balance');
    await expect(balance).toHaveAttribute('data-dpr', '2');
    let m = await ink(balance);
    expect(m.bitmap).toEqual([Math.round(m.css[0] * 2), Math.round(m.css[1] * 2)]);

    // Another window width (one column instead of two): the ResizeObserver resizes the bitmap and repaints.
    const painted = Number(await balance.getAttribute('data-painted'));
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 700, height: viewport.height });
    await expect.poll(async () => Number(await balance.getAttribute('data-painted'))).toBeGreaterThan(painted);
    await expect.poll(async () => (await ink(balance)).css[0]).not.toBe(m.css[0]);
    m = await ink(balance);
    expect(m.bitmap).toEqual([Math.round(m.css[0] * 2), Math.round(m.css[1] * 2)]);
    expect(m.coloured).toBeGreaterThan(30);

    // The pixel ratio changes (another screen, zoom) while the chart keeps its CSS size, so no ResizeObserver
    // fires: the pixel-ratio watcher repaints at the new ratio. (Headless Chromium re-evaluates media queries only
    // when the window changes, so the window gets 20 px shorter; the chart's height is fixed.)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 700, height: viewport.height - 20, deviceScaleFactor: 3, mobile: false });
    await expect(balance).toHaveAttribute('data-dpr', '3');
    const hi = await ink(balance);
    expect(hi.css).toEqual(m.css);
    expect(hi.bitmap).toEqual([Math.round(m.css[0] * 3), Math.round(m.css[1] * 3)]);
    expect(hi.coloured).toBeGreaterThan(30);
  });
});

/** Pixels of the chart's data area within a small distance of `rgb`. */
async function pixelsOf(c: Locator, rgb: [number, number, number]): Promise<number> {
  return c.evaluate((el, rgb) => {
    const canvas = el.querySelector('canvas') as HTMLCanvasElement;
    const [x, y, w, h] = (el.getAttribute('data-plot') || '0,0,0,0').split(',').map(Number);
    const sx = canvas.width / Math.max(1, canvas.clientWidth);
    const sy = canvas.height / Math.max(1, canvas.clientHeight);
    const d = canvas.getContext('2d')!.getImageData(Math.round(x * sx), Math.round(y * sy), Math.max(1, Math.round(w * sx)), Math.max(1, Math.round(h * sy))).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 200 && Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) < 30) n++;
    }
    return n;
  }, rgb);
}

test('the System theme follows the OS switching between light and dark at run time, charts included', async ({ page }) => {
  // The cumulative profit line's colours (src/charts/profit/model_theme.rs).
  const LIGHT_LINE: [number, number, number] = [0x1f, 0x6f, 0xeb];
  const DARK_LINE: [number, number, number] = [0x4c, 0x8d, 0xff];
  await page.emulateMedia({ colorScheme: 'light' });
  await login(page, bot('history'), { name: 'History' });
  await page.getByRole('link', { name: 'Dashboard' }).click();
  // No theme chosen: the page follows the OS.
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  const cumulative = chart(page, 'cumulative');
  await expect(cumulative).toHaveAttribute('data-state', 'drawn', { timeout: 20_000 });
  const bodyBackground = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bodyBackground();
  await expect.poll(() => pixelsOf(cumulative, LIGHT_LINE), { message: 'light line' }).toBeGreaterThan(20);
  expect(await pixelsOf(cumulative, DARK_LINE), 'no dark line in the light theme').toBeLessThan(5);

  // The OS switches to dark while the page is open: the stylesheet and the canvas follow, without a reload.
  const painted = Number(await cumulative.getAttribute('data-painted'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(bodyBackground).not.toBe(light);
  await expect.poll(async () => Number(await cumulative.getAttribute('data-painted'))).toBeGreaterThan(painted);
  await expect.poll(() => pixelsOf(cumulative, DARK_LINE), { message: 'dark line' }).toBeGreaterThan(20);
  expect(await pixelsOf(cumulative, LIGHT_LINE), 'no light line in the dark theme').toBeLessThan(5);

  // And back.
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => pixelsOf(cumulative, LIGHT_LINE), { message: 'light line again' }).toBeGreaterThan(20);
  await expect.poll(bodyBackground).toBe(light);
});
