// Data on a real `freqtrade webserver` (issue 13, first part): candles downloaded from the form as a background
// job, followed to the end and then offered by the history chart; every job listed, picked up again after a
// reload, and cleared.
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, bot, login, harness, BotApi, UI_ORIGIN, STATE_DIR } from './helpers';
import { BOT_BASE_PORT, SIM_PORT } from './env';

const DL_PORT = BOT_BASE_PORT + 51;
const TRADING = /\/api\/v1\/(status|trades|count|profit|balance|whitelist|blacklist|locks|performance|daily|health)(\?|$)/;

/** The downloaded candle files of the `dl` webserver. */
function dataDir(): string {
  const all: { name: string; config: string }[] = JSON.parse(fs.readFileSync(path.join(STATE_DIR, 'bots.json'), 'utf8'));
  const dl = all.find((b) => b.name === 'dl');
  if (!dl) throw new Error('no dl webserver');
  return path.join(path.dirname(dl.config), 'user_data', 'data', 'binance');
}

test.describe('data', () => {
  test.beforeAll(async () => {
    test.setTimeout(600_000);
    // A webserver with 5m candles of one pair only; 1h candles left by an earlier run (a reused webserver) are
    // removed, so the download below is what brings them.
    harness('webserver', '--name', 'dl', '--port', String(DL_PORT), '--sim-port', String(SIM_PORT), '--ui-origin', UI_ORIGIN,
      '--pairs', 'BTC/USDT', '--timeframes', '5m', '--days', '2');
    for (const f of fs.readdirSync(dataDir())) {
      if (f.includes('-1h')) fs.rmSync(path.join(dataDir(), f));
    }
  });

  test('download candles from the form, follow the job, chart them; a reload picks a job up; clear jobs', async ({ page, request, requests }) => {
    test.setTimeout(300_000);
    const dl = bot('dl');
    const api = await BotApi.login(request, dl);
    expect((await api.get('/available_pairs?timeframe=1h')).pairs).toEqual([]);
    await login(page, dl, { name: 'DL' });
    const nav = page.locator('nav.nav-links');
    await nav.getByRole('link', { name: 'Data' }).click();
    await expect(page).toHaveURL(/\/data$/);
    // A webserver has no message websocket: none is tried, and no "live updates are off" warning.
    await expect(page.locator('.socket-state')).toHaveText('ws: off');

    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/download_data')) posts.push(r.postData() ?? '');
    });
    // Checked before sending: no pair.
    await page.getByRole('button', { name: 'Start download' }).click();
    await expect(page.locator('.download-form [role="alert"]')).toContainText('at least one pair');
    // One pair typed, one picked from the exchange's markets; 1h only, the last 2 days.
    await page.locator('textarea[name="pairs"]').fill('ETH/USDT');
    await expect(page.locator('#market-pairs option[value="SOL/USDT"]')).toHaveCount(1);
    await page.getByLabel('Pair to add').fill('SOL/USDT');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.locator('textarea[name="pairs"]')).toHaveValue('ETH/USDT SOL/USDT');
    // The quote-currency template counts the exchange's USDT pairs.
    await expect(page.getByRole('button', { name: /^Add all \d+ USDT pairs$/ })).toHaveText('Add all 5 USDT pairs');
    await page.locator('input[name="timeframe"][value="5m"]').uncheck();
    await page.locator('input[name="timeframe"][value="1h"]').check();
    await page.locator('input[name="days"]').fill('2');
    await page.getByRole('button', { name: 'Start download' }).click();
    const job = page.locator('.job[data-category="download_data"]').first();
    await expect(job).toHaveAttribute('data-status', 'success', { timeout: 120_000 });
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0])).toEqual({ pairs: ['ETH/USDT', 'SOL/USDT'], timeframes: ['1h'], days: 2, erase: false, download_trades: false });
    await expect(job.locator('.job-percent')).toHaveText('100 %');
    await expect(job.locator('.job-tasks li').first()).toBeVisible();
    await expect(page.locator('.toast', { hasText: 'Data download finished.' })).toBeVisible();
    expect((await api.get('/available_pairs?timeframe=1h')).pairs.sort()).toEqual(['ETH/USDT', 'SOL/USDT']);

    // The history chart offers the new data without a reload.
    await nav.getByRole('link', { name: 'Chart' }).click();
    await page.locator('select[aria-label="Timeframe"]').selectOption('1h');
    await expect(page.locator('select[aria-label="Pair"] option')).toHaveText(['ETH/USDT', 'SOL/USDT']);

    // Another download, and the page reloaded at once: the job is listed again from GET /background.
    await nav.getByRole('link', { name: 'Data' }).click();
    await page.locator('textarea[name="pairs"]').fill('XRP/USDT');
    const started = page.waitForResponse((r) => r.url().endsWith('/api/v1/download_data'));
    await page.getByRole('button', { name: 'Start download' }).click();
    const { job_id } = await (await started).json();
    await page.reload();
    const again = page.locator('.job', { has: page.locator(`[title="${job_id}"]`) });
    await expect(again).toHaveCount(1);
    await expect(again).toHaveAttribute('data-status', 'success', { timeout: 120_000 });
    await expect(page.locator('.job')).toHaveCount(2);

    // Clearing finished jobs: one request, and the list is empty on the bot too.
    const clears: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'DELETE' && r.url().includes('/api/v1/background')) clears.push(r.url());
    });
    await page.getByRole('button', { name: 'Clear finished' }).click();
    await expect(page.locator('.jobs-panel')).toContainText('No background jobs');
    expect(clears).toHaveLength(1);
    expect(await api.get('/background')).toEqual([]);

    expect(requests.filter((u) => u.startsWith(dl.url) && TRADING.test(u)), 'trading endpoints asked of a webserver').toEqual([]);
    await expect(page.locator('.toast', { hasText: 'Live updates are off' })).toHaveCount(0);
  });
});
