// Backtesting on a real `freqtrade webserver` (issue 12): the session kind decides the navbar and what is
// polled; a backtest is run from the form, followed, analysed, stored, annotated, compared and deleted; one
// started from another browser is picked up.
import { Page } from '@playwright/test';
import { test, expect, bot, login, harness, BotApi, UI_ORIGIN, downloadCsv } from './helpers';
import { BOT_BASE_PORT, SIM_PORT } from './env';

const HIST_PORT = BOT_BASE_PORT + 50;
/** Endpoints a trading bot serves and a webserver answers with 503: never asked of a webserver bot. */
const TRADING = /\/api\/v1\/(status|trades|count|profit|profit_all|balance|whitelist|blacklist|locks|performance|daily|weekly|monthly|stats|entries|exits|mix_tags|health)(\?|$)/;

function metric(page: Page, label: string) {
  return page.locator('table[aria-label="Backtest metrics"] tr', { has: page.locator('td', { hasText: new RegExp(`^${label.replace(/[()]/g, '\\$&')}$`) }) }).locator('td').nth(1);
}

/** Fills the run form for SampleStrategy over the last two days and starts it. */
async function startBacktest(page: Page, timeframe: string) {
  await expect(page.locator('select[name="strategy"]')).toHaveValue('SampleStrategy');
  await page.locator('select[name="timeframe"]').selectOption(timeframe);
  await page.getByRole('button', { name: 'Last 2 days' }).click();
  await page.locator('input[name="max_open_trades"]').fill('3');
  await page.getByRole('button', { name: 'Start backtest' }).click();
}

test.describe('backtesting', () => {
  test.beforeAll(async () => {
    test.setTimeout(600_000);
    harness('webserver', '--name', 'hist', '--port', String(HIST_PORT), '--sim-port', String(SIM_PORT), '--ui-origin', UI_ORIGIN);
  });

  test('run, follow, analyse, annotate, compare and delete backtests; pick up one started elsewhere', async ({ page, browser, request, requests }) => {
    test.setTimeout(300_000);
    const hist = bot('hist');
    const api = await BotApi.login(request, hist);
    // The bot's last result of an earlier run is forgotten, so the page opens on the form.
    await api.delete('/backtest');
    const storedBefore: any[] = await api.get('/backtest/history');
    // Notes carry this run's tag, so the filter finds this run's results only (earlier runs leave theirs).
    const tag = `e2e-${Date.now()}`;

    // A trading bot and the webserver logged in at once; the trading one first, so both kinds are switched between.
    await login(page, bot('alpha'), { name: 'Alpha' });
    await expect(page.locator('nav.nav-links').getByRole('link', { name: 'Trade' })).toBeVisible();
    await login(page, hist, { name: 'Hist' });
    // With two bots the fleet is the start page: it lists the webserver without asking it anything trading.
    await page.goto('/fleet');
    await expect(page.locator('tr', { hasText: 'Hist' }).first()).toContainText('webserver');
    // A webserver bot: Backtest in the navbar, no Trade or Dashboard; the Trade page says why.
    const nav = page.locator('nav.nav-links');
    await expect(nav.getByRole('link', { name: 'Backtest' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Trade' })).toHaveCount(0);
    // A webserver has no message websocket: the app does not try one.
    await expect(page.locator('.socket-state')).toHaveText('ws: off');
    await page.goto('/trade');
    await expect(page.locator('.kind-note')).toContainText('This bot does not trade');

    // Validation before sending: a start date after the end date.
    await nav.getByRole('link', { name: 'Backtest' }).click();
    await expect(page.locator('select[name="strategy"]')).toHaveValue('SampleStrategy');
    await page.locator('input[name="from"]').fill('2026-11-28');
    await page.locator('input[name="to"]').fill('2026-11-26');
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/backtest')) posts.push(r.url());
    });
    await page.getByRole('button', { name: 'Start backtest' }).click();
    await expect(page.locator('.backtest-form [role="alert"]')).toContainText('before the end date');
    expect(posts).toHaveLength(0);

    // Run one: its progress shows while it runs, then the result opens in Analyse.
    const ended = page.waitForResponse(async (r) => {
      if (!r.url().endsWith('/api/v1/backtest') || r.request().method() !== 'GET') return false;
      return (await r.json().catch(() => ({}))).status === 'ended';
    }, { timeout: 180_000 });
    await startBacktest(page, '5m');
    expect(posts).toHaveLength(1);
    const answer = (await (await ended).json()).backtest_result;
    // What the page shows is checked against the result file freqtrade wrote, read back through its API.
    const meta = answer.metadata.SampleStrategy;
    const stored = await api.get(`/backtest/history/result?filename=${encodeURIComponent(meta.filename)}&strategy=SampleStrategy`);
    const result = stored.backtest_result.strategy.SampleStrategy;
    expect(result.total_trades).toBe(answer.strategy.SampleStrategy.total_trades);
    await expect(page.locator('#tab-result')).toHaveAttribute('aria-selected', 'true');
    await expect(metric(page, 'Trades')).toHaveText(String(result.total_trades));
    await expect(metric(page, 'Total profit %')).toHaveText(`${(result.profit_total * 100).toFixed(2)} %`);
    await expect(metric(page, 'Win rate')).toHaveText(`${(result.winrate * 100).toFixed(2)} %`);
    await expect(metric(page, 'Total profit')).toHaveText(`${result.profit_total_abs.toFixed(result.stake_currency_decimals)} ${result.stake_currency}`);
    await expect(metric(page, 'Max drawdown (account)')).toHaveText(`${(result.max_drawdown_account * 100).toFixed(2)} %`);
    await expect(metric(page, 'Sharpe')).toHaveText(result.sharpe.toFixed(2));
    await expect(metric(page, 'Best pair')).toHaveText(`${result.best_pair.key} ${(result.best_pair.profit_total * 100).toFixed(2)} %`);
    expect(result.total_trades).toBeGreaterThan(0);

    // Settings it ran with, breakdowns, periods, trades (sortable, filterable), charts.
    await page.locator('#tab-settings').click();
    await expect(page.locator('table[aria-label="Strategy settings"]')).toContainText('unlimited');
    await page.locator('#tab-breakdown').click();
    const perPair = page.locator('table[aria-label="Breakdown"] tbody tr');
    await expect(perPair).toHaveCount(result.results_per_pair.length);
    await page.locator('select[aria-label="Breakdown"]').selectOption('exit_reason_summary');
    await expect(page.locator('table[aria-label="Breakdown"]')).toContainText('roi');
    await page.locator('#tab-periods').click();
    await expect(page.locator('table[aria-label="Periodic breakdown"] tbody tr')).toHaveCount(result.periodic_breakdown.day.length);
    await page.locator('#tab-trades').click();
    const tradeRows = page.locator('table[aria-label="Backtest trades"] tbody tr');
    await expect(tradeRows).toHaveCount(Math.min(result.trades.length, 200));
    const pair = result.trades[0].pair as string;
    await page.getByLabel('Filter trades').fill(pair);
    const ofPair = result.trades.filter((t: any) => t.pair === pair).length;
    await expect(tradeRows).toHaveCount(ofPair);
    // Sorted by profit, largest first.
    await page.locator('table[aria-label="Backtest trades"] th button', { hasText: /^Profit %$/ }).click();
    const best = Math.max(...result.trades.filter((t: any) => t.pair === pair).map((t: any) => t.profit_ratio));
    await expect(tradeRows.first().locator('td').nth(5)).toHaveText(`${(best * 100).toFixed(2)} %`);
    // The filtered, sorted trades as CSV: the table's columns and values, numbers without their units.
    const csv = await downloadCsv(page, page.locator('.backtest-result .table-export .csv-export'));
    expect(csv.name).toMatch(/^freqboard-SampleStrategy-backtest-trades-\d{4}-\d\d-\d\d\.csv$/);
    const [head, ...lines] = csv.rows;
    expect(head).toEqual(await page.locator('table[aria-label="Backtest trades"] th').allTextContents());
    expect(lines).toHaveLength(ofPair);
    expect(Number(lines[0][5])).toBeCloseTo(best * 100, 2);
    const firstCells = await tradeRows.first().locator('td').allTextContents();
    expect(lines[0][head.indexOf('Pair')]).toBe(pair);
    expect(lines[0].length).toBe(firstCells.length);
    const extraReads: string[] = [];
    page.on('request', (r) => {
      if (/\/backtest\/history\/[^/]+\/(market_change|SampleStrategy\/wallet)$/.test(r.url())) extraReads.push(r.url());
    });
    await page.locator('#tab-charts').click();
    await expect(page.locator('.backtest-result canvas').first()).toBeVisible();
    // The wallet beside the market, read from the stored result once the card shows.
    await expect(page.locator('[data-chart="wallet"] canvas')).toBeVisible();
    await expect(page.locator('[data-chart="wallet"] .profit-empty')).toHaveCount(0, { timeout: 30_000 });
    // The strategy's return beside the market's change, in percent of the start: one point per trade plus
    // the start (and the market's first candle when the first trade opened later).
    const market = page.locator('[data-chart="market"] .profit-chart');
    await expect(market).toHaveAttribute('data-state', 'drawn', { timeout: 30_000 });
    const marketItems = Number(await market.getAttribute('data-items'));
    expect(marketItems).toBeGreaterThanOrEqual(result.total_trades + 1);
    expect(marketItems).toBeLessThanOrEqual(result.total_trades + 2);
    // Trade durations: every trade in a bin.
    await expect(page.locator('[data-chart="durations"] canvas')).toBeVisible();
    await expect(page.locator('[data-chart="durations"] .profit-empty')).toHaveCount(0);
    expect(extraReads.filter((u) => u.endsWith('/market_change'))).toHaveLength(1);
    expect(extraReads.filter((u) => u.endsWith('/wallet'))).toHaveLength(1);

    // A trade picked in the list opens the candle chart of its pair, with the result's strategy and range,
    // its trades marked, zoomed to it.
    await page.locator('#tab-trades').click();
    const historyCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/pair_history')) historyCalls.push(r.url());
    });
    await tradeRows.first().click();
    await expect(page.locator('#tab-chart')).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.backtest-chart .chart-header')).toContainText(pair, { timeout: 60_000 });
    await expect(page.locator('.backtest-chart select[aria-label="Pair"]')).toHaveValue(pair);
    expect(historyCalls.some((u) => u.includes('strategy=SampleStrategy') && u.includes('timeframe=5m') && u.includes(`timerange=${String(result.timerange).slice(0, 8)}`))).toBe(true);
    await expect(page.locator('.backtest-chart canvas').first()).toBeVisible();
    // The result's trades are drawn as markers.
    const candles = page.locator('.backtest-chart [data-trade-markers]');
    await expect.poll(async () => Number((await candles.getAttribute('data-trade-markers')) ?? '0'), { timeout: 30_000 }).toBeGreaterThan(0);

    // Stored on the bot: one more entry; notes are saved with one PATCH.
    await page.locator('#tab-history').click();
    const storedRows = page.locator('table[aria-label="Stored results"] tbody tr');
    await expect(storedRows).toHaveCount(storedBefore.length + 1);
    const after: any[] = await api.get('/backtest/history');
    const mine = after.find((e) => !storedBefore.some((b) => b.filename === e.filename));
    expect(mine).toBeTruthy();
    await storedRows.filter({ hasText: mine.filename }).click();
    await page.locator('textarea[name="notes"]').fill(`${tag} first run`);
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/backtest/history/'));
    await page.getByRole('button', { name: 'Save notes' }).click();
    expect((await patched).ok()).toBe(true);
    await expect(storedRows.filter({ hasText: mine.filename })).toContainText(`${tag} first run`);
    expect((await api.get('/backtest/history')).find((e: any) => e.filename === mine.filename).notes).toBe(`${tag} first run`);

    // Another browser starts a second backtest (1h); this page, opened again, picks it up.
    const other = await browser.newContext();
    const page2 = await other.newPage();
    await login(page2, hist, { name: 'Hist' });
    await page2.goto('/backtest');
    // The bot's last result (the first run) opens in Analyse there too.
    await expect(page2.locator('#tab-result')).toHaveAttribute('aria-selected', 'true');
    await page2.locator('#tab-run').click();
    await startBacktest(page2, '1h');
    await expect(page2.locator('.backtest-status')).toBeVisible();
    await page.goto('/backtest');
    await expect(page.locator('#tab-result')).toHaveAttribute('aria-selected', 'true', { timeout: 180_000 });
    await expect(page.locator('select[name="result"]')).toContainText('1h');
    await other.close();

    // Reset: the bot forgets its last result (the stored ones stay), with one request.
    await page.locator('#tab-run').click();
    const resets: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'DELETE' && r.url().endsWith('/api/v1/backtest')) resets.push(r.url());
    });
    await page.locator('.backtest-status').getByRole('button', { name: 'Reset' }).click();
    await expect(page.locator('.backtest-status .status-msg')).toHaveText('Backtest reset');
    expect(resets).toHaveLength(1);
    expect((await api.get('/backtest')).status).toBe('not_started');

    // Both runs, filtered down by their notes and loaded at once, side by side: one column each. The second
    // is loaded already (picked up above), so only the first is read.
    const second = (await api.get('/backtest/history')).find(
      (e: any) => e.filename !== mine.filename && !storedBefore.some((b) => b.filename === e.filename),
    );
    await api.patch(`/backtest/history/${second.filename}`, { strategy: second.strategy, notes: `${tag} second run` });
    await page.locator('#tab-history').click();
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByLabel('Filter stored results').fill(tag);
    await expect(storedRows).toHaveCount(2);
    const resultReads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/backtest/history/result')) resultReads.push(r.url());
    });
    await page.getByRole('button', { name: 'Load the 2 shown' }).click();
    await expect(page.locator('select[name="result"] option')).toHaveCount(2);
    await expect(page.locator('select[name="result"]')).toContainText('5m');
    expect(resultReads).toHaveLength(1);
    expect(resultReads[0]).toContain(mine.filename);
    await page.locator('#tab-compare').click();
    const compare = page.locator('table[aria-label="Comparison"]');
    await expect(compare.locator('thead th')).toHaveCount(3);
    await expect(compare.locator('tr', { has: page.locator('td', { hasText: /^Trades$/ }) }).locator('td').nth(2)).toHaveText(String(result.total_trades));
    // Both curves on one chart, named in its legend.
    await expect(page.locator('.compare-legend li')).toHaveCount(2);
    await expect(page.locator('.backtest-compare canvas').first()).toBeVisible();

    // ★ Versus live: the 5m result beside Alpha's closed trades of the same period. Every backtest trade is in
    // "both" or "only in the backtest", every live trade of the period in "both" or "only live".
    await page.locator('#tab-versus').click();
    await page.locator('select[aria-label="Trading bot"]').selectOption({ label: 'Alpha' });
    const alphaApi = await BotApi.login(request, bot('alpha'));
    const alphaClosed: any[] = [];
    for (let offset = 0; ; offset += 500) {
      const page_ = (await alphaApi.get(`/trades?limit=500&offset=${offset}`)).trades as any[];
      alphaClosed.push(...page_.filter((t) => !t.is_open));
      if (page_.length < 500) break;
    }
    const inPeriod = alphaClosed.filter((t) => t.open_timestamp >= result.backtest_start_ts && t.open_timestamp < result.backtest_end_ts).length;
    const summary = page.locator('.versus-summary');
    await expect(summary).toContainText('only live', { timeout: 60_000 });
    const [both, onlyBacktest, onlyLive] = ((await summary.innerText()).match(/\d+/g) ?? []).map(Number);
    expect(both + onlyBacktest).toBe(result.total_trades);
    expect(both + onlyLive).toBe(inPeriod);
    await expect(page.locator('table[aria-label="Only in the backtest"] tbody tr')).toHaveCount(Math.min(onlyBacktest, 200));
    await expect(page.locator('table[aria-label="Only live"] tbody tr')).toHaveCount(Math.min(onlyLive, 200));
    await expect(page.locator('.backtest-versus canvas').first()).toBeVisible();

    // Delete the first from the bot's disk: confirmed, one request.
    await page.locator('#tab-history').click();
    await storedRows.filter({ hasText: mine.filename }).click();
    const deletes: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'DELETE' && r.url().includes('/backtest/history/')) deletes.push(r.url());
    });
    await page.getByRole('button', { name: 'Delete…' }).click();
    await page.getByRole('button', { name: 'Delete result' }).click();
    await expect(storedRows.filter({ hasText: mine.filename })).toHaveCount(0);
    expect(deletes).toHaveLength(1);
    expect((await api.get('/backtest/history')).some((e: any) => e.filename === mine.filename)).toBe(false);

    // Abort: a longer run is stopped with one request, and the form is free again.
    await page.locator('#tab-run').click();
    await page.locator('select[name="timeframe"]').selectOption('5m');
    await page.getByRole('button', { name: 'Last 30 days' }).click();
    const aborts: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/backtest/abort')) aborts.push(r.url());
    });
    await page.getByRole('button', { name: 'Start backtest' }).click();
    // Abort is offered once freqtrade has loaded the data (an earlier abort is lost, or fails without a
    // backtest object).
    const abort = page.locator('.backtest-status').getByRole('button', { name: 'Abort' });
    await expect(abort).toBeEnabled({ timeout: 60_000 });
    await abort.click();
    await expect(page.locator('.toast', { hasText: 'Backtest aborted.' })).toBeVisible();
    // Stopped, whatever it had simulated so far (freqtrade may still write a partial result, shown in Analyse).
    await expect.poll(async () => (await api.get('/backtest')).running, { timeout: 60_000 }).toBe(false);
    // Its partial result, if freqtrade wrote one, may still open Analyse after the click: click until the form stays.
    await expect(async () => {
      await page.locator('#tab-run').click();
      await expect(page.getByRole('button', { name: 'Start backtest' })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    expect(aborts).toHaveLength(1);
    expect((await api.get('/backtest')).running).toBe(false);

    // Nothing trading was asked of the webserver.
    const asked = requests.filter((u) => u.startsWith(hist.url) && TRADING.test(u));
    expect(asked, 'trading endpoints asked of a webserver').toEqual([]);
  });
});
