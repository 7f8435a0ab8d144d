import type { APIRequestContext, Locator, Page } from '@playwright/test';

import { test, expect, bot, login, BotInfo } from './helpers';

/**
 * The Trade page's information panels (one tab each) and the Logs page, against a real dry-run bot.
 * Every test undoes what it did on the bot: trades it opens are exited, locks and blacklist entries it adds are
 * removed, and the "Auto lock" freqtrade puts on a pair after its trade closes is lifted again.
 */
const BOT = 'alpha';
const BOT_LABEL = 'Alpha';
const XSS = '<img src=x onerror=alert(1)>';

/** The bot's REST API, called directly for setup, checks and cleanup. */
class Api {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly b: BotInfo,
    private readonly token: string,
  ) {}

  static async login(request: APIRequestContext): Promise<Api> {
    const b = bot(BOT);
    const basic = Buffer.from(`${b.username}:${b.password}`).toString('base64');
    const r = await request.post(`${b.url}/api/v1/token/login`, { headers: { Authorization: `Basic ${basic}` } });
    expect(r.ok(), 'token/login').toBeTruthy();
    return new Api(request, b, (await r.json()).access_token);
  }

  private url(path: string) {
    return `${this.b.url}/api/v1${path}`;
  }

  private headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async get(path: string): Promise<any> {
    const r = await this.request.get(this.url(path), { headers: this.headers() });
    expect(r.ok(), `GET ${path}: ${r.status()}`).toBeTruthy();
    return r.json();
  }

  async post(path: string, body: unknown): Promise<any> {
    const r = await this.request.post(this.url(path), { headers: this.headers(), data: body });
    const text = await r.text();
    expect(r.ok(), `POST ${path}: ${r.status()} ${text}`).toBeTruthy();
    return JSON.parse(text);
  }

  async delete(path: string): Promise<void> {
    await this.request.delete(this.url(path), { headers: this.headers() });
  }

  async until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      expect(Date.now() < deadline, `timed out waiting for ${what}`).toBeTruthy();
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Opens a trade on a whitelisted pair without one (ETH/USDT when free), waits for the fill, exits it and waits
   *  until it is closed. Returns the pair and the trade id. */
  async closedTrade(entryTag?: string): Promise<{ pair: string; id: number }> {
    const open: string[] = (await this.get('/status')).map((t: any) => t.pair);
    const whitelist: string[] = (await this.get('/whitelist')).whitelist;
    const pair = ['ETH/USDT', ...whitelist].find((p) => whitelist.includes(p) && !open.includes(p));
    expect(pair, 'a whitelisted pair without an open trade').toBeTruthy();
    const trade = await this.post('/forceenter', entryTag ? { pair, entry_tag: entryTag } : { pair });
    const id: number = trade.trade_id;
    expect(id, 'forceenter opened a trade').toBeTruthy();
    await this.until('the entry to fill', async () => {
      const t = (await this.get('/status')).find((t: any) => t.trade_id === id);
      return t && !t.has_open_orders ? t : undefined;
    });
    await this.post('/forceexit', { tradeid: String(id) });
    await this.until('the trade to close', async () =>
      (await this.get('/status')).some((t: any) => t.trade_id === id) ? undefined : true,
    );
    return { pair: pair!, id };
  }

  /** Exits the given trades if they are still open (a failed test must not leave them behind). */
  async exitIfOpen(ids: number[]) {
    const open = (await this.get('/status')).filter((t: any) => ids.includes(t.trade_id));
    for (const t of open) await this.request.post(this.url('/forceexit'), { headers: this.headers(), data: { tradeid: String(t.trade_id) } });
  }

  /** Deletes the active locks that `match`. */
  async deleteLocks(match: (lock: any) => boolean) {
    const { locks } = await this.get('/locks');
    for (const lock of locks.filter(match)) await this.delete(`/locks/${lock.id}`);
  }

  async blacklistRemove(pairs: string[]) {
    const query = pairs.map((p) => `pairs_to_delete=${encodeURIComponent(p)}`).join('&');
    await this.delete(`/blacklist?${query}`);
  }
}

/** Lifts the auto locks freqtrade put on `pairs` after trades closed during the test. */
async function liftAutoLocks(api: Api, pairs: string[], since: number) {
  await api.deleteLocks((l) => pairs.includes(l.pair) && l.reason === 'Auto lock' && l.lock_timestamp >= since - 1_000);
}

async function openCockpit(page: Page) {
  await login(page, bot(BOT), { name: BOT_LABEL });
  await expect(page).toHaveURL(/\/trade$/);
}

/** Clicks a cockpit tab and returns its panel. */
async function openTab(page: Page, name: string): Promise<Locator> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  return page.getByRole('tabpanel');
}

/** The value next to a label in a panel's key/value list. */
function metric(panel: Locator, label: string): Locator {
  return panel.locator('dl.kv > div').filter({ has: panel.page().locator('dt', { hasText: label }) }).locator('dd');
}

test('a closed trade shows up in the profit, performance, stats, periods and balance panels', async ({ page, request }) => {
  const api = await Api.login(request);
  const started = Date.now();
  let trade: { pair: string; id: number } | undefined;
  try {
    trade = await api.closedTrade();
    const config = await api.get('/show_config');
    const decimals: number = config.stake_currency_decimals ?? 3;
    await openCockpit(page);

    const profitPanel = await openTab(page, 'Profit');
    const profit = await api.get('/profit');
    expect(profit.closed_trade_count).toBeGreaterThan(0);
    await expect(profitPanel.locator('.closed-trade-count')).toHaveText(String(profit.closed_trade_count));
    const closedAbs = profitPanel.locator('table.profit-totals tbody tr').first().locator('td').first();
    await expect(closedAbs).toHaveText(Number(profit.profit_closed_coin).toFixed(decimals).replace(/^-(0\.0*)$/, '$1'));
    const draws = profit.closed_trade_count - profit.winning_trades - profit.losing_trades;
    await expect(metric(profitPanel, 'Wins / draws / losses')).toHaveText(`${profit.winning_trades} / ${draws} / ${profit.losing_trades}`);
    await expect(metric(profitPanel, 'Best pair')).toContainText(profit.best_pair);
    await expect(metric(profitPanel, 'Bot started')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    await expect(metric(profitPanel, 'Profit factor')).not.toHaveText('');

    const perf = await openTab(page, 'Performance');
    await expect(perf.locator('table.performance td.key', { hasText: trade.pair })).toBeVisible();
    await perf.getByLabel('Group by', { exact: true }).selectOption({ label: 'Exit reasons' });
    await expect(perf.locator('table.performance th').first()).toHaveText('Exit reason');
    await expect(perf.locator('table.performance td.key', { hasText: 'force_exit' })).toBeVisible();
    // One pair only: the entry tags of that pair's trades.
    await perf.getByLabel('Group by', { exact: true }).selectOption({ label: 'Entry tags' });
    await perf.getByLabel('Pair', { exact: true }).selectOption(trade.pair);
    await expect(perf.locator('table.performance td.key', { hasText: 'force_entry' })).toBeVisible();

    const stats = await openTab(page, 'Stats');
    const forceExit = stats.locator('table.exit-reasons tr', { hasText: 'force_exit' });
    await expect(forceExit).toBeVisible();
    await expect(stats.locator('dl.trade-durations')).toContainText('Losing trades');

    const periods = await openTab(page, 'Periods');
    await expect(periods.locator('table.periods tbody tr')).toHaveCount(7);
    const today = new Date().toISOString().slice(0, 10);
    const todayRow = periods.locator('table.periods tbody tr', { hasText: today });
    await expect(todayRow.locator('td').last()).not.toHaveText('0');
    await periods.getByLabel('Period', { exact: true }).selectOption({ label: 'Weeks' });
    await expect(periods.getByLabel('Show last', { exact: true })).toHaveValue('4');
    await expect(periods.locator('table.periods tbody tr')).toHaveCount(4);
    // Any count, not only the suggested ones.
    await periods.getByLabel('Show last', { exact: true }).fill('9');
    await periods.getByLabel('Show last', { exact: true }).press('Enter');
    await expect(periods.locator('table.periods tbody tr')).toHaveCount(9);
    // Not a count: the one in use stays.
    await periods.getByLabel('Show last', { exact: true }).fill('0');
    await periods.getByLabel('Show last', { exact: true }).press('Enter');
    await expect(periods.getByLabel('Show last', { exact: true })).toHaveValue('9');
    await expect(periods.locator('table.periods tbody tr')).toHaveCount(9);

    const balance = await openTab(page, 'Balance');
    await expect(balance.locator('.panel-head h2')).toContainText('(dry)');
    await expect(balance.locator('table.balances td', { hasText: /^USDT$/ })).toBeVisible();
    await expect(metric(balance, 'Stake currency')).toHaveText('USDT');
    await expect(metric(balance, 'Starting capital')).toContainText('USDT');
  } finally {
    if (trade) {
      await api.exitIfOpen([trade.id]);
      await liftAutoLocks(api, [trade.pair], started);
    }
  }
});

test('blacklist: add two pairs at once, remove one of them', async ({ page, request }) => {
  const api = await Api.login(request);
  const pairs = ['BNB/USDT', 'DOGE/USDT'];
  await api.blacklistRemove(pairs);
  try {
    await openCockpit(page);
    const panel = await openTab(page, 'Pairs');
    const whitelist = panel.getByRole('region', { name: 'Whitelist' });
    await expect(whitelist).toContainText('StaticPairList');
    await expect(whitelist.locator('.pair-chips li')).toHaveCount((await api.get('/whitelist')).whitelist.length);

    const blacklist = panel.getByRole('region', { name: 'Blacklist' });
    const input = blacklist.getByLabel('Pairs to blacklist', { exact: true });
    await input.fill(' BNB/USDT,  DOGE/USDT ');
    await blacklist.getByRole('button', { name: 'Add to blacklist' }).click();
    for (const p of pairs) await expect(blacklist.getByRole('checkbox', { name: p, exact: true })).toBeVisible();
    await expect(input).toHaveValue('');
    expect((await api.get('/blacklist')).blacklist).toEqual(expect.arrayContaining(pairs));

    const remove = blacklist.getByRole('button', { name: 'Remove selected', exact: true });
    await expect(remove).toBeDisabled();
    await blacklist.getByRole('checkbox', { name: 'DOGE/USDT', exact: true }).check();
    await expect(blacklist.locator('.selected-count')).toHaveText('1 selected');
    // Removal is confirmed first: cancelling sends nothing.
    await remove.click();
    const dialog = page.getByRole('dialog', { name: 'Remove selected' });
    await expect(dialog).toContainText('Remove DOGE/USDT from the blacklist?');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await api.get('/blacklist')).blacklist).toContain('DOGE/USDT');
    await remove.click();
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(blacklist.getByRole('checkbox', { name: 'DOGE/USDT', exact: true })).toHaveCount(0);
    await expect(blacklist.getByRole('checkbox', { name: 'BNB/USDT', exact: true })).toBeVisible();
    const after: string[] = (await api.get('/blacklist')).blacklist;
    expect(after).toContain('BNB/USDT');
    expect(after).not.toContain('DOGE/USDT');
  } finally {
    await api.blacklistRemove(pairs);
  }
});

test('a blacklisted name with a right-to-left override shows the control as a mark, also in the confirmation', async ({ page, request }) => {
  const api = await Api.login(request);
  // Looks like "BTC/USDT" when the override is applied.
  const hostile = '\u202eTDSU/CTB';
  await api.blacklistRemove([hostile]);
  try {
    await api.post('/blacklist', { blacklist: [hostile] });
    await openCockpit(page);
    const blacklist = (await openTab(page, 'Pairs')).getByRole('region', { name: 'Blacklist' });
    await expect(blacklist.locator('.pair-name', { hasText: 'TDSU/CTB' })).toHaveText('⟨U+202E⟩TDSU/CTB');
    await blacklist.getByRole('checkbox', { name: '⟨U+202E⟩TDSU/CTB', exact: true }).check();
    await blacklist.getByRole('button', { name: 'Remove selected', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Remove selected' })).toContainText('Remove ⟨U+202E⟩TDSU/CTB from');
  } finally {
    await api.blacklistRemove([hostile]);
  }
});

test('locks: lock a pair from the form, see it listed, delete it', async ({ page, request }) => {
  const api = await Api.login(request);
  const reason = `e2e lock ${Date.now()}`;
  const pair = 'XRP/USDT';
  try {
    await openCockpit(page);
    const panel = await openTab(page, 'Locks');
    const form = panel.getByRole('form', { name: 'Lock a pair' });
    const untilMs = Date.now() + 2 * 3_600_000;
    const until = new Date(untilMs).toISOString().slice(0, 16);
    await form.getByLabel('Pair', { exact: true }).selectOption(pair);
    await form.getByLabel('Until (UTC)', { exact: true }).fill(until);
    await form.getByLabel('Side', { exact: true }).selectOption({ label: 'Long' });
    await form.getByLabel('Reason', { exact: true }).fill(reason);
    await expect(form).toContainText('rounds it up to the start of the next candle');
    await form.getByRole('button', { name: 'Lock pair' }).click();

    const row = panel.locator('table.locks tbody tr', { hasText: reason });
    await expect(row).toBeVisible();
    await expect(row).toContainText(pair);
    await expect(row).toContainText('long');
    const lock = (await api.get('/locks')).locks.find((l: any) => l.reason === reason);
    expect(lock, 'the lock on the bot').toBeTruthy();
    expect(lock.pair).toBe(pair);
    expect(lock.side).toBe('long');
    // Read as UTC, then rounded up to the next 5 m candle by the bot.
    const minute = Math.floor(untilMs / 60_000) * 60_000;
    expect(lock.lock_end_timestamp).toBeGreaterThanOrEqual(minute);
    expect(lock.lock_end_timestamp).toBeLessThanOrEqual(minute + 5 * 60_000);
    await expect(row.locator('td').nth(2)).toHaveText(new Date(lock.lock_end_timestamp).toISOString().slice(0, 19).replace('T', ' '));

    await row.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete' });
    await expect(dialog).toContainText(`Delete the lock on ${pair} (${reason})?`);
    await dialog.getByRole('button', { name: 'Delete lock' }).click();
    await expect(row).toHaveCount(0);
    expect((await api.get('/locks')).locks.some((l: any) => l.reason === reason)).toBeFalsy();
  } finally {
    await api.deleteLocks((l) => l.reason === reason);
  }
});

test('a lock time in the past is refused before anything is sent', async ({ page }) => {
  await openCockpit(page);
  const panel = await openTab(page, 'Locks');
  const form = panel.getByRole('form', { name: 'Lock a pair' });
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/locks')) posted = true;
  });
  await form.getByLabel('Until (UTC)', { exact: true }).fill('2020-01-01T00:00');
  await form.getByRole('button', { name: 'Lock pair' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose a time in the future.');
  expect(posted).toBeFalsy();
});

test('logs: bot lines with filters, reload and auto-refresh; markup in a log line stays text', async ({ page, request }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const api = await Api.login(request);
  const started = Date.now();
  let trade: { pair: string; id: number } | undefined;
  try {
    // freqtrade logs the entry tag ("Sending rpc message: {... 'enter_tag': '<img …>' ...}").
    trade = await api.closedTrade(XSS);
    await openCockpit(page);
    await page.getByRole('link', { name: 'Logs', exact: true }).click();
    await expect(page).toHaveURL(/\/logs$/);

    const table = page.locator('table.logs');
    await expect(table.locator('tbody tr').first()).toBeVisible();
    await expect(table.locator('th').first()).toHaveText('Time (UTC)');
    await expect(table.locator('td.log-logger', { hasText: /^freqtrade\./ }).first()).toBeVisible();
    await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    await page.getByLabel('Search', { exact: true }).fill('onerror');
    const hit = table.locator('td.msg', { hasText: XSS });
    await expect(hit.first()).toBeVisible();
    expect(await hit.first().textContent()).toContain(XSS);
    await expect(page.locator('img')).toHaveCount(0);

    // Level filter: warnings and above only.
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.getByLabel('Level', { exact: true }).selectOption({ label: 'Warnings and above' });
    await expect(table.locator('td.log-level', { hasText: /^(INFO|DEBUG)$/ })).toHaveCount(0);
    for (const l of await table.locator('td.log-level').allTextContents()) expect(['WARNING', 'ERROR', 'CRITICAL']).toContain(l);
    await page.getByLabel('Level', { exact: true }).selectOption({ label: 'All levels' });
    await expect(table.locator('td.log-level', { hasText: 'INFO' }).first()).toBeVisible();

    const logCalls = () => {
      let n = 0;
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/logs')) n += 1;
      });
      return () => n;
    };
    const calls = logCalls();
    await page.getByRole('button', { name: 'Reload logs' }).click();
    await expect.poll(calls).toBeGreaterThanOrEqual(1);

    // Every line the bot keeps: no limit in the request.
    const all = page.waitForRequest((r) => r.url().includes('/api/v1/logs'));
    await page.getByLabel('Lines', { exact: true }).selectOption({ label: 'All the bot keeps' });
    expect(new URL((await all).url()).searchParams.has('limit')).toBe(false);
    await expect(page.locator('.log-count')).toHaveText(/^Showing (\d+) of \1 lines/);
    await page.getByLabel('Lines', { exact: true }).selectOption('200');

    const auto = page.getByLabel('Auto-refresh every 5 s', { exact: true });
    await auto.check();
    const before = calls();
    await expect.poll(calls, { timeout: 12_000 }).toBeGreaterThanOrEqual(before + 2);
    await auto.uncheck();
    const stopped = calls();
    await page.waitForTimeout(6_000);
    expect(calls()).toBe(stopped);

    // The tag is text in the Performance panel too.
    await page.getByRole('link', { name: 'Trade', exact: true }).click();
    const perf = await openTab(page, 'Performance');
    await perf.getByLabel('Group by', { exact: true }).selectOption({ label: 'Entry tags' });
    await expect(perf.locator('td.key', { hasText: XSS })).toBeVisible();
    await expect(page.locator('img')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  } finally {
    if (trade) {
      await api.exitIfOpen([trade.id]);
      await liftAutoLocks(api, [trade.pair], started);
    }
  }
});

test('system: version, health and load; Edge is reported as not enabled', async ({ page, request }) => {
  const api = await Api.login(request);
  const { version } = await api.get('/version');
  await openCockpit(page);
  const panel = await openTab(page, 'System');
  await expect(panel.locator('.bot-version')).toHaveText(version);
  await expect(panel.locator('.last-loop')).toContainText(/Last loop: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(\d+s ago\)/);
  await expect(panel.locator('.last-loop')).not.toHaveClass(/stale/);
  await expect(panel.locator('.health-warning')).toHaveCount(0);
  await expect(panel.locator('.cpu-avg')).toHaveText(/^\d+(\.\d)? %$/);
  await expect(panel.locator('.ram')).toHaveText(/^\d+(\.\d)? %$/);
  await expect(panel.locator('.cpu-cores li').first()).toContainText('CPU 0:');
  const edge = panel.getByRole('region', { name: 'Edge' });
  await expect(edge).toContainText('Edge is not enabled on this bot.');
  await expect(edge.getByRole('alert')).toHaveCount(0);
});

test('every panel and the Logs page fit a 375 px wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await openCockpit(page);
  for (const name of ['Profit', 'Performance', 'Stats', 'Balance', 'Periods', 'Pairs', 'Locks', 'Strategy', 'System']) {
    const panel = await openTab(page, name);
    await expect(panel.locator('.panel-loading')).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `page-wide horizontal scroll on the ${name} tab`).toBeLessThanOrEqual(0);
  }
  // At this width the navigation is behind the menu button.
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Logs', exact: true }).click();
  await expect(page.locator('table.logs tbody tr').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'page-wide horizontal scroll on the Logs page').toBeLessThanOrEqual(0);
});
