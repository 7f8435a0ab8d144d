import { test, expect, bot, harness, fillLogin, login, UI_ORIGIN, BOTS_KEY, storeToken } from './helpers';

test('the login form defaults to this origin, logs in, and the navbar shows the bot online', async ({ page }) => {
  const alpha = bot('alpha');
  await page.goto('/login');
  await expect(page.getByLabel('API URL')).toHaveValue(UI_ORIGIN);
  await login(page, alpha, { name: 'Alpha' });
  await expect(page).toHaveURL(/\/trade$/);
  await expect(page.locator('.toast')).toContainText('Logged in.');
  // Real data from the bot's show_config.
  await expect(page.locator('.bot-summary')).toContainText('SampleStrategy');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  expect(stored).toContain('Alpha');
  expect(stored).not.toContain(alpha.password);
});

test('after login, ?redirect= only leads to a page of this app, never to another site', async ({ page }) => {
  const alpha = bot('alpha');
  const cases: [string, string][] = [
    ['/logs', '/logs'],
    ['/trade/1', '/trade/1'],
    ['//evil.example/', '/trade'],
    ['/\\evil.example/', '/trade'],
    ['/\t/evil.example', '/trade'],
    ['https://evil.example/', '/trade'],
    ['/trade/../..//evil.example', '/trade'],
    ['/login', '/trade'],
  ];
  for (const [redirect, landing] of cases) {
    await page.goto(`/login?redirect=${encodeURIComponent(redirect)}`);
    await page.getByLabel('Bot name').fill('Alpha');
    await page.getByLabel('API URL').fill(alpha.url);
    await page.getByLabel('Username').fill(alpha.username);
    await page.getByLabel('Password').fill(alpha.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.locator('header .bot-badge'), redirect).toHaveAttribute('data-status', 'online');
    await expect.poll(() => new URL(page.url()).origin, redirect).toBe(UI_ORIGIN);
    await expect.poll(() => new URL(page.url()).pathname, redirect).toBe(landing);
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
  }
});

test('a wrong password gives the credentials message', async ({ page }) => {
  await fillLogin(page, bot('alpha'), { password: 'not-the-password' });
  await expect(page.getByRole('alert')).toContainText('wrong username or password');
  await expect(page).toHaveURL(/\/login/);
});

test('a bot whose CORS_origins lacks this origin gives the CORS message naming the origin', async ({ page, request }) => {
  const nocors = bot('nocors');
  // The bot is up: the failure below is CORS, not a dead bot.
  const ping = await request.get(`${nocors.url}/api/v1/ping`);
  expect(await ping.json()).toEqual({ status: 'pong' });

  await fillLogin(page, nocors);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('CORS_origins');
  await expect(alert).toContainText(`exactly ${UI_ORIGIN}`);
  await expect(page.locator('.cors-snippet')).toContainText(`"CORS_origins": ["${UI_ORIGIN}"]`);
});

test('remember me off keeps the session in sessionStorage only', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Ephemeral', remember: false });
  const where = await page.evaluate((key) => ({ local: localStorage.getItem(key), session: sessionStorage.getItem(key) }), BOTS_KEY);
  expect(where.session).toContain('Ephemeral');
  expect(where.local ?? '').not.toContain('Ephemeral');
});

test('an expired access token is refreshed with one token/refresh for several parallel calls', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Alpha' });
  await expect(page.locator('.bot-summary')).toContainText('SampleStrategy');

  const expired = harness('mint-token', '--name', 'alpha', '--expired');
  await storeToken(page, 'access', expired);

  const refreshes: string[] = [];
  const unauthorized: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/token/refresh')) refreshes.push(r.url());
  });
  page.on('response', (r) => {
    if (r.status() === 401) unauthorized.push(r.url());
  });
  await page.reload();
  await expect(page.locator('.bot-summary')).toContainText('SampleStrategy');
  await expect(page.locator('.open-trade-count')).toBeVisible();
  // Several calls found the token expired at once, and they shared one refresh.
  expect(unauthorized.length).toBeGreaterThanOrEqual(2);
  expect(refreshes).toHaveLength(1);
  const access = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').bots[0].tokens.access, BOTS_KEY);
  expect(access).not.toBe(expired);
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');
});

test('a refused refresh token ends in "login required", and re-login pre-fills the form', async ({ page }) => {
  const alpha = bot('alpha');
  await login(page, alpha, { name: 'Alpha' });
  const badRefresh = harness('mint-token', '--name', 'alpha', '--expired', '--type', 'refresh');
  const expired = harness('mint-token', '--name', 'alpha', '--expired');
  await page.evaluate(
    ([key, access, refresh]) => {
      const doc = JSON.parse(localStorage.getItem(key) ?? '{}');
      doc.bots[0].tokens = { access, refresh };
      localStorage.setItem(key, JSON.stringify(doc));
    },
    [BOTS_KEY, expired, badRefresh],
  );
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Login required' })).toBeVisible();
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'login required');
  await page.getByRole('link', { name: 'Log in again' }).click();
  await expect(page.getByLabel('Bot name')).toHaveValue('Alpha');
  await expect(page.getByLabel('API URL')).toHaveValue(alpha.url);
  await expect(page.getByLabel('Username')).toHaveValue(alpha.username);
  await expect(page.getByLabel('Password')).toHaveValue('');
  await page.getByLabel('Password').fill(alpha.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');
  // Still one bot: the re-login renewed it instead of adding another.
  await expect(page.locator('#bot-select option')).toHaveCount(1);
});

test('two bots at once: switch, reload keeps both, logout removes one', async ({ page }) => {
  const alpha = bot('alpha');
  const beta = bot('beta');
  await login(page, alpha, { name: 'Alpha' });
  await login(page, beta, { name: 'Beta' });
  // With two bots the login leads to the fleet (the start page); the Trade page shows the selected bot.
  await expect(page).toHaveURL(/\/fleet$/);
  await page.locator('header').getByRole('link', { name: 'Trade', exact: true }).click();
  const summary = page.locator('.bot-summary');
  await expect(summary).toContainText(beta.name);

  await page.locator('#bot-select').selectOption({ label: 'Alpha (online)' });
  await expect(page.locator('header .bot-badge')).toContainText('Alpha');
  await expect(summary).toContainText(alpha.name);

  await page.reload();
  await expect(page.locator('#bot-select option')).toHaveCount(2);
  await expect(page.locator('header .bot-badge')).toContainText('Alpha');
  await expect(summary).toContainText(alpha.name);

  await page.getByRole('link', { name: 'Freqboard' }).first().click();
  const betaRow = page.locator('.bot-row', { hasText: 'Beta' });
  await betaRow.getByRole('button', { name: 'Log out' }).click();
  await betaRow.getByRole('button', { name: 'Yes, log out' }).click();
  await expect(page.locator('.toast')).toContainText('Logged out and removed.');
  await expect(page.locator('.bot-row')).toHaveCount(1);
  await page.reload();
  await expect(page.locator('.bot-row')).toHaveCount(1);
  await expect(page.locator('.bot-row')).toContainText('Alpha');
});

test('bots can be renamed and reordered, and the order survives a reload', async ({ page }) => {
  const alpha = bot('alpha');
  await login(page, alpha, { name: 'Alpha' });
  await login(page, bot('beta'), { name: 'Beta' });
  await page.getByRole('link', { name: 'Freqboard' }).first().click();
  const rows = page.locator('.bot-row .bot-name');
  await expect(rows).toHaveText(['Alpha', 'Beta']);
  await page.locator('.bot-row', { hasText: 'Beta' }).getByRole('button', { name: 'Move up' }).click();
  await expect(rows).toHaveText(['Beta', 'Alpha']);
  // While editing, the name is an input's value, not text: find the row by its URL.
  const alphaRow = page.locator('.bot-row', { hasText: alpha.url });
  await alphaRow.getByRole('button', { name: 'Rename' }).click();
  await alphaRow.getByLabel('New name').fill('Alpha Prime');
  await alphaRow.getByRole('button', { name: 'Save' }).click();
  await page.reload();
  await expect(rows).toHaveText(['Beta', 'Alpha Prime']);
});

test('pages that need a bot send a newcomer to the login form; unknown paths show a 404 page', async ({ page }) => {
  await page.goto('/trade');
  await expect(page).toHaveURL(/\/login\?redirect=%2Ftrade$/);
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('the theme toggle switches and persists', async ({ page }) => {
  await page.goto('/');
  const html = page.locator('html');
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  const first = await html.getAttribute('data-theme');
  expect(['dark', 'light']).toContain(first);
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', first!);
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect(html).toHaveAttribute('data-theme', first === 'dark' ? 'light' : 'dark');
});
