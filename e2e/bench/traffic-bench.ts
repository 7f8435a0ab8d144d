/**
 * API traffic per bot per hour on /trade with the websocket live (prints numbers; never fails on them).
 *
 *   cd /work/main && trunk build --release
 *   cd e2e && npx playwright test -c bench/traffic-bench.config.ts          (WINDOW_S=120 by default)
 *
 * Starts five real dry-run freqtrade bots on the simulated exchange, each with 1,500 closed trades seeded into its
 * database (e2e/harness/ftharness.py, its own state dir and ports), then for 1 and 5 logged-in bots on /trade and
 * 5 on /fleet: a fresh browser logs in, opens the page, lets the first load settle, and counts every request and response byte to the
 * bots for WINDOW_S seconds. Per hour = the window scaled to 3,600 s; the first load is printed apart.
 *
 * FreqUI is not run: its figures are computed from its refresh strategy (../shared/reference/frequi-inventory.md
 * §10: every bot every 5 s /status and /locks, every 60 s /ping, and a slow refresh with every page of /trades
 * whenever a bot's open-trade set changes) and the byte sizes of the same bots' answers, measured here.
 */
import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { benchPort } from './bench-config';

const SLOT = Number(process.env.FREQBOARD_E2E_SLOT ?? '0');
const UI_ORIGIN = `http://127.0.0.1:${benchPort(8098)}`;
const STATE_DIR = path.resolve(__dirname, `../../.run/traffic${SLOT || ''}`);
const HARNESS = path.resolve(__dirname, '../harness/ftharness.py');
const BASE_PORT = 18160 + SLOT * 100; // five bots at 18160..18164, below the e2e bots (18180..)
const SIM_PORT = 18145 + SLOT * 100;
const CLOSED = 1500;
const NAMES = ['t1', 't2', 't3', 't4', 't5'];
// Five minutes: one 5 m candle of the shown pair (its chart reloads then, in FreqUI too) per window.
const WINDOW_S = Number(process.env.WINDOW_S ?? 300);
/** The websocket events after which FreqUI re-reads everything (its open-trade set changes). */
const CHANGES = ['entry_fill', 'exit_fill', 'entry_cancel', 'exit_cancel'];

interface Bot {
  name: string;
  url: string;
  username: string;
  password: string;
}

interface Tally {
  requests: number;
  bytes: number;
  paths: Map<string, number>;
  /** The chart's candles (both UIs reload them on a new candle of the shown pair). */
  candleRequests: number;
  candleBytes: number;
}

const harness = (...args: string[]) => execFileSync('python3', [HARNESS, ...args], { stdio: 'inherit' });

/** Counts requests and response bytes (headers and body) per bot from now on. */
function tally(page: Page, bots: Bot[]): Map<string, Tally> {
  const t = new Map<string, Tally>(bots.map((b) => [b.url, { requests: 0, bytes: 0, paths: new Map(), candleRequests: 0, candleBytes: 0 }]));
  page.on('requestfinished', async (r) => {
    const bot = bots.find((b) => r.url().startsWith(b.url));
    if (!bot || r.method() === 'OPTIONS') return;
    const entry = t.get(bot.url)!;
    const p = new URL(r.url()).pathname.replace('/api/v1/', '');
    entry.paths.set(p, (entry.paths.get(p) ?? 0) + 1);
    try {
      const s = await r.sizes();
      const size = s.responseBodySize + s.responseHeadersSize;
      if (p === 'pair_candles') {
        entry.candleRequests += 1;
        entry.candleBytes += size;
      } else {
        entry.requests += 1;
        entry.bytes += size;
      }
    } catch {
      /* the page went away */
    }
  });
  return t;
}

/** Websocket event types received per bot (by the socket's URL). */
function events(page: Page): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  page.on('websocket', (ws) => {
    const port = new URL(ws.url()).port;
    ws.on('framereceived', (f) => {
      if (typeof f.payload !== 'string') return;
      try {
        const type = JSON.parse(f.payload)?.type;
        if (typeof type === 'string') seen.set(port, [...(seen.get(port) ?? []), type]);
      } catch {
        /* not JSON */
      }
    });
  });
  return seen;
}

async function bytesOf(request: APIRequestContext, bot: Bot, token: string, p: string): Promise<number> {
  const res = await request.get(`${bot.url}/api/v1${p}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await res.body();
  // Headers: about what the bots send (content-type, length, date, server, CORS).
  return body.length + 250;
}

/** FreqUI's traffic for one bot and one hour, from the bot's answer sizes and its open-trade changes per hour. */
async function frequiModel(request: APIRequestContext, bot: Bot, changesPerHour: number) {
  const basic = Buffer.from(`${bot.username}:${bot.password}`).toString('base64');
  const login = await request.post(`${bot.url}/api/v1/token/login`, { headers: { Authorization: `Basic ${basic}` } });
  const token = (await login.json()).access_token as string;
  const size = (p: string) => bytesOf(request, bot, token, p);
  const fast = (await size('/status')) + (await size('/locks'));
  const ping = await size('/ping');
  let history = 0;
  let pages = 0;
  for (let offset = 0; ; offset += 500) {
    const res = await request.get(`${bot.url}/api/v1/trades?limit=500&offset=${offset}`, { headers: { Authorization: `Bearer ${token}` } });
    const body = await res.body();
    history += body.length + 250;
    pages += 1;
    const json = JSON.parse(body.toString());
    if (json.trades.length < 500 || offset + 500 >= json.total_trades) break;
  }
  let slow = history;
  for (const p of ['/show_config', '/profit', '/balance', '/whitelist', '/blacklist']) slow += await size(p);
  const slowRequests = pages + 5;
  return {
    requests: 720 * 2 + 60 + changesPerHour * slowRequests,
    bytes: 720 * fast + 60 * ping + changesPerHour * slow,
    history,
  };
}

const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;

test('API traffic per bot per hour on /trade, websocket live, 1,500 closed trades per bot', async ({ browser, request }) => {
  test.setTimeout(WINDOW_S * 2_000 + 600_000);
  fs.mkdirSync(STATE_DIR, { recursive: true });
  harness('up', '--state-dir', STATE_DIR, '--ui-origin', UI_ORIGIN, '--bots', '5', '--names', NAMES.join(','),
    ...NAMES.flatMap((n) => ['--history', `${n}:closed=${CLOSED}`]), '--base-port', String(BASE_PORT), '--sim-port', String(SIM_PORT));
  try {
    const all: Bot[] = JSON.parse(fs.readFileSync(path.join(STATE_DIR, 'bots.json'), 'utf8'));
    for (const [count, where] of [[1, '/trade'], [5, '/trade'], [5, '/fleet']] as const) {
      const bots = all.slice(0, count);
      const context = await browser.newContext();
      const page = await context.newPage();
      const received = events(page);
      const first = tally(page, bots);
      for (const b of bots) {
        await page.goto('/login');
        await page.getByLabel('Bot name').fill(b.name);
        await page.getByLabel('API URL').fill(b.url);
        await page.getByLabel('Username').fill(b.username);
        await page.getByLabel('Password').fill(b.password);
        await page.getByRole('button', { name: 'Log in' }).click();
        await expect(page.locator('header .bot-badge')).toHaveAttribute('data-status', 'online');
      }
      await page.goto(where);
      await expect(page.locator('header .socket-state')).toHaveText('ws: live', { timeout: 30_000 });
      await page.waitForTimeout(10_000);
      const firstLoad = [...first.values()].reduce(
        (a, t) => ({ requests: a.requests + t.requests + t.candleRequests, bytes: a.bytes + t.bytes + t.candleBytes }),
        { requests: 0, bytes: 0 },
      );
      const eventsBefore = new Map([...received].map(([k, v]) => [k, v.length]));
      const window = tally(page, bots);
      await page.waitForTimeout(WINDOW_S * 1_000);
      const scale = 3_600 / WINDOW_S;
      let requests = 0;
      let bytes = 0;
      let candleRequests = 0;
      let candleBytes = 0;
      let changes = 0;
      for (const b of bots) {
        const t = window.get(b.url)!;
        requests += t.requests;
        bytes += t.bytes;
        candleRequests += t.candleRequests;
        candleBytes += t.candleBytes;
        const port = new URL(b.url).port;
        const evs = (received.get(port) ?? []).slice(eventsBefore.get(port) ?? 0);
        changes += evs.filter((e) => CHANGES.includes(e)).length;
        console.log(`  ${b.name}: ${t.requests} requests, ${kb(t.bytes)} in ${WINDOW_S} s: ${[...t.paths].map(([p, n]) => `${p}×${n}`).join(' ')}; events: ${evs.join(',') || 'none'}`);
      }
      const perBot = (v: number) => (v * scale) / count;
      const changesPerHour = (changes * scale) / count;
      const freq = await frequiModel(request, bots[0], changesPerHour);
      console.log(
        `${count} bot(s) on ${where}, ${CLOSED} closed trades each, websocket live, ${WINDOW_S} s window scaled to an hour:\n` +
          `  Freqboard per bot per hour: ${perBot(requests).toFixed(0)} requests, ${kb(perBot(bytes))}` +
          ` (plus the shown chart's candles, the same in FreqUI: ${(candleRequests * scale).toFixed(0)} requests, ${kb(candleBytes * scale)})` +
          ` (first load of all ${count}: ${firstLoad.requests} requests, ${kb(firstLoad.bytes)})\n` +
          `  FreqUI model per bot per hour: ${freq.requests.toFixed(0)} requests, ${kb(freq.bytes)}` +
          ` (5 s /status + /locks, 60 s /ping, every page of /trades (${kb(freq.history)}) and the slow set on each of ` +
          `${changesPerHour.toFixed(1)} open-trade changes per bot per hour seen here)`,
      );
      await context.close();
    }
  } finally {
    harness('down', '--state-dir', STATE_DIR);
  }
});
