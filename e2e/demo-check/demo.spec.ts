import { test, expect } from '../tests/helpers';

/**
 * Run by e2e/demo-check.sh against the README's demo, started from a fresh clone: log in with the credentials
 * the demo printed, see the bot online and its seeded history on the Trade page and the Dashboard.
 */
const url = process.env.DEMO_API_URL ?? '';
const username = process.env.DEMO_USERNAME ?? '';
const password = process.env.DEMO_PASSWORD ?? '';

test('the demo bot logs in with the printed credentials and shows its history', async ({ page }) => {
  expect(url, 'the demo printed an API URL').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await page.goto('/login');
  await page.getByLabel('Bot name').fill('Demo');
  await page.getByLabel('API URL').fill(url);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');

  // Open trades and a history from the first minute (seeded into the bot's database before it started).
  await expect(page).toHaveURL(/\/trade$/);
  await expect(page.locator('.open-trades-table tbody tr[data-trade-id]')).toHaveCount(3, { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Closed trades' }).click();
  await expect(page.locator('.closed-count')).toHaveText(/^\d+ closed trades$/, { timeout: 30_000 });
  const closed = Number((await page.locator('.closed-count').innerText()).split(' ')[0]);
  expect(closed).toBeGreaterThanOrEqual(60);

  // The Dashboard draws the history: every profit chart has data.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  for (const kind of ['cumulative', 'periods', 'distribution', 'trades-log']) {
    await expect(page.locator(`.profit-card[data-chart="${kind}"] .profit-chart`), kind).toHaveAttribute(
      'data-state',
      'drawn',
      { timeout: 30_000 },
    );
  }
});
