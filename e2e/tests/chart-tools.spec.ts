import { Page, Locator } from '@playwright/test';
import { test, expect, bot, login, BotApi, ink } from './helpers';

// The candle chart's tools against the real bot: the measure tool (shift + drag), touch pan and pinch zoom, and
// the Chart page's grid of charts with a shared crosshair time.

const chart = (page: Page) => page.locator('.candle-chart').first();

async function drawn(c: Locator) {
  await expect(c).toHaveAttribute('data-painted', 'true');
  await expect.poll(async () => Number((await c.getAttribute('data-bars')) ?? '0'), { timeout: 30_000 }).toBeGreaterThan(20);
}

/** The price pane in page coordinates. */
async function plotBox(c: Locator) {
  const [x, y, w, h] = ((await c.getAttribute('data-plot')) ?? '').split(',').map(Number);
  const box = (await c.locator('.chart-overlay').boundingBox())!;
  return { x: box.x + x, y: box.y + y, w, h };
}

async function range(c: Locator): Promise<[number, number]> {
  return [Number(await c.getAttribute('data-first')), Number(await c.getAttribute('data-last'))];
}

/** src/util/format/time.rs duration_short. */
function durationShort(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${seconds % 60}s`;
  return `${seconds}s`;
}

test('shift + drag measures the change, price difference, candles and time between two candles', async ({ page, request }) => {
  const alpha = bot('alpha');
  await login(page, alpha, { name: 'Alpha' });
  await page.goto('/chart');
  const c = chart(page);
  await drawn(c);
  const p = await plotBox(c);
  const a = { x: p.x + p.w * 0.3, y: p.y + p.h * 0.65 };
  const b = { x: p.x + p.w * 0.7, y: p.y + p.h * 0.35 };
  // The candles under both ends, as the crosshair reads them.
  await page.mouse.move(a.x, a.y);
  await expect(c).toHaveAttribute('data-hover', /^\d+$/);
  const i0 = Number(await c.getAttribute('data-hover'));
  await page.mouse.move(b.x, b.y);
  await expect.poll(async () => Number(await c.getAttribute('data-hover'))).toBeGreaterThan(i0);
  const i1 = Number(await c.getAttribute('data-hover'));
  const view = await range(c);

  await page.keyboard.down('Shift');
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const candles = i1 - i0;
  // Upwards is a rise: "+1.23 % · +45.6000 · 40 candles · 3h 20m" (5m candles).
  await expect(c).toHaveAttribute(
    'data-measure',
    new RegExp(`^\\+\\d+\\.\\d\\d % · \\+\\d+\\.\\d+ · ${candles} candles · ${durationShort(candles * 300)}$`),
  );
  // Measuring did not pan the chart.
  expect(await range(c)).toEqual(view);
  // The difference and the change agree with a start price inside the candles' range on screen.
  const text = (await c.getAttribute('data-measure')) ?? '';
  const [pct, diff] = text.split(' · ').map((t) => parseFloat(t));
  const start = diff / (pct / 100);
  const api = await BotApi.login(request, alpha);
  const pair = ((await page.locator('.chart-header').textContent()) ?? '').split(' · ')[0].trim();
  const df = await api.get(`/pair_candles?pair=${encodeURIComponent(pair)}&timeframe=5m&limit=1000`);
  const col = (n: string) => df.columns.indexOf(n);
  const lows = df.data.map((r: number[]) => r[col('low')]);
  const highs = df.data.map((r: number[]) => r[col('high')]);
  const lo = Math.min(...lows);
  const hi = Math.max(...highs);
  const slack = (hi - lo) * 0.5;
  expect(start).toBeGreaterThan(lo - slack);
  expect(start).toBeLessThan(hi + slack);

  // The measure stays while the mouse moves on; a plain click clears it.
  await page.mouse.move(p.x + p.w * 0.5, p.y + p.h * 0.5);
  await expect(c).not.toHaveAttribute('data-measure', '');
  await page.mouse.down();
  await page.mouse.up();
  await expect(c).toHaveAttribute('data-measure', '');
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('one finger pans, two fingers pinch to zoom', async ({ page }) => {
    await login(page, bot('alpha'), { name: 'Alpha' });
    await page.goto('/chart');
    const c = chart(page);
    await drawn(c);
    const p = await plotBox(c);
    const cdp = await page.context().newCDPSession(page);
    type Point = { x: number; y: number; id: number };
    const touch = (type: string, points: Point[]) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: points.map((t) => ({ x: t.x, y: t.y, id: t.id, radiusX: 1, radiusY: 1, force: 1 })),
      });
    const cy = p.y + p.h / 2;
    const initial = await range(c);

    // Pinch out around the middle: fewer candles in view.
    const mid = p.x + p.w / 2;
    await touch('touchStart', [{ x: mid - 40, y: cy, id: 1 }]);
    await touch('touchStart', [{ x: mid - 40, y: cy, id: 1 }, { x: mid + 40, y: cy, id: 2 }]);
    for (let k = 1; k <= 6; k++) {
      await touch('touchMove', [{ x: mid - 40 - k * 15, y: cy, id: 1 }, { x: mid + 40 + k * 15, y: cy, id: 2 }]);
    }
    await touch('touchEnd', []);
    await expect.poll(async () => { const [a, b] = await range(c); return b - a; }).toBeLessThan((initial[1] - initial[0]) * 0.75);
    const zoomed = await range(c);

    // One finger dragged to the right: older candles come into view.
    await touch('touchStart', [{ x: mid - 100, y: cy, id: 3 }]);
    for (let k = 1; k <= 6; k++) await touch('touchMove', [{ x: mid - 100 + k * 30, y: cy, id: 3 }]);
    await touch('touchEnd', []);
    await expect.poll(async () => (await range(c))[0]).toBeLessThan(zoomed[0]);
    // The zoom held: the span is the pinched one.
    const [a, b] = await range(c);
    expect(Math.abs(b - a - (zoomed[1] - zoomed[0]))).toBeLessThanOrEqual(1);
  });
});

test('a two-chart grid draws both pairs and shares the crosshair time', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Alpha' });
  await page.goto('/chart');
  const layout = page.getByRole('group', { name: 'Charts' });
  await layout.getByRole('button', { name: '2', exact: true }).click();
  const cells = page.locator('.chart-grid .chart-card');
  await expect(cells).toHaveCount(2);
  const charts = [cells.nth(0).locator('.candle-chart'), cells.nth(1).locator('.candle-chart')];
  // Each cell has its own pair: the second starts on the whitelist's second pair, and can be changed alone.
  await cells.nth(1).locator('select[aria-label="Pair"]').selectOption('SOL/USDT');
  await expect(cells.nth(1).locator('.chart-header')).toContainText('SOL/USDT');
  await expect(cells.nth(0).locator('select[aria-label="Pair"]')).not.toHaveValue('SOL/USDT');
  const first = ((await cells.nth(0).locator('.chart-header').textContent()) ?? '').split(' · ')[0].trim();
  expect(first).toMatch(/^[A-Z]+\/USDT$/);
  for (const c of charts) {
    await drawn(c);
    await expect.poll(async () => (await ink(c)).coloured, { message: 'candles drawn' }).toBeGreaterThan(200);
  }

  // The crosshair over the first chart puts a line at the same candle time in the second.
  const p = await plotBox(charts[0]);
  await page.mouse.move(p.x + p.w * 0.55, p.y + p.h * 0.5);
  await expect(charts[0]).toHaveAttribute('data-hover-time', /^\d+$/);
  const time = (await charts[0].getAttribute('data-hover-time'))!;
  await expect(charts[1]).toHaveAttribute('data-linked-time', time);
  await expect(charts[1]).toHaveAttribute('data-linked', /^\d+$/);
  // ... and it follows the mouse.
  await page.mouse.move(p.x + p.w * 0.75, p.y + p.h * 0.5);
  await expect.poll(async () => Number(await charts[1].getAttribute('data-linked-time'))).toBeGreaterThan(Number(time));
  await expect(charts[1]).toHaveAttribute('data-linked-time', (await charts[0].getAttribute('data-hover-time'))!);
  // Leaving clears it.
  await page.mouse.move(1, 1);
  await expect(charts[1]).toHaveAttribute('data-linked', '');

  // The layout is kept across a reload; back to one chart.
  await page.reload();
  await expect(cells).toHaveCount(2);
  await drawn(cells.nth(1).locator('.candle-chart'));
  await page.getByRole('group', { name: 'Charts' }).getByRole('button', { name: '1', exact: true }).click();
  await expect(cells).toHaveCount(1);
});
