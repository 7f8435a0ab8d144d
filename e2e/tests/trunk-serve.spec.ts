import { ChildProcess, execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

import { test, expect, BotApi, BotInfo } from './helpers';
import { SLOT } from './env';

// The development recipe (e2e/deploy/trunk-serve.md), as a developer runs it: a bot on freqtrade's default API port
// 8080 and `trunk serve` on 8081 from the repository root, whose Trunk.toml proxies /api/ (REST and the message
// websocket) to that bot. The bot's CORS_origins names an unrelated origin, so the page works only if every API
// call and the websocket go through trunk's origin. The ports are the recipe's, not the slot's: one run at a time
// on a machine. `--dist` keeps trunk away from dist/ (the build the rest of the suite tests).

const REPO = path.resolve(__dirname, '../..');
const HARNESS = path.resolve(__dirname, '../harness/ftharness.py');
const BOT_PORT = 8080;
const TRUNK_PORT = 8081;
const ORIGIN = `http://127.0.0.1:${TRUNK_PORT}`;
/** Free in every slot: env.ts uses 18100/18180-18184 (+100 per slot) and chart.spec.ts BOT_BASE_PORT + 50. */
const SIM_PORT = 18150 + SLOT * 100;
const STATE = path.join(REPO, '.run', `e2e-trunk${SLOT}`);
const DIST = path.join(REPO, '.run', `trunk-serve-dist${SLOT}`);
const TRUNK_LOG = path.join(STATE, 'trunk.log');
/** Not the UI's origin: the bot must not need one for this setup. */
const UNRELATED_ORIGIN = 'http://127.0.0.1:9';

const run = promisify(execFile);
let trunk: ChildProcess | undefined;
let devbot: BotInfo & { cors_origins: string[] };

function harness(...args: string[]) {
  return run('python3', [HARNESS, ...args, '--state-dir', STATE], { encoding: 'utf8', maxBuffer: 16 << 20 });
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1_000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

function trunkLog(): string {
  try {
    // trunk colours its log even into a file.
    return fs.readFileSync(TRUNK_LOG, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
  } catch {
    return '(no log)';
  }
}

const alive = (p: ChildProcess | undefined) => !!p && p.exitCode === null && p.signalCode === null;

/** Starts `trunk serve` as the recipe says, in its own process group; resolves once it serves the app. */
async function startTrunk(timeoutMs: number) {
  fs.mkdirSync(STATE, { recursive: true });
  const log = fs.openSync(TRUNK_LOG, 'w');
  trunk = spawn(
    path.join(os.homedir(), '.cargo', 'bin', 'trunk'),
    ['serve', '--release', '--no-autoreload', '--dist', DIST],
    {
      cwd: REPO,
      detached: true, // its own process group: afterAll stops cargo, wasm-bindgen and wasm-opt with it
      stdio: ['ignore', log, log],
      // As e2e/setup.sh installs them: wasm-bindgen in ~/.cargo/bin, wasm-opt from the npm package binaryen.
      env: {
        ...process.env,
        PATH: `${path.join(os.homedir(), '.cargo', 'bin')}:${path.join(REPO, 'e2e', 'node_modules', '.bin')}:${process.env.PATH}`,
      },
    },
  );
  fs.closeSync(log);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(trunk)) throw new Error(`trunk serve exited (${trunk.exitCode ?? trunk.signalCode}):\n${trunkLog()}`);
    try {
      // trunk listens only after its first build; a failed build still serves (an empty dist), hence the check.
      const res = await fetch(`${ORIGIN}/`);
      const body = await res.text();
      if (res.ok && body.includes('data-wasm=')) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`trunk serve did not serve the app on ${ORIGIN} in ${timeoutMs / 1000} s:\n${trunkLog()}`);
}

async function stopTrunk() {
  if (!trunk?.pid) return;
  const group = -trunk.pid;
  const exited = new Promise<void>((resolve) => (alive(trunk) ? trunk!.once('exit', () => resolve()) : resolve()));
  try {
    process.kill(group, 'SIGTERM');
  } catch {
    // already gone
  }
  const timer = setTimeout(() => {
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
  // Children that outlived trunk itself (a wasm-opt run, say) share its group.
  try {
    process.kill(group, 'SIGKILL');
  } catch {
    // none left
  }
  trunk = undefined;
}

test.describe('trunk serve proxies /api/ to a bot (development, Trunk.toml)', () => {
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    for (const port of [BOT_PORT, TRUNK_PORT]) {
      if (await portAnswers(port)) throw new Error(`port ${port} is in use: this test needs 8080 (bot) and 8081 (trunk)`);
    }
    // The bot and trunk's build (wasm-bindgen and wasm-opt; cargo has nothing to do) start side by side.
    const bot = harness(
      'up', '--ui-origin', UNRELATED_ORIGIN, '--bots', '1', '--names', 'devbot',
      '--base-port', String(BOT_PORT), '--sim-port', String(SIM_PORT),
    );
    const served = startTrunk(280_000);
    // Both settle before anything fails, so that afterAll never stops a bot that is still starting.
    const [up, serving] = await Promise.allSettled([bot, served]);
    if (up.status === 'rejected') throw up.reason;
    if (serving.status === 'rejected') throw serving.reason;
    devbot = JSON.parse(up.value.stdout).find((b: BotInfo) => b.name === 'devbot');
    expect(devbot.cors_origins).toEqual([UNRELATED_ORIGIN]);
  });

  test.afterAll(async () => {
    test.setTimeout(120_000);
    const log = trunkLog();
    await stopTrunk();
    await harness('down').catch((e) => console.log(`ftharness down: ${e}`));
    console.log(`trunk serve built ${(log.match(/starting build/g) ?? []).length} time(s); its log is ${TRUNK_LOG}`);
  });

  test('log in with the default URL; REST and the live websocket go through 8081, never to 8080', async ({ page, request }) => {
    test.setTimeout(120_000);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const sockets: { url: string; received: number; closed: boolean }[] = [];
    page.on('websocket', (ws) => {
      const s = { url: ws.url(), received: 0, closed: false };
      sockets.push(s);
      ws.on('framereceived', () => s.received++);
      ws.on('close', () => (s.closed = true));
    });

    // The bot does not allow this origin: a direct call from the page would fail CORS.
    const direct = await request.get(`${devbot.url}/api/v1/ping`, { headers: { Origin: ORIGIN } });
    expect(direct.headers()['access-control-allow-origin']).toBeUndefined();

    // The strategy may hold trades of its own (an ETH/USDT one would toast its own exit fill below): they are
    // closed, and their fills are in, before the page connects.
    const api = await BotApi.login(request, devbot);
    await api.exitAll();
    await expect
      .poll(async () => (await api.openTrades()).length, { message: 'the bot has no open trade', timeout: 30_000 })
      .toBe(0);

    const doc = await page.goto(`${ORIGIN}/login`);
    expect(doc?.status()).toBe(200);
    // trunk adds no CSP header of its own (only with build.create_nonce) and, with no autoreload, no inline script:
    // the page's meta CSP is the only one, and the fixture fails the test on any violation of it.
    expect(doc!.headers()['content-security-policy']).toBeUndefined();
    expect(await doc!.text()).not.toContain('.well-known/trunk/ws');

    // The default API URL is the page's origin: the proxy's.
    await expect(page.getByLabel('API URL')).toHaveValue(ORIGIN);
    await page.getByLabel('Bot name').fill('Dev');
    await page.getByLabel('Username').fill(devbot.username);
    await page.getByLabel('Password').fill(devbot.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    const badge = page.locator('header .bot-badge');
    await expect(badge).toContainText('Dev');
    await expect(badge).toHaveAttribute('data-status', 'online');
    await expect(page).toHaveURL(`${ORIGIN}/trade`);
    await expect(page.locator('.bot-summary')).toContainText('SampleStrategy');
    await expect(page.locator('header .socket-state')).toHaveText('ws: live');

    // Messages flow through the websocket proxy: a trade opened behind the page's back arrives with its fill toast.
    const trade = await api.post('/forceenter', { pair: 'ETH/USDT' });
    await expect(page.locator('.toast', { hasText: 'Entry fill: ETH/USDT' })).toBeVisible({ timeout: 5_000 });
    await expect(page.locator('.trades-table')).toContainText('ETH/USDT');
    await api.post('/forceexit', { tradeid: String(trade.trade_id) });
    await expect(page.locator('.toast', { hasText: 'Exit fill: ETH/USDT' })).toBeVisible({ timeout: 5_000 });
    await expect(page.locator('.trades-table tbody tr', { hasText: 'ETH/USDT' })).toHaveCount(0);
    await expect(page.locator('header .socket-state')).toHaveText('ws: live');

    // One socket, through trunk, open all along and carrying the bot's messages.
    expect(sockets.map((s) => s.url.replace(/token=[^&]+/, 'token=…'))).toEqual([
      `ws://127.0.0.1:${TRUNK_PORT}/api/v1/message/ws?token=…`,
    ]);
    expect(sockets[0].closed, 'the websocket closed').toBe(false);
    expect(sockets[0].received, 'frames from the bot').toBeGreaterThan(0);
    // Every request went to trunk's origin; none to the bot's port.
    const elsewhere = requests.filter((u) => !u.startsWith(`${ORIGIN}/`) && !/^(data|blob):/.test(u));
    expect(elsewhere, 'requests not through 8081').toEqual([]);
    expect(requests.some((u) => u.startsWith(`${ORIGIN}/api/v1/`)), 'API calls through 8081').toBe(true);
    expect(trunkLog()).not.toMatch(/\bERROR\b/);
  });
});
