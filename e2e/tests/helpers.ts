import { test as base, expect, Locator, Page, APIRequestContext } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { UI_ORIGIN, STATE_DIR } from './env';
import { checkBots, crashedDuring, CRASH_LOG } from './crashes';
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
export const test = base.extend<{ requests: string[]; cspViolations: string[]; panics: string[]; botCrashes: void }>({
  /**
   * A bot that died of its own fault (a segfault in freqtrade's Python) is recorded and started again, and only
   * such a test gets its retry (crashes.ts).
   */
  botCrashes: [
    async ({}, use, testInfo) => {
      const title = testInfo.titlePath.join(' › ');
      checkBots(testInfo.testId, testInfo.retry, 'before', title);
      if (testInfo.retry > 0 && !crashedDuring(testInfo.testId, testInfo.retry - 1)) {
        throw new Error(`not retried: its first attempt failed with every bot alive (retries are only for bot crashes, ${CRASH_LOG})`);
      }
      await use();
      checkBots(testInfo.testId, testInfo.retry, 'during', title);
    },
    { auto: true },
  ],
  /**
   * A panic in wasm kills the app: every test fails on one (the console's "panicked at", an uncaught error such
   * as wasm's "unreachable", or the panic bar on the page at the end).
   */
  panics: [
    async ({ page }, use) => {
      const found: string[] = [];
      page.on('console', (m) => {
        if (/panicked at|RuntimeError|already been disposed/i.test(m.text())) found.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => found.push(`pageerror: ${e.message}`));
      await use(found);
      if (!page.isClosed()) {
        const bar = await page.locator('#panic-bar').count().catch(() => 0);
        if (bar > 0) found.push(`panic bar: ${await page.locator('#panic-bar').innerText()}`);
      }
      expect(found, 'panics').toEqual([]);
    },
    { auto: true },
  ],
  requests: [
    async ({ page }, use) => {
      const urls: string[] = [];
      page.on('request', (r) => urls.push(r.url()));
      await use(urls);
      expect(urls.filter((u) => !isLoopback(u)), 'requests that left loopback').toEqual([]);
    },
    { auto: true },
  ],
  /**
   * The release index.html carries a strict Content-Security-Policy; every test fails on any violation of it,
   * reported by the browser's console or by a `securitypolicyviolation` event.
   */
  cspViolations: [
    async ({ page }, use) => {
      const found: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) found.push(`console: ${m.text()}`);
      });
      await page.exposeBinding('__freqboardCspViolation', (_source, text: string) => {
        found.push(text);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as any).__freqboardCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
        });
      });
      await use(found);
      expect(found, 'Content-Security-Policy violations').toEqual([]);
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

/** Replaces the first stored bot's access or refresh token in localStorage (the app reads it on the next load). */
export async function storeToken(page: Page, kind: 'access' | 'refresh', token: string) {
  await page.evaluate(
    ([key, kind, token]) => {
      const doc = JSON.parse(localStorage.getItem(key) ?? '{}');
      doc.bots[0].tokens[kind] = token;
      localStorage.setItem(key, JSON.stringify(doc));
    },
    [BOTS_KEY, kind, token],
  );
}

/** Logs in through the form and waits until the navbar shows the bot online. */
export async function login(page: Page, b: BotInfo, opts: { name?: string; remember?: boolean } = {}) {
  const name = opts.name ?? b.name;
  await fillLogin(page, b, { ...opts, name });
  await expect(page.locator('header .bot-badge')).toContainText(name);
  await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');
}

/** Talks to a bot's REST API from the test (not through the UI), with its own login. */
export class BotApi {
  private constructor(
    private readonly request: APIRequestContext,
    readonly bot: BotInfo,
    private access: string,
  ) {}

  static async login(request: APIRequestContext, b: BotInfo): Promise<BotApi> {
    const basic = Buffer.from(`${b.username}:${b.password}`).toString('base64');
    const res = await request.post(`${b.url}/api/v1/token/login`, { headers: { Authorization: `Basic ${basic}` } });
    expect(res.ok(), `login to ${b.name}`).toBeTruthy();
    return new BotApi(request, b, (await res.json()).access_token);
  }

  private headers() {
    return { Authorization: `Bearer ${this.access}` };
  }

  async get(path: string): Promise<any> {
    const url = `${this.bot.url}/api/v1${path}`;
    // A kept-alive connection the bot (uvicorn, 5 s keep-alive) closes just as it is reused resets the request.
    // Browsers send an idempotent request again on such a reset; Playwright's request context does not, so the
    // test's own GETs do it once (seen once in CI: ECONNRESET on GET /profit).
    const res = await this.request
      .get(url, { headers: this.headers() })
      .catch((e: Error) => {
        if (!/ECONNRESET|socket hang up/.test(String(e))) throw e;
        return this.request.get(url, { headers: this.headers() });
      });
    expect(res.ok(), `GET ${path}: ${res.status()}`).toBeTruthy();
    return res.json();
  }

  /** The HTTP status of a GET, for answers a test expects to be errors. */
  async statusOf(path: string): Promise<number> {
    return (await this.request.get(`${this.bot.url}/api/v1${path}`, { headers: this.headers() })).status();
  }

  async post(path: string, body: unknown = {}): Promise<any> {
    const res = await this.request.post(`${this.bot.url}/api/v1${path}`, { headers: this.headers(), data: body });
    expect(res.ok(), `POST ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
    return res.json();
  }

  async patch(path: string, body: unknown): Promise<any> {
    const res = await this.request.patch(`${this.bot.url}/api/v1${path}`, { headers: this.headers(), data: body });
    expect(res.ok(), `PATCH ${path}: ${res.status()} ${await res.text()}`).toBeTruthy();
    return res.json();
  }

  async delete(path: string): Promise<any> {
    const res = await this.request.delete(`${this.bot.url}/api/v1${path}`, { headers: this.headers() });
    expect(res.ok(), `DELETE ${path}: ${res.status()}`).toBeTruthy();
    return res.json();
  }

  async openTrades(): Promise<any[]> {
    return this.get('/status');
  }

  /** Exits every open trade, so a test leaves the bot as it found it. */
  async exitAll(): Promise<void> {
    if ((await this.openTrades()).length > 0) await this.post('/forceexit', { tradeid: 'all' });
  }
}

/**
 * Reads the canvas inside the chart's data area (`data-plot`, CSS px, scaled to the bitmap): how many pixels are
 * strongly coloured (bars, lines, slices; the grid and labels are grey) and a hash of all of them.
 */
export async function ink(c: Locator): Promise<{ coloured: number; hash: number; bitmap: [number, number]; css: [number, number] }> {
  return c.evaluate((el) => {
    const canvas = el.querySelector('canvas') as HTMLCanvasElement;
    const [x, y, w, h] = (el.getAttribute('data-plot') || '0,0,0,0').split(',').map(Number);
    const sx = canvas.width / Math.max(1, canvas.clientWidth);
    const sy = canvas.height / Math.max(1, canvas.clientHeight);
    const ctx = canvas.getContext('2d')!;
    const img = ctx.getImageData(Math.round(x * sx), Math.round(y * sy), Math.max(1, Math.round(w * sx)), Math.max(1, Math.round(h * sy)));
    let coloured = 0;
    let hash = 0;
    const d = img.data;
    for (let i = 0; i < d.length; i += 4) {
      const [r, g, b, a] = [d[i], d[i + 1], d[i + 2], d[i + 3]];
      if (a > 120 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      hash = (Math.imul(hash, 31) + r + 3 * g + 7 * b + 11 * a) | 0;
    }
    return { coloured, hash, bitmap: [canvas.width, canvas.height], css: [canvas.clientWidth, canvas.clientHeight] };
  });
}

/** Waits until the profit-style chart card `kind` has drawn its data (more than a few coloured pixels). */
export async function expectChartDrawn(page: Page, kind: string) {
  const chart = page.locator(`.profit-card[data-chart="${kind}"] .profit-chart`);
  await expect(chart).toHaveAttribute('data-state', 'drawn', { timeout: 20_000 });
  await expect(chart).not.toHaveAttribute('data-plot', '');
  await expect.poll(async () => (await ink(chart)).coloured, { message: `${kind} draws` }).toBeGreaterThan(30);
}

/** RFC 4180 fields of one CSV line without line breaks inside fields (what Freqboard's exports hold). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(cur), (cur = '');
    else cur += c;
  }
  out.push(cur);
  return out;
}

/** Clicks an export button and reads the saved CSV: its file name and its lines as fields (header first). */
export async function downloadCsv(page: Page, button: Locator): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = fs.readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\ufeff'), 'byte order mark').toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines.pop(), 'the file ends with a line break').toBe('');
  return { name: download.suggestedFilename(), rows: lines.map(csvFields) };
}
