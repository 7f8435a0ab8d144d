import { test, expect, bot, login } from './helpers';

// beta is stopped and paused here, so the other specs trade on alpha; the test leaves beta running.
test('stop, start, pause and reload config are confirmed and show the bot state and its answer', async ({ page }) => {
  await login(page, bot('beta'), { name: 'Beta' });
  const summary = page.locator('.bot-summary');
  const state = summary.locator('.state-badge');
  await expect(state).toHaveText('running');

  const controlRequests: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/api\/v1\/(start|stop|stopbuy|reload_config)$/.test(r.url())) controlRequests.push(r.url());
  });
  const act = async (button: string, confirm = button) => {
    await summary.getByRole('button', { name: button, exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: confirm, exact: true }).click();
  };

  // Cancel sends nothing.
  await summary.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(controlRequests).toHaveLength(0);

  await act('Stop');
  await expect(page.locator('.toast', { hasText: 'stopping trader' })).toBeVisible();
  await expect(state).toHaveText('stopped');

  await act('Start');
  await expect(page.locator('.toast', { hasText: 'starting trader' })).toBeVisible();
  await expect(state).toHaveText('running');

  await act('Pause', 'Pause entries');
  await expect(page.locator('.toast', { hasText: 'no more entries' })).toBeVisible();
  await expect(state).toHaveText('paused');

  await act('Reload config');
  await expect(page.locator('.toast', { hasText: 'Reloading config' })).toBeVisible();
  // A reload clears the pause once the bot has re-read its configuration.
  await expect(state).toHaveText('running', { timeout: 30_000 });
  expect(controlRequests).toHaveLength(4);
});

test('the pair list shows the whitelist and selects a pair', async ({ page }) => {
  await login(page, bot('alpha'), { name: 'Alpha' });
  const pairs = page.locator('.pair-list .pair-name');
  // The whitelist (in an order that depends on open trades and locks: insight.spec checks it).
  await expect(pairs).toHaveCount(4);
  expect((await pairs.allTextContents()).sort()).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT', 'XRP/USDT']);
  const eth = page.locator('.pair-list .pair-row', { hasText: 'ETH/USDT' });
  await eth.click();
  await expect(eth).toHaveClass(/selected/);
});
