import * as fs from 'fs';
import * as path from 'path';
import type { Page } from '@playwright/test';

import { test, expect } from './helpers';
import { DIST_DIR, SLOT, STATE_DIR } from './env';
import { startStaticServer } from './imitation';

/**
 * The installable app: the web manifest, and the service worker (src/boot/sw.js) that keeps the app shell. Each
 * test serves the release build from its own static server, at the site root and under a sub-path, lets the
 * service worker take over, stops the server and loads the app again: it must open from the cache, deep links
 * included, and the cache must hold the shell's files and no API answer.
 */
const PORT = { root: 8090 + SLOT * 10 + 6, subpath: 8090 + SLOT * 10 + 7 };

/** Waits until a service worker controls the page and has cached the shell; returns the cached URLs. */
async function controlled(page: Page): Promise<{ scope: string; cached: string[] }> {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  return page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const cache = await caches.open('freqboard-shell');
    return { scope: reg.scope, cached: (await cache.keys()).map((r) => r.url) };
  });
}

async function offlineChecks(page: Page, base: string, stop: () => Promise<void>) {
  await page.goto(base);
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
  const manifest = await page.evaluate(() => (document.querySelector("link[rel='manifest']") as HTMLLinkElement).href);
  const m = await (await page.request.get(manifest)).json();
  expect(m.display).toBe('standalone');
  expect(new URL(m.start_url, manifest).href).toBe(base);

  const { scope, cached } = await controlled(page);
  expect(scope).toBe(base);
  // The shell: index.html (as the folder), the script, the wasm, the stylesheet, the icon and the manifest.
  expect(cached).toContain(base);
  for (const pattern of [/\.js$/, /_bg\.wasm$/, /\.css$/, /favicon\.svg$/, /manifest\.webmanifest$/]) {
    expect(cached.some((u) => pattern.test(u)), `${pattern} cached`).toBe(true);
  }
  expect(cached.every((u) => u.startsWith(base) && !u.includes('/api/')), cached.join(', ')).toBe(true);

  await stop();
  // The static server is gone: reloads and deep links still open the app, from the cache.
  expect((await page.request.get(base).catch((e) => e)) instanceof Error, 'the server is down').toBe(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
  await page.goto(`${base}settings`);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.locator('header a.brand').click();
  await expect(page).toHaveURL(base);
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
}

test('at the site root, the service worker opens the app after the static server is stopped', async ({ page }) => {
  const server = await startStaticServer(DIST_DIR, PORT.root);
  try {
    await offlineChecks(page, `http://127.0.0.1:${PORT.root}/`, () => server.stop());
  } finally {
    await server.stop();
  }
});

test('under a sub-path, the service worker keeps to its folder and opens the app offline', async ({ page }) => {
  // Another site at the root, Freqboard's build in its folder "freqboard".
  const root = path.join(STATE_DIR, 'pwa-site');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Other site</title><p>the other site</p>\n');
  fs.symlinkSync(DIST_DIR, path.join(root, 'freqboard'));
  const server = await startStaticServer(root, PORT.subpath);
  try {
    const origin = `http://127.0.0.1:${PORT.subpath}`;
    await offlineChecks(page, `${origin}/freqboard/`, () => server.stop());
    // The other site was never the worker's business.
    const scopes = await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope));
    expect(scopes).toEqual([`${origin}/freqboard/`]);
  } finally {
    await server.stop();
  }
});
