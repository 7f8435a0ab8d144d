import { Page } from '@playwright/test';

import { test, expect, bot, login, BotApi, UI_ORIGIN, BotInfo, BOTS_KEY } from './helpers';
import {
  IMITATION_PORT,
  SLOWPROXY_PORT,
  Proc,
  control,
  resetStats,
  startImitation,
  startSlowProxy,
  stats,
} from './imitation';

// Every test here also fails on any panic (helpers.ts `panics`): that is the point of most of them.

/** Clicks a navbar link, and another one within the same animation frame: the first page is left mid-load. */
async function leaveWithinOneFrame(page: Page, first: string, then: string) {
  await page.evaluate(
    async ([a, b]) => {
      const link = (name: string) =>
        [...document.querySelectorAll<HTMLAnchorElement>('nav.nav-links a')].find((l) => l.textContent === name);
      link(a)?.click();
      await new Promise<void>((done) =>
        requestAnimationFrame(() => {
          link(b)?.click();
          done();
        }),
      );
    },
    [first, then],
  );
}

test('leaving Trade, Chart and Dashboard within one frame of their loads, 20 times each, panics nowhere', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Alpha' });
  for (let i = 0; i < 20; i++) {
    for (const name of ['Trade', 'Chart', 'Dashboard']) {
      await leaveWithinOneFrame(page, name, i % 2 ? 'Settings' : 'Logs');
      // Let the abandoned page's answers, timers and frames arrive.
      await page.waitForTimeout(60);
    }
  }
  // The late answers of the last round, then the app still answers a click.
  await page.waitForTimeout(2_000);
  await page.locator('header').getByRole('link', { name: 'Trade', exact: true }).click();
  await expect(page.locator('.bot-summary')).toContainText('SampleStrategy');
});

test('a stored bot whose session ended and whose URL does not answer stays "login required", no flapping', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Gone' });
  await page.evaluate((key) => {
    const doc = JSON.parse(localStorage.getItem(key) ?? '{}');
    doc.bots[0].tokens = null;
    doc.bots[0].url = 'http://127.0.0.1:9'; // nothing listens there
    localStorage.setItem(key, JSON.stringify(doc));
  }, BOTS_KEY);
  await page.reload();
  const badge = page.locator('header .bot-badge');
  await expect(badge).toHaveAttribute('data-status', 'login required');
  const seen = new Set<string>();
  for (let i = 0; i < 20; i++) {
    seen.add((await badge.getAttribute('data-status')) ?? '');
    await page.waitForTimeout(500);
  }
  expect([...seen]).toEqual(['login required']);
  await expect(page.getByRole('heading', { name: 'Login required' })).toBeVisible();
});

test.describe('a real bot behind a slow proxy', () => {
  let proxy: Proc;
  const beta = bot('beta');
  test.beforeAll(async () => {
    proxy = await startSlowProxy(SLOWPROXY_PORT, beta.port, {});
  });
  test.afterAll(async () => {
    await proxy?.stop();
  });

  test('Stop confirmed and the page left before the bot answers: one request, the toast still appears', async ({ page, request }) => {
    const api = await BotApi.login(request, beta);
    const viaProxy: BotInfo = { ...beta, url: `http://127.0.0.1:${SLOWPROXY_PORT}` };
    try {
      await login(page, viaProxy, { name: 'Slow beta' });
      const summary = page.locator('.bot-summary');
      await expect(summary.locator('.state-badge')).toHaveText('running');
      await control(SLOWPROXY_PORT, { delay_paths: { '/api/v1/stop': 4 } });
      await resetStats(SLOWPROXY_PORT);

      await summary.getByRole('button', { name: 'Stop', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Stop', exact: true }).click();
      // Gone before the answer: the action belongs to the bot's session, not to this page.
      await page.locator('header').getByRole('link', { name: 'Settings', exact: true }).click();
      await expect(page).toHaveURL(/\/settings$/);
      await expect(page.locator('.toast', { hasText: 'stopping trader' })).toBeVisible({ timeout: 15_000 });
      expect((await stats(SLOWPROXY_PORT)).requests['/api/v1/stop']).toBe(1);
      expect((await api.get('/show_config')).state).toBe('stopped');
    } finally {
      await control(SLOWPROXY_PORT, {});
      await api.post('/start');
    }
  });
});

test.describe('against a bot imitation', () => {
  let imitation: Proc;
  const fake: BotInfo = {
    name: 'imitation',
    url: `http://127.0.0.1:${IMITATION_PORT}`,
    port: IMITATION_PORT,
    username: 'freqtrader',
    password: 'anything',
  };
  test.beforeAll(async () => {
    imitation = await startImitation(IMITATION_PORT, UI_ORIGIN);
  });
  test.afterAll(async () => {
    await imitation?.stop();
  });
  test.beforeEach(async () => {
    await control(IMITATION_PORT, {});
    await resetStats(IMITATION_PORT);
  });

  test('a slow bot is "slow", never "offline", and each endpoint has at most one request in flight', async ({ page }) => {
    await login(page, fake, { name: 'Slow one' });
    await control(IMITATION_PORT, { delay_s: 7 });
    await resetStats(IMITATION_PORT);
    const badge = page.locator('header .bot-badge');
    const seen = new Set<string>();
    const until = Date.now() + 40_000;
    while (Date.now() < until) {
      seen.add((await badge.getAttribute('data-status')) ?? '');
      await page.waitForTimeout(500);
    }
    expect([...seen]).toContain('slow');
    expect([...seen]).not.toContain('offline');
    await expect(badge).toHaveAttribute('title', /answers, but slowly/);
    const s = await stats(IMITATION_PORT);
    expect(s.requests['/api/v1/status'] ?? 0, 'the open trades were polled meanwhile').toBeGreaterThan(0);
    for (const [path, most] of Object.entries(s.max_in_flight)) {
      expect(most, `requests in flight at once for ${path}`).toBeLessThanOrEqual(1);
    }
  });

  test('a bot whose total_trades never ends is read to a bounded number of pages, and says so', async ({ page }) => {
    await control(IMITATION_PORT, { endless_paging: true });
    await login(page, fake, { name: 'Endless' });
    await expect(page.locator('.toast', { hasText: /Showing the first \d+ closed trades/ })).toBeVisible({ timeout: 60_000 });
    const pages = (await stats(IMITATION_PORT)).requests['/api/v1/trades'];
    await page.waitForTimeout(3_000);
    const later = (await stats(IMITATION_PORT)).requests['/api/v1/trades'];
    expect(later, 'no further pages after the cap').toBe(pages);
    expect(pages).toBeLessThanOrEqual(100);
  });

  test('a websocket that answers 404: no token refresh storm, polling goes on, and the proxy fix is shown', async ({ page }) => {
    await control(IMITATION_PORT, { ws: '404' });
    await login(page, fake, { name: 'No upgrade' });
    const socket = page.locator('header .bot-badge .socket-state');
    await expect(socket).toHaveAttribute('data-socket', 'unavailable', { timeout: 30_000 });
    await expect(page.locator('.toast', { hasText: 'Live updates are off' })).toBeVisible();
    const atGiveUp = await stats(IMITATION_PORT);
    expect(atGiveUp.ws_attempts).toBe(3);
    await page.waitForTimeout(12_000);
    const later = await stats(IMITATION_PORT);
    expect(later.ws_attempts, 'no handshake after giving up').toBe(3);
    expect(later.refresh, 'the bot never refused the token: nothing to refresh').toBe(0);
    expect(later.requests['/api/v1/status'], 'polling goes on').toBeGreaterThan(atGiveUp.requests['/api/v1/status'] ?? 0);
    // The bot list (the brand link) explains it with the nginx lines.
    await page.locator('header a.brand').click();
    await expect(page.locator('.ws-help')).toContainText('proxy_set_header Upgrade $http_upgrade;');
  });

  test('an answer cut mid-way is "the bot closed the connection", not CORS', async ({ page }) => {
    await login(page, fake, { name: 'Cut' });
    await control(IMITATION_PORT, { cut_paths: ['/api/v1/status', '/api/v1/count'] });
    const notice = page.getByRole('alert');
    await expect(notice).toContainText('closed the connection', { timeout: 20_000 });
    await expect(notice).not.toContainText('CORS');
  });

  test('many open trades: 100 rows, then "show more" twice; a list answer over 512 KB is decoded in slices', async ({ page }) => {
    // 250 imitated open trades are about 0.55 MB of /status: the sliced decoding path (api::wire::slices).
    await control(IMITATION_PORT, { big: { open: 250, closed: 10, pairs: 40, logs: 10 } });
    await login(page, fake, { name: 'Many' });
    const rows = page.locator('table.open-trades-table tbody tr');
    await expect(page.locator('.open-trade-count')).toContainText('Open trades 250 / max 260');
    await expect(rows).toHaveCount(100);
    await page.getByRole('button', { name: 'Show 100 more (100 of 250 shown)' }).click();
    await expect(rows).toHaveCount(200);
    await page.getByRole('button', { name: 'Show 50 more (200 of 250 shown)' }).click();
    await expect(rows).toHaveCount(250);
    await expect(page.locator('.show-more')).toHaveCount(0);
  });

  test('a whitelist of 1,500 pairs: the pair list draws the rows in view, scrolls to the last and filters', async ({ page }) => {
    await control(IMITATION_PORT, { big: { open: 5, closed: 0, pairs: 1_500, logs: 0 } });
    await login(page, fake, { name: 'Wide' });
    const list = page.locator('.pair-list');
    const rows = list.locator('.pair-row');
    await expect(list.locator('.pair-count')).toHaveText('1500');
    await expect(rows.first()).toHaveText(/P0001\/USDT/);
    // Only the rows in view and a margin are in the DOM, not 1,500.
    const drawn = await rows.count();
    expect(drawn).toBeGreaterThan(5);
    expect(drawn).toBeLessThan(80);
    // The scroller has the height of every row: scrolled to its end, it shows the last pair.
    await list.scrollIntoViewIfNeeded();
    await list.locator('.pair-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const last = list.locator('.pair-row', { hasText: 'P1500/USDT' });
    await expect(last).toBeInViewport();
    await last.click();
    await expect(last).toHaveClass(/selected/);
    expect(await rows.count()).toBeLessThan(80);
    // The filter finds pairs anywhere in the list.
    await list.getByLabel('Filter pairs').fill('p074');
    await expect(list.locator('.pair-count')).toHaveText('10 of 1500');
    await expect(list.locator('.pair-name')).toHaveText(Array.from({ length: 10 }, (_, i) => `P074${i}/USDT`));
    await list.getByLabel('Filter pairs').fill('nothing');
    await expect(list.getByText('No pair matches the filter.')).toBeVisible();
  });

  test('a refused token is renewed once, then the calls go on', async ({ page }) => {
    await login(page, fake, { name: 'Renewed' });
    await expect(page.locator('.bot-summary')).toBeVisible();
    await control(IMITATION_PORT, { token_bad: true });
    await resetStats(IMITATION_PORT);
    await page.locator('header').getByRole('link', { name: 'Trade', exact: true }).click();
    await expect.poll(async () => (await stats(IMITATION_PORT)).refresh, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    await page.waitForTimeout(6_000);
    expect((await stats(IMITATION_PORT)).refresh, 'one renewal for every refused call').toBe(1);
    await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');
  });
});
