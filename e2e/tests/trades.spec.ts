import type { APIRequestContext, Locator, Page } from '@playwright/test';

import { test, expect, bot, login, BotInfo } from './helpers';
import { SIM_PORT, HISTORY_CLOSED_TRADES } from './env';

const botInfo = bot;

/**
 * Trade tables, trade actions and the trade page against a real dry-run bot (market orders fill at once).
 * Every test starts and ends with no open trade on the bot.
 */
const BOT = 'beta';
const BOT_LABEL = 'Beta';

/** The bot's REST API, called directly (setup, checks and cleanup). */
class BotApi {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly b: BotInfo,
    private readonly token: string,
  ) {}

  static async login(request: APIRequestContext, b: BotInfo): Promise<BotApi> {
    const basic = Buffer.from(`${b.username}:${b.password}`).toString('base64');
    const r = await request.post(`${b.url}/api/v1/token/login`, { headers: { Authorization: `Basic ${basic}` } });
    expect(r.ok(), 'token/login').toBeTruthy();
    return new BotApi(request, b, (await r.json()).access_token);
  }

  private headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async get(path: string): Promise<any> {
    const r = await this.request.get(`${this.b.url}/api/v1${path}`, { headers: this.headers() });
    expect(r.ok(), `GET ${path}: ${r.status()}`).toBeTruthy();
    return r.json();
  }

  async status(path: string): Promise<number> {
    const r = await this.request.get(`${this.b.url}/api/v1${path}`, { headers: this.headers() });
    return r.status();
  }

  async post(path: string, body: unknown): Promise<any> {
    const r = await this.request.post(`${this.b.url}/api/v1${path}`, { headers: this.headers(), data: body });
    const json = await r.json().catch(() => ({}));
    expect(r.ok(), `POST ${path}: ${r.status()} ${JSON.stringify(json)}`).toBeTruthy();
    return json;
  }

  async openTrades(): Promise<any[]> {
    return this.get('/status');
  }

  async openTrade(pair: string): Promise<any> {
    const found = (await this.openTrades()).find((t) => t.pair === pair);
    expect(found, `an open ${pair} trade`).toBeTruthy();
    return found;
  }

  async enter(pair: string): Promise<number> {
    const t = await this.post('/forceenter', { pair });
    expect(t.trade_id, `forceenter ${pair}`).toBeTruthy();
    return t.trade_id;
  }

  /** Exits every open trade (unfilled entries are cancelled) and waits until none is open. */
  async closeAll() {
    const deadline = Date.now() + 30_000;
    while ((await this.openTrades()).length > 0) {
      expect(Date.now() < deadline, 'open trades left after force exit all').toBeTruthy();
      await this.request.post(`${this.b.url}/api/v1/forceexit`, { headers: this.headers(), data: { tradeid: 'all' } });
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  /** Every closed trade, all pages. */
  async closedTrades(): Promise<any[]> {
    const all: any[] = [];
    for (;;) {
      const page = await this.get(`/trades?limit=500&offset=${all.length}`);
      all.push(...page.trades);
      if (page.trades.length === 0 || all.length >= page.total_trades) return all;
    }
  }
}

async function api(request: APIRequestContext) {
  return BotApi.login(request, bot(BOT));
}

test.beforeEach(async ({ request }) => {
  await (await api(request)).closeAll();
});

test.afterEach(async ({ request }) => {
  await (await api(request)).closeAll();
});

async function openCockpit(page: Page) {
  await login(page, bot(BOT), { name: BOT_LABEL });
  await expect(page).toHaveURL(/\/trade$/);
  await expect(page.locator('.open-trade-count')).toBeVisible();
}

function openRow(page: Page, id: number): Locator {
  return page.locator(`.open-trades-table tr[data-trade-id="${id}"]`);
}

function closedRow(page: Page, id: number): Locator {
  return page.locator(`.closed-trades-table tr[data-trade-id="${id}"]`);
}

async function forceEnterUi(page: Page, pair: string, opts: { limitPrice?: number } = {}) {
  const open = page.getByRole('button', { name: 'Force entry', exact: true });
  await expect(open).toBeEnabled();
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Force entry', exact: true });
  await dialog.getByLabel('Pair').selectOption(pair);
  if (opts.limitPrice !== undefined) {
    await dialog.getByLabel('Order type').selectOption('limit');
    await dialog.getByLabel('Price (optional)').fill(String(opts.limitPrice));
  }
  // Enter in a field submits the form.
  await dialog.getByLabel('Price (optional)').press('Enter');
  await expect(dialog).toBeHidden();
}

/** Opens the row's actions dialog. */
async function actions(page: Page, id: number): Promise<Locator> {
  await openRow(page, id).getByRole('button', { name: 'Actions' }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^Actions for trade #${id} `) });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Opens the force-exit dialog of a row. */
async function forceExitDialog(page: Page, id: number): Promise<Locator> {
  const menu = await actions(page, id);
  await menu.getByRole('button', { name: 'Force exit…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Force exit', exact: true });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function cellNumber(cell: Locator): Promise<number> {
  return Number((await cell.innerText()).trim());
}

test('force entry of two pairs, partial exit, full exit into closed trades, force exit all', async ({ page, request }) => {
  const bot = await api(request);
  await openCockpit(page);
  await expect(page.locator('.no-trades')).toHaveText('No open trades.');

  await forceEnterUi(page, 'BTC/USDT');
  await forceEnterUi(page, 'ETH/USDT');
  const btc = await bot.openTrade('BTC/USDT');
  const eth = await bot.openTrade('ETH/USDT');
  for (const t of [btc, eth]) {
    await expect(openRow(page, t.trade_id)).toContainText(t.pair);
    await expect(openRow(page, t.trade_id).locator('.current-rate')).toHaveText(/^\d+(\.\d+)?$/);
  }
  await expect(page.locator('.open-trade-count')).toContainText(/Open trades 2 \/ max 5 · stake in use \d/);

  // Sorting by pair: ascending puts BTC first, aria-sort follows.
  const pairSort = page.locator('.open-trades-table').getByRole('button', { name: /^Pair/ });
  await pairSort.click();
  await expect(page.locator('.open-trades-table th', { hasText: 'Pair' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('.open-trades-table tbody tr').first()).toHaveAttribute('data-trade-id', String(btc.trade_id));
  await pairSort.click();
  await expect(page.locator('.open-trades-table th', { hasText: 'Pair' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('.open-trades-table tbody tr').first()).toHaveAttribute('data-trade-id', String(eth.trade_id));

  // Partial exit: half of BTC.
  const before = await cellNumber(openRow(page, btc.trade_id).locator('.amount'));
  expect(before).toBeCloseTo(btc.amount, 10);
  let dialog = await forceExitDialog(page, btc.trade_id);
  await expect(dialog.getByLabel(/Amount to exit/)).toHaveValue(String(btc.amount));
  await dialog.getByRole('button', { name: '50 %' }).click();
  await expect(dialog).toContainText('(partial exit)');
  await dialog.getByRole('button', { name: 'Exit trade' }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(async () => cellNumber(openRow(page, btc.trade_id).locator('.amount')), { timeout: 20_000 })
    .toBeLessThan(before);
  expect((await bot.openTrade('BTC/USDT')).amount).toBeLessThan(btc.amount);

  // Full exit of ETH: it leaves the open trades and shows in the closed ones with a profit.
  dialog = await forceExitDialog(page, eth.trade_id);
  await dialog.getByRole('button', { name: 'Exit trade' }).click();
  await expect(openRow(page, eth.trade_id)).toHaveCount(0);
  await page.getByRole('tab', { name: 'Closed trades' }).click();
  const closed = closedRow(page, eth.trade_id);
  await expect(closed).toBeVisible();
  await expect(closed.locator('.profit-abs')).toHaveText(/^-?\d+\.\d+$/);
  await expect(closed.locator('.profit-pct')).toHaveText(/^-?\d+\.\d+ %$/);
  await expect(closed).toContainText('force_exit');

  // Force exit all (confirmed).
  await page.getByRole('tab', { name: 'Open trades' }).click();
  await expect(openRow(page, btc.trade_id)).toBeVisible();
  const exits: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/v1/forceexit')) exits.push(r.postData() ?? '');
  });
  await page.getByRole('button', { name: 'Force exit all', exact: true }).click();
  const all = page.getByRole('dialog', { name: 'Force exit all' });
  // The order type: the bot's own (named from its order_types.force_exit), market or limit.
  const orderType = all.getByLabel('Order type');
  await expect(orderType.locator('option')).toHaveText(["The bot's (market)", 'Market', "Limit (at the bot's exit price)"]);
  await orderType.selectOption('market');
  await all.getByRole('button', { name: 'Exit all trades' }).dblclick();
  await expect(page.locator('.no-trades')).toHaveText('No open trades.');
  // One request, however fast the confirm was clicked, with the chosen order type.
  expect(exits.map((b) => JSON.parse(b))).toEqual([{ tradeid: 'all', ordertype: 'market' }]);
  expect(await bot.openTrades()).toEqual([]);
});

test('a limit entry far below the price keeps an open order, and cancelling it removes the trade', async ({ page, request }) => {
  const bot = await api(request);
  const ticker = await (await request.get(`http://127.0.0.1:${SIM_PORT}/api/v3/ticker/price?symbol=SOLUSDT`)).json();
  const limit = Math.round(Number(ticker.price) * 0.5 * 100) / 100;
  await openCockpit(page);
  await forceEnterUi(page, 'SOL/USDT', { limitPrice: limit });
  const sol = await bot.openTrade('SOL/USDT');
  expect(sol.has_open_orders).toBe(true);
  const row = openRow(page, sol.trade_id);
  await expect(row.locator('.open-order-mark')).toBeVisible();

  const menu = await actions(page, sol.trade_id);
  await menu.getByRole('button', { name: 'Cancel open order' }).click();
  await page.getByRole('dialog', { name: 'Cancel open order' }).getByRole('button', { name: 'Yes, cancel the order' }).click();
  // Nothing was filled: freqtrade drops the trade (and says so as an error of the follow-up read).
  await expect(row).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('.toast').last()).toBeVisible();
  console.log(`cancel open order: toast "${await page.locator('.toast').last().innerText()}"`);
  const left = (await bot.openTrades()).filter((t) => t.trade_id === sol.trade_id);
  expect(left.every((t) => !t.has_open_orders)).toBe(true);
});

test('delete a trade (confirmed) and reload one (the answer is a toast)', async ({ page, request }) => {
  const bot = await api(request);
  const doomed = await bot.enter('XRP/USDT');
  const kept = await bot.enter('ETH/USDT');
  await openCockpit(page);
  await expect(openRow(page, doomed)).toBeVisible();

  // Cancel in the confirmation leaves the trade alone.
  let menu = await actions(page, doomed);
  await menu.getByRole('button', { name: 'Delete', exact: true }).click();
  let confirm = page.getByRole('dialog', { name: 'Delete', exact: true });
  await expect(confirm).toContainText(`Delete trade #${doomed} (XRP/USDT)`);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect(await bot.status(`/trade/${doomed}`)).toBe(200);

  await menu.getByRole('button', { name: 'Delete', exact: true }).click();
  confirm = page.getByRole('dialog', { name: 'Delete', exact: true });
  await confirm.getByRole('button', { name: 'Delete trade' }).click();
  await expect(page.locator('.toast', { hasText: `Deleted trade #${doomed}` })).toBeVisible();
  await expect(openRow(page, doomed)).toHaveCount(0);
  expect(await bot.status(`/trade/${doomed}`)).toBe(404);

  menu = await actions(page, kept);
  await menu.getByRole('button', { name: 'Reload', exact: true }).click();
  await page.getByRole('dialog', { name: 'Reload', exact: true }).getByRole('button', { name: 'Reload trade' }).click();
  const toast = page.locator('.toast').last();
  await expect(toast).toBeVisible();
  await expect(toast).toContainText(new RegExp(`Trade #${kept} reloaded|refused|failed|error`, 'i'));
  console.log(`reload: toast "${await toast.innerText()}"`);
});

test('a double click on the force-exit confirm button sends exactly one POST /forceexit', async ({ page, request }) => {
  const bot = await api(request);
  const id = await bot.enter('BTC/USDT');
  await openCockpit(page);
  await expect(openRow(page, id)).toBeVisible();
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/forceexit')) posts.push(r.url());
  });
  const dialog = await forceExitDialog(page, id);
  await dialog.getByRole('button', { name: 'Exit trade' }).dblclick();
  await expect(openRow(page, id)).toHaveCount(0);
  await page.waitForTimeout(1_500);
  expect(posts).toHaveLength(1);
  expect(await bot.openTrades()).toEqual([]);
});

test('the trade page: a reload of /trade/:id shows the trade, its orders and actions; bad ids are explained', async ({
  page,
  request,
}) => {
  const bot = await api(request);
  const id = await bot.enter('SOL/USDT');
  await openCockpit(page);

  // A row click selects the trade: the panel below the table shows it, with a link to its page.
  await openRow(page, id).click();
  const panel = page.locator('.trade-detail-panel');
  await expect(panel).toContainText(`Trade #${id} · SOL/USDT`);
  await expect(panel.locator('.current-rate')).toHaveText(/^\d/);
  await panel.getByRole('link', { name: 'Open trade page' }).click();
  await expect(page).toHaveURL(new RegExp(`/trade/${id}$`));

  await page.reload();
  const main = page.locator('.trade-page');
  await expect(main.getByRole('heading', { level: 1 })).toContainText(`Trade #${id} · SOL/USDT`);
  await expect(main.locator('.trade-state')).toHaveText('open');
  await expect(main.locator('.orders-table tbody tr')).toHaveCount(1);
  await expect(main.locator('.orders-table tbody tr').first()).toContainText('Buy (entry)');
  await expect(main).toContainText('Distance to stoploss');
  await expect(main).toContainText('Unrealized profit');

  await main.getByRole('button', { name: 'Reload', exact: true }).click();
  await page.getByRole('dialog', { name: 'Reload', exact: true }).getByRole('button', { name: 'Reload trade' }).click();
  await expect(page.locator('.toast').last()).toBeVisible();
  console.log(`reload on the trade page: toast "${await page.locator('.toast').last().innerText()}"`);

  // Full exit from the page: the trade stays readable, now closed, with its exit order.
  await main.getByRole('button', { name: 'Force exit…' }).click();
  await page.getByRole('dialog', { name: 'Force exit', exact: true }).getByRole('button', { name: 'Exit trade' }).click();
  await expect(main.locator('.trade-state')).toHaveText('closed', { timeout: 20_000 });
  await expect(main.locator('.orders-table tbody tr')).toHaveCount(2);
  await expect(main).toContainText('force_exit');

  await page.getByRole('link', { name: '← Back to trades' }).click();
  await expect(page).toHaveURL(/\/trade$/);

  await page.goto('/trade/abc');
  await expect(page.getByText('“abc” is not a trade id')).toBeVisible();
  await page.goto('/trade/987654');
  await expect(page.getByText('no trade #987654 (HTTP 404)')).toBeVisible();
});

test('closed trades beyond 500: the last page reaches the oldest trade', async ({ page, request }) => {
  // The `history` bot started with HISTORY_CLOSED_TRADES closed trades seeded into its database (global setup).
  const bot = await BotApi.login(request, botInfo('history'));
  const closed = await bot.closedTrades();
  expect(closed.length).toBeGreaterThanOrEqual(HISTORY_CLOSED_TRADES);
  // The table's default order: newest close first (ties: higher id first), so the last row is the oldest.
  const oldest = [...closed].sort((a, b) => a.close_timestamp - b.close_timestamp || a.trade_id - b.trade_id)[0];
  const minId = Math.min(...closed.map((t) => t.trade_id));
  const pages = Math.ceil(closed.length / 50);

  await login(page, botInfo('history'), { name: 'History' });
  await page.getByRole('tab', { name: 'Closed trades' }).click();
  await expect(page.locator('.closed-count')).toHaveText(`${closed.length} closed trades`, { timeout: 30_000 });
  const label = page.locator('.pager .page-label');
  await expect(label).toHaveText(`page 1 of ${pages}`);
  await expect(page.locator('.closed-trades-table tbody tr')).toHaveCount(50);

  await page.getByRole('button', { name: 'Last', exact: true }).click();
  await expect(label).toHaveText(`page ${pages} of ${pages}`);
  await expect(page.locator('.closed-trades-table tbody tr').last()).toHaveAttribute('data-trade-id', String(oldest.trade_id));
  await expect(page.getByRole('button', { name: 'Next', exact: true })).toBeDisabled();
  await page.getByRole('button', { name: 'Prev', exact: true }).click();
  await expect(label).toHaveText(`page ${pages - 1} of ${pages}`);
  await page.getByRole('button', { name: 'First', exact: true }).click();
  await expect(label).toHaveText(`page 1 of ${pages}`);

  // Sorting by id ascending puts the smallest id first.
  const idHeader = page.locator('.closed-trades-table th', { hasText: 'ID' });
  await idHeader.getByRole('button').click();
  await idHeader.getByRole('button').click();
  await expect(idHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('.closed-trades-table tbody tr').first()).toHaveAttribute('data-trade-id', String(minId));

  // Filters: by pair, and by tag / exit reason (the seeded trades span several pairs).
  const xrp = closed.filter((t) => t.pair === 'XRP/USDT').length;
  expect(xrp).toBeGreaterThan(0);
  expect(xrp).toBeLessThan(closed.length);
  await page.getByLabel('Filter by pair').fill('xrp');
  await expect(page.locator('.closed-count')).toHaveText(`${xrp} of ${closed.length} closed trades match`);
  await expect(label).toHaveText(`page 1 of ${Math.max(1, Math.ceil(xrp / 50))}`);
  await page.getByLabel('Filter by tag or exit reason').fill('no-such-tag');
  await expect(page.locator('.closed-count')).toHaveText(`0 of ${closed.length} closed trades match`);
  await expect(page.getByText('No closed trade matches the filter.')).toBeVisible();
});

/** Elements reaching past the right edge of the viewport (content scrolling inside `.table-wrap` excepted). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = window.innerWidth + 1;
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const wrap = el.closest('.table-wrap');
      if (wrap && wrap !== el) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.right > limit) {
        bad.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} right=${Math.round(r.right)}`);
      }
    }
    if (document.documentElement.scrollWidth > limit) bad.push(`page scrollWidth=${document.documentElement.scrollWidth}`);
    return bad;
  });
}

test('at 375 px wide nothing is wider than the viewport', async ({ page, request }) => {
  const bot = await api(request);
  const id = await bot.enter('BTC/USDT');
  await bot.enter('ETH/USDT');
  await page.setViewportSize({ width: 375, height: 800 });
  await openCockpit(page);
  await expect(openRow(page, id)).toBeVisible();
  expect(await overflowing(page), 'open trades').toEqual([]);

  await openRow(page, id).click();
  await expect(page.locator('.trade-detail-panel')).toBeVisible();
  expect(await overflowing(page), 'detail panel').toEqual([]);

  await page.getByRole('button', { name: 'Force entry', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Force entry', exact: true })).toBeVisible();
  expect(await overflowing(page), 'force entry dialog').toEqual([]);
  await page.getByRole('dialog', { name: 'Force entry', exact: true }).getByRole('button', { name: 'Cancel' }).click();

  const dialog = await forceExitDialog(page, id);
  await dialog.getByLabel('Order type').selectOption('limit');
  expect(await overflowing(page), 'force exit dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog', { name: /^Actions for trade/ }).getByRole('button', { name: 'Close', exact: true }).click();

  await page.getByRole('tab', { name: 'Closed trades' }).click();
  await expect(page.locator('.pager .page-label')).toBeVisible();
  expect(await overflowing(page), 'closed trades').toEqual([]);

  await page.goto(`/trade/${id}`);
  await expect(page.locator('.trade-page .orders-table')).toBeVisible();
  expect(await overflowing(page), 'trade page').toEqual([]);
});
