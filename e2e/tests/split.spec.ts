import { test, expect, bot, login } from './helpers';

// The release build is split (e2e/deploy/split.mjs, src/pages/split.rs): the cockpit is in the main module, its
// candle chart, its other tabs, the open trades' detail and dialogs, the plot configurator and the other pages are
// modules fetched when they first show.

/** The URLs this document fetched (Resource Timing: network, HTTP cache and service worker alike). */
function fetched(page: import('@playwright/test').Page): Promise<string[]> {
  return page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
}

test('the cockpit fetches its chart module but no other page\'s; a tab or a dialog fetches its module when opened', async ({
  page,
}) => {
  await login(page, bot('alpha'));
  await expect(page).toHaveURL(/\/trade$/);
  await page.reload();
  await expect(page.locator('.cockpit .tab-bar')).toBeVisible();
  await expect(page.locator('.chart-area canvas').first()).toBeVisible();
  let names = await fetched(page);
  expect(names.filter((n) => /-split_live_chart-[0-9a-f]+\.wasm$/.test(n)), names.join('\n')).toHaveLength(1);
  expect(names.filter((n) => /-split_(entry|pages|webserver|cockpit_tabs|trade_tools|plot_configurator)-/.test(n))).toEqual([]);

  // The force-entry dialog's module comes with its first opening; the dialog works as if it had always been there.
  await page.getByRole('button', { name: 'Force entry', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Force entry', exact: true });
  await expect(dialog.getByLabel('Pair')).toBeVisible();
  names = await fetched(page);
  expect(names.filter((n) => /-split_trade_tools-[0-9a-f]+\.wasm$/.test(n))).toHaveLength(1);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // So does the chart's plot configurator.
  await page.getByRole('button', { name: 'Configure plot' }).click();
  const configurator = page.getByRole('dialog', { name: 'Plot configurator' });
  await expect(configurator.locator('select[aria-label="Column to add"]')).toBeVisible();
  names = await fetched(page);
  expect(names.filter((n) => /-split_plot_configurator-[0-9a-f]+\.wasm$/.test(n))).toHaveLength(1);
  await configurator.getByRole('button', { name: 'Close' }).click();
  await expect(configurator).toBeHidden();

  await page.getByRole('tab', { name: 'Closed trades' }).click();
  await expect(page.locator('.closed-trades .trades-filters')).toBeVisible();
  names = await fetched(page);
  expect(names.filter((n) => /-split_cockpit_tabs-[0-9a-f]+\.wasm$/.test(n))).toHaveLength(1);
  expect(names.filter((n) => /-split_(entry|pages|webserver)-/.test(n))).toEqual([]);
});

/** Refuses every fetch of the split point's module until `allow()`; `refused()` counts the refusals. */
async function refuseModule(page: import('@playwright/test').Page, point: string) {
  let refuse = true;
  let refused = 0;
  await page.route(new RegExp(`-split_${point}-[0-9a-f]+\\.wasm$`), (route) => {
    if (!refuse) return route.continue();
    refused++;
    return route.abort('connectionrefused');
  });
  return { allow: () => (refuse = false), refused: () => refused };
}

test.describe('a module that cannot be fetched', () => {
  // Playwright's routes do not see requests a service worker answers.
  test.use({ serviceWorkers: 'block' });

  test('says so in the page, and the next page that needs it fetches it again', async ({ page }) => {
    const refusal = await refuseModule(page, 'pages');
    await page.goto('/settings');
    await expect(page.getByRole('alert')).toContainText('could not be loaded from its web server');
    expect(refusal.refused()).toBe(1);
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toHaveCount(0);

    refusal.allow();
    // Away (the bot list is in another module) and back, without a reload: the failed fetch is not remembered.
    await page.locator('header a.brand').click();
    await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  });

  test('a dialog whose module cannot be fetched says so in a toast, and its button tries again', async ({ page }) => {
    const refusal = await refuseModule(page, 'trade_tools');
    await login(page, bot('alpha'));
    await expect(page).toHaveURL(/\/trade$/);
    const open = page.getByRole('button', { name: 'Force entry', exact: true });
    const dialog = page.getByRole('dialog', { name: 'Force entry', exact: true });
    await open.click();
    await expect(page.locator('.toast', { hasText: 'could not be loaded from its web server' })).toBeVisible();
    expect(refusal.refused()).toBe(1);
    await expect(dialog).toHaveCount(0);

    refusal.allow();
    await open.click();
    await expect(dialog.getByLabel('Pair')).toBeVisible();
  });

  test('the plot configurator, likewise: a toast, the button unpressed, and its next click opens it', async ({ page }) => {
    const refusal = await refuseModule(page, 'plot_configurator');
    await login(page, bot('alpha'));
    await expect(page).toHaveURL(/\/trade$/);
    const open = page.getByRole('button', { name: 'Configure plot' });
    const dialog = page.getByRole('dialog', { name: 'Plot configurator' });
    await open.click();
    await expect(page.locator('.toast', { hasText: 'could not be loaded from its web server' })).toBeVisible();
    expect(refusal.refused()).toBe(1);
    await expect(open).toHaveAttribute('aria-pressed', 'false');
    await expect(dialog).toHaveCount(0);

    refusal.allow();
    await open.click();
    await expect(dialog.locator('select[aria-label="Column to add"]')).toBeVisible();
    await expect(open).toHaveAttribute('aria-pressed', 'true');
  });
});
