import { test as base, expect, Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { UI_ORIGIN, STATE_DIR } from './env';
export { UI_ORIGIN, STATE_DIR };
const HARNESS = path.resolve(__dirname, '../harness/ftharness.py');

/** localStorage key of the remembered bots (src/state/persist.rs). */
export const BOTS_KEY = 'freqboard.bots.v1';

export interface BotInfo {
  name: string;
  url: string;
  port: number;
  username: string;
  password: string;
}

/** The bots the global setup started, as the harness describes them. */
export function bot(name: string): BotInfo {
  const all: BotInfo[] = JSON.parse(fs.readFileSync(path.join(STATE_DIR, 'bots.json'), 'utf8'));
  const found = all.find((b) => b.name === name);
  if (!found) throw new Error(`no bot named ${name} in ${STATE_DIR}/bots.json`);
  return found;
}

/** Runs a harness subcommand against the test bots and returns what it printed. */
export function harness(...args: string[]): string {
  return execFileSync('python3', [HARNESS, ...args, '--state-dir', STATE_DIR], { encoding: 'utf8' }).trim();
}

function isLoopback(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

/**
 * Every test records the page's requests and fails if any left loopback: the app must load nothing from other
 * hosts (fonts, icons, CDNs) and talk only to the bots the user configured.
 */
export const test = base.extend<{ requests: string[] }>({
  requests: [
    async ({ page }, use) => {
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      await use(urls);
      expect(urls.filter((u) => !isLoopback(u)), 'requests that left loopback').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function fillLogin(page: Page, b: BotInfo, opts: { name?: string; password?: string; remember?: boolean } = {}) {
  await page.goto('/login');
  await page.getByLabel('Bot name').fill(opts.name ?? b.name);
  await page.getByLabel('API URL').fill(b.url);
  await page.getByLabel('Username').fill(b.username);
  await page.getByLabel('Password').fill(opts.password ?? b.password);
  if (opts.remember === false) await page.getByLabel(/Remember me/).uncheck();
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Logs in through the form and waits until the navbar shows the bot online. */
export async function login(page: Page, b: BotInfo, opts: { name?: string; remember?: boolean } = {}) {
  const name = opts.name ?? b.name;
  await fillLogin(page, b, { ...opts, name });
  await expect(page.locator('header .bot-badge')).toContainText(name);
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');
}
