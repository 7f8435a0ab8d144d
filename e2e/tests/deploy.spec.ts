import { BrowserContext, Page } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import * as zlib from 'zlib';
import * as os from 'os';
import * as path from 'path';

import { test as base, expect, bot, harness, BotInfo } from './helpers';
import { SLOT, STATE_DIR, DIST_DIR } from './env';

// Every way a user serves the UI, end to end with the real components: the release build in DIST_DIR installed
// into a real freqtrade's own web server by e2e/deploy/install-into-freqtrade.sh, and served by a real nginx
// that includes e2e/deploy/nginx/*.conf verbatim (e2e/harness/nginx.py), at the site root, under /freqboard/
// and over https. The tests run these very files, never copies. The bot behind every origin is `nocors` (empty
// CORS_origins): one origin needs no CORS.

const REPO = path.resolve(__dirname, '../..');
const INSTALL_SCRIPT = path.resolve(__dirname, '../deploy/install-into-freqtrade.sh');
const NGINX_DIR = path.resolve(__dirname, '../deploy/nginx');
const NGINX_HARNESS = path.resolve(__dirname, '../harness/nginx.py');
const SECURITY_HEADERS = path.join(NGINX_DIR, 'security-headers.conf');
const ROOT_SNIPPET = path.join(NGINX_DIR, 'freqboard-root.conf');
const SUBPATH_SNIPPET = path.join(NGINX_DIR, 'freqboard-subpath.conf');
/** Temp files of these tests (nginx state dirs, zips): under .run/, per slot. */
const WORK = path.join(STATE_DIR, 'deploy');
const VENV = path.join(process.env.FREQBOARD_CACHE || path.join(os.homedir(), '.cache', 'freqboard'), 'venv');
const PORT = { root: 8090 + SLOT * 10 + 3, subpath: 8090 + SLOT * 10 + 4, tls: 8090 + SLOT * 10 + 5 };

// ---------------------------------------------------------------------------------------------------------
// What a page did: CSP violations, requests, responses, websockets
// ---------------------------------------------------------------------------------------------------------

interface Watch {
  /** securitypolicyviolation events and console messages about the Content Security Policy. */
  csp: string[];
  /** Every request URL of the context's pages. */
  requests: string[];
  responses: { url: string; status: number; contentType: string }[];
  /** URLs of the websockets the pages opened. */
  sockets: string[];
  /** Chromium's console messages about requests it blocked as mixed content (http:// from an https:// page). */
  mixed: string[];
}

/**
 * Watches every page of a context; install before the first navigation. `csp`: the list to collect CSP violations
 * into, or null when the helpers' `cspViolations` fixture already collects them for this context's page.
 */
async function watch(context: BrowserContext, csp: string[] | null): Promise<Watch> {
  const w: Watch = { csp: csp ?? [], requests: [], responses: [], sockets: [], mixed: [] };
  if (!csp) {
    await context.exposeBinding('__deployCspViolation', (_source, text: string) => {
      w.csp.push(text);
    });
    await context.addInitScript(() => {
      window.addEventListener(
        'securitypolicyviolation',
        (e) => {
          (window as any).__deployCspViolation(
            `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`,
          );
        },
        true,
      );
    });
  }
  context.on('console', (m) => {
    if (!csp && /content.security.policy/i.test(m.text())) w.csp.push(`console ${m.type()}: ${m.text()}`);
    // Chromium's own message for a request it blocked ("Mixed Content: The page at '…' was loaded over HTTPS, …").
    if (/^Mixed Content: /.test(m.text())) w.mixed.push(m.text());
  });
  context.on('request', (r) => w.requests.push(r.url()));
  context.on('response', (r) =>
    w.responses.push({ url: r.url(), status: r.status(), contentType: r.headers()['content-type'] ?? '' }),
  );
  const onPage = (p: Page) => p.on('websocket', (ws) => w.sockets.push(ws.url()));
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return w;
}

function expectNoCspViolation(csp: string[]) {
  expect(csp, 'Content Security Policy violations').toEqual([]);
}

/**
 * The default `page`, watched. Its CSP violations are the helpers' `cspViolations` fixture's (which fails every
 * test on one); the watch shares that list, to assert on it mid-test as well.
 */
const test = base.extend<{ watched: Watch }>({
  watched: async ({ page, cspViolations }, use) => {
    await use(await watch(page.context(), cspViolations));
    expectNoCspViolation(cspViolations);
  },
});

// ---------------------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------------------

const badge = (page: Page) => page.locator('header .bot-badge');
const socketState = (page: Page) => page.locator('header .socket-state');

/**
 * Logs in through the form WITHOUT typing a URL: the form's default API URL must already be `defaultUrl`
 * (the page's origin plus its base path). Waits until the navbar shows the bot online.
 */
async function loginWithDefaultUrl(page: Page, b: BotInfo, defaultUrl: string, name = 'Deployed') {
  await expect(page.getByLabel('API URL')).toHaveValue(defaultUrl);
  await page.getByLabel('Bot name').fill(name);
  await page.getByLabel('Username').fill(b.username);
  await page.getByLabel('Password').fill(b.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(badge(page)).toContainText(name);
  await expect(badge(page)).toHaveAttribute('data-status', 'online');
}

/** The Trade page shows real data from the bot (its strategy, from show_config). */
async function tradePageShows(page: Page) {
  await expect(page.locator('.bot-summary')).toContainText('SampleStrategy');
}

/** The websocket is live, and it is the one at `wsPrefix` (through the proxy, not straight to the bot). */
async function liveThrough(page: Page, w: Watch, wsPrefix: string) {
  await expect(socketState(page)).toHaveText('ws: live');
  expect(w.sockets.length, 'websockets opened').toBeGreaterThan(0);
  expect(w.sockets.filter((u) => !u.startsWith(wsPrefix)), `websockets not at ${wsPrefix}`).toEqual([]);
}

/** Candle colours of the chart (src/charts/model/saved.rs), as chart.spec.ts counts them. */
async function candlePixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const root = document.querySelector('.candle-chart') as HTMLElement | null;
    const canvas = root?.querySelector('.chart-main') as HTMLCanvasElement | null;
    if (!root || !canvas) return 0;
    const [x, y, w, h] = (root.dataset.plot ?? '0,0,0,0').split(',').map(Number);
    if (w <= 0 || h <= 0) return 0;
    const dpr = canvas.width / canvas.clientWidth;
    const data = canvas.getContext('2d')!.getImageData(x * dpr, y * dpr, w * dpr, h * dpr).data;
    const colors = [
      [0x26, 0xa6, 0x9a],
      [0xef, 0x53, 0x50],
    ];
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] <= 200) continue;
      for (const c of colors) {
        if (Math.abs(data[i] - c[0]) + Math.abs(data[i + 1] - c[1]) + Math.abs(data[i + 2] - c[2]) < 40) n++;
      }
    }
    return n;
  });
}

/** The chart page (reached through the navbar) draws the bot's candles. */
async function chartDraws(page: Page, url: string) {
  await page.locator('header').getByRole('link', { name: 'Chart', exact: true }).click();
  await expect(page).toHaveURL(url);
  const chart = page.locator('.candle-chart');
  await expect(chart).toHaveAttribute('data-painted', 'true', { timeout: 30_000 });
  await expect.poll(async () => Number((await chart.getAttribute('data-bars')) ?? '0'), { timeout: 30_000 }).toBeGreaterThan(20);
  await expect.poll(() => candlePixels(page)).toBeGreaterThan(200);
}

/** Deep links load the app at that route, and survive a reload (the server falls back to index.html). */
async function deepLinksSurviveReload(page: Page, base: string) {
  await page.goto(`${base}settings`);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(`${base}settings`);
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.goto(`${base}trade`);
  await tradePageShows(page);
  await page.reload();
  await expect(page).toHaveURL(`${base}trade`);
  await tradePageShows(page);
  await expect(badge(page)).toHaveAttribute('data-status', 'online');
}

/** The headers e2e/deploy/nginx/security-headers.conf adds. */
function expectNginxHeaders(documentUrl: string, headers: Record<string, string>) {
  expect(headers['content-security-policy'], `CSP header of ${documentUrl}`).toBe("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
}

/** The app's .wasm came as application/wasm (call once the app runs). */
function expectWasmMime(w: Watch) {
  const wasm = w.responses.filter((r) => new URL(r.url).pathname.endsWith('.wasm'));
  expect(wasm.length, 'the .wasm was loaded').toBeGreaterThan(0);
  for (const r of wasm) {
    expect(r.status, r.url).toBe(200);
    expect(r.contentType, `Content-Type of ${r.url}`).toBe('application/wasm');
  }
}

/** A GET whose body comes as sent (no decompression), for checking what a server puts on the wire. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function nginx(name: string, args: string[]): string {
  return execFileSync('python3', [NGINX_HARNESS, 'start', '--state-dir', path.join(WORK, name), ...args], {
    encoding: 'utf8',
  }).trim();
}

function stopNginx(name: string) {
  execFileSync('python3', [NGINX_HARNESS, 'stop', '--state-dir', path.join(WORK, name)], { stdio: 'inherit' });
}

/** `<Cargo.toml version>+<git short commit>`, as the install script writes it. */
function expectedUiVersion(): string {
  const cargo = fs.readFileSync(path.join(REPO, 'Cargo.toml'), 'utf8');
  const version = /^\[package\]$[^[]*?^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
  expect(version, 'version in Cargo.toml').toBeTruthy();
  const commit = execFileSync('git', ['-C', REPO, 'rev-parse', '--short=7', 'HEAD'], { encoding: 'utf8' }).trim();
  return `${version}+${commit}`;
}

/** Relative path -> sha256 of every file under dir (dotfiles included). */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** The build's files as freqtrade serves them: without the pre-compressed copies (.gz, .br) for static hosts. */
function servedByBot(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([name]) => !/\.(gz|br)$/.test(name)));
}

function installedDir(): string {
  const lib = path.join(VENV, 'lib');
  const py = fs.readdirSync(lib).filter((d) => d.startsWith('python3.'));
  expect(py, `python3.* in ${lib}`).toHaveLength(1);
  return path.join(lib, py[0], 'site-packages/freqtrade/rpc/api_server/ui/installed');
}

// ---------------------------------------------------------------------------------------------------------
// 1. Installed into the bot's own web server
// ---------------------------------------------------------------------------------------------------------

test.describe('installed into the bot\'s own web server (install-into-freqtrade.sh)', () => {
  let dest = '';
  const backup = () => `${dest}.freqboard-e2e-backup`;

  test.beforeAll(() => {
    dest = installedDir();
    // Leave the shared venv as it was found: whatever UI it had is put back afterwards. A backup left behind by
    // a run that died before its afterAll holds that original: put it back first.
    if (fs.existsSync(backup())) {
      fs.rmSync(dest, { recursive: true, force: true });
      fs.renameSync(backup(), dest);
    }
    if (fs.existsSync(dest)) fs.renameSync(dest, backup());
    fs.mkdirSync(WORK, { recursive: true });
  });

  test.afterAll(() => {
    if (!dest) return;
    fs.rmSync(dest, { recursive: true, force: true });
    if (fs.existsSync(backup())) fs.renameSync(backup(), dest);
  });

  test('one command installs the build; the bot serves it on its own origin, no CORS needed', async ({ page, request, watched }) => {
    test.setTimeout(150_000);
    const nocors = bot('nocors');
    const origin = `http://127.0.0.1:${nocors.port}`;
    // A previous UI: its files must go, freqtrade's .gitkeep must stay.
    fs.mkdirSync(path.join(dest, 'old-assets'), { recursive: true });
    fs.writeFileSync(path.join(dest, '.gitkeep'), '');
    fs.writeFileSync(path.join(dest, 'frequi-old.js'), 'old');
    fs.writeFileSync(path.join(dest, 'old-assets', 'x.css'), 'old');

    execFileSync(INSTALL_SCRIPT, ['--dist', DIST_DIR, '--venv', VENV], { stdio: 'inherit' });

    const version = expectedUiVersion();
    const installed = tree(dest);
    expect(installed).toEqual({ ...servedByBot(tree(DIST_DIR)), '.gitkeep': expect.any(String), '.uiversion': expect.any(String) });
    expect(fs.readFileSync(path.join(dest, '.uiversion'), 'utf8')).toBe(version);
    const uiVersion = await request.get(`${origin}/ui_version`);
    expect(await uiVersion.json()).toEqual({ version });

    await page.goto(`${origin}/login`);
    await loginWithDefaultUrl(page, nocors, origin);
    await expect(page).toHaveURL(`${origin}/trade`);
    await tradePageShows(page);
    await liveThrough(page, watched, `ws://127.0.0.1:${nocors.port}/api/v1/message/ws`);
    expectWasmMime(watched);

    await chartDraws(page, `${origin}/chart`);
    await deepLinksSurviveReload(page, `${origin}/`);
    // Everything came from the bot's own origin.
    expect(watched.requests.filter((u) => !u.startsWith(`${origin}/`)), 'requests to other origins').toEqual([]);
  });

  test('--zip packs a zip that freqtrade\'s own unpacking installs like FreqUI\'s release asset', async () => {
    const zip = path.join(WORK, 'freqboard-ui.zip');
    const unpacked = path.join(WORK, 'unpacked-zip');
    fs.rmSync(zip, { force: true });
    fs.rmSync(unpacked, { recursive: true, force: true });
    execFileSync(INSTALL_SCRIPT, ['--dist', DIST_DIR, '--zip', zip], { stdio: 'inherit' });

    // freqtrade's download_and_install_ui (what `freqtrade install-ui` runs), fed this zip instead of a download.
    const unpack = [
      'import json, sys, types, zipfile, pathlib, requests',
      'data = pathlib.Path(sys.argv[1]).read_bytes()',
      'requests.get = lambda url, timeout=None: types.SimpleNamespace(content=data)',
      'from freqtrade.commands.deploy_ui import download_and_install_ui',
      'zf = zipfile.ZipFile(sys.argv[1])',
      'own = zf.read(".uiversion").decode()',
      'download_and_install_ui(pathlib.Path(sys.argv[2]), "file:" + sys.argv[1], "from-zip")',
      'print(json.dumps({"names": zf.namelist(), "uiversion": own}))',
    ].join('\n');
    const out = JSON.parse(
      execFileSync(path.join(VENV, 'bin', 'python'), ['-c', unpack, zip, unpacked], { encoding: 'utf8' }),
    );
    expect(out.uiversion).toBe(expectedUiVersion());
    // Files at the zip's top level (no enclosing folder), as in FreqUI's release asset.
    expect(out.names).toContain('index.html');
    expect(out.names.filter((n: string) => n.startsWith('/') || n.includes('..'))).toEqual([]);
    const { ['.uiversion']: _written, ...files } = tree(unpacked);
    expect(files).toEqual(servedByBot(tree(DIST_DIR)));
  });
});

// ---------------------------------------------------------------------------------------------------------
// 2. nginx at the site root
// ---------------------------------------------------------------------------------------------------------

test.describe('nginx at the site root (freqboard-root.conf)', () => {
  const origin = `http://127.0.0.1:${PORT.root}`;

  test.beforeAll(() => {
    nginx('root', [
      '--port', String(PORT.root), '--root', DIST_DIR, '--upstream', `127.0.0.1:${bot('nocors').port}`,
      '--conf-snippet', SECURITY_HEADERS, '--conf-snippet', ROOT_SNIPPET,
    ]);
  });

  test.afterAll(() => {
    stopNginx('root');
    harness('start-bot', '--name', 'nocors'); // up again even if the test failed while it was down
  });

  test('same origin through the proxy; the bot dies and comes back, and the page recovers on its own', async ({ page, watched }) => {
    test.setTimeout(150_000);
    const nocors = bot('nocors');
    const doc = await page.goto(`${origin}/login`);
    expect(doc?.status()).toBe(200);
    expectNginxHeaders(doc!.url(), doc!.headers());
    await loginWithDefaultUrl(page, nocors, origin);
    await expect(page).toHaveURL(`${origin}/trade`);
    await tradePageShows(page);
    await liveThrough(page, watched, `ws://127.0.0.1:${PORT.root}/api/v1/message/ws`);
    expectWasmMime(watched);
    await deepLinksSurviveReload(page, `${origin}/`);
    await expect(socketState(page)).toHaveText('ws: live');

    // From here on the page must not reload: it has to notice and recover by itself.
    await page.evaluate(() => ((window as any).__sameDocument = true));
    harness('stop-bot', '--name', 'nocors', '--kill');
    await expect(badge(page)).toHaveAttribute('data-status', 'offline', { timeout: 10_000 });
    await expect(socketState(page)).not.toHaveText('ws: live');
    harness('start-bot', '--name', 'nocors'); // returns once /ping answers
    await expect(badge(page)).toHaveAttribute('data-status', 'online', { timeout: 15_000 });
    await expect(socketState(page)).toHaveText('ws: live', { timeout: 15_000 });
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
    await tradePageShows(page);

    // Only nginx was talked to, never the bot's own port.
    expect(watched.requests.filter((u) => !u.startsWith(`${origin}/`)), 'requests past the proxy').toEqual([]);
    expect(watched.sockets.filter((u) => !u.startsWith(`ws://127.0.0.1:${PORT.root}/`))).toEqual([]);
  });

  test('the build\'s pre-compressed .gz copies are sent as they are (gzip_static), identical to the files', async () => {
    const builtGz = fs.readdirSync(DIST_DIR).filter((n) => /\.(wasm|js|css|html)\.gz$/.test(n));
    // Every page, stylesheet, script (the app's, its module loader, the service worker) and wasm module (the main
    // one and those loaded on demand) has its copy.
    const built = fs.readdirSync(DIST_DIR).filter((n) => /\.(wasm|js|css|html)$/.test(n));
    expect(builtGz.map((n) => n.slice(0, -3)).sort()).toEqual(built.sort());
    expect(builtGz).toContain('sw.js.gz');
    expect(built.filter((n) => n.endsWith('.wasm')).length, 'wasm modules').toBeGreaterThan(1);
    for (const name of builtGz) {
      const file = name.slice(0, -3);
      const gz = fs.readFileSync(path.join(DIST_DIR, name));
      // Each copy holds exactly its file.
      expect(zlib.gunzipSync(gz).equals(fs.readFileSync(path.join(DIST_DIR, file))), `${name} unpacks to ${file}`).toBe(true);
      const answer = await rawGet(`${origin}/${file}`, { 'Accept-Encoding': 'gzip' });
      expect(answer.status, file).toBe(200);
      expect(answer.headers['content-encoding'], file).toBe('gzip');
      // Byte for byte the build's copy: nginx compressing on the fly would send other bytes (and no length).
      expect(answer.body.equals(gz), `${file} is sent as ${name}`).toBe(true);
      expect(Number(answer.headers['content-length']), file).toBe(gz.length);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// 3. nginx under a sub-path
// ---------------------------------------------------------------------------------------------------------

test.describe('nginx under /freqboard/ next to another site (freqboard-subpath.conf)', () => {
  const origin = `http://127.0.0.1:${PORT.subpath}`;
  const base = `${origin}/freqboard/`;
  const siteRoot = path.join(WORK, 'subpath-site');

  test.beforeAll(() => {
    // The server's root holds another site's index.html, and Freqboard's files in a folder named freqboard
    // (a symlink to the build under test, as a user might deploy it).
    fs.rmSync(siteRoot, { recursive: true, force: true });
    fs.mkdirSync(siteRoot, { recursive: true });
    fs.writeFileSync(path.join(siteRoot, 'index.html'), '<!doctype html><title>Other site</title><p>the other site</p>\n');
    fs.symlinkSync(DIST_DIR, path.join(siteRoot, 'freqboard'));
    const otherSite = path.join(WORK, 'other-site.conf');
    fs.writeFileSync(otherSite, 'location / {\n    try_files $uri $uri/ =404;\n}\n');
    nginx('subpath', [
      '--port', String(PORT.subpath), '--root', siteRoot, '--upstream', `127.0.0.1:${bot('nocors').port}`,
      '--conf-snippet', SECURITY_HEADERS, '--conf-snippet', otherSite, '--conf-snippet', SUBPATH_SNIPPET,
    ]);
  });

  test.afterAll(() => stopNginx('subpath'));

  test('assets, login, navbar, deep links, redirect and websocket all stay under /freqboard/', async ({ page, request, watched }) => {
    test.setTimeout(150_000);
    const nocors = bot('nocors');
    // The other site is still there, and /freqboard without the slash is sent to the folder.
    expect(await (await request.get(`${origin}/`)).text()).toContain('the other site');
    const bare = await request.get(`${origin}/freqboard`, { maxRedirects: 0 });
    expect(bare.status()).toBe(301);
    expect(bare.headers()['location']).toBe('/freqboard/');
    const doc = await page.goto(`${origin}/freqboard`);
    await expect(page).toHaveURL(base);
    expectNginxHeaders(doc!.url(), doc!.headers());
    // The app started under the sub-path and routes /freqboard/ as its own "/" (the bot list).
    await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();

    // A page that needs a bot sends a newcomer to the login form, and back after login: all under /freqboard/.
    await page.goto(`${base}trade`);
    await expect(page).toHaveURL(new RegExp(`^${base.replace(/[.]/g, '\\.')}login\\?redirect=`));
    await loginWithDefaultUrl(page, nocors, `${origin}/freqboard`);
    await expect(page).toHaveURL(`${base}trade`);
    await tradePageShows(page);
    await liveThrough(page, watched, `ws://127.0.0.1:${PORT.subpath}/freqboard/api/v1/message/ws`);
    expectWasmMime(watched);
    // The tab icon (which the app keeps in step with the open-trade count) is under the sub-path too. (Soft: the
    // test goes on, so one run reports every sub-path problem.)
    expect.soft(await page.evaluate(() => (document.querySelector("link[rel='icon']") as HTMLLinkElement).href)).toMatch(
      new RegExp(`^(${base.replace(/[.]/g, '\\.')}|data:)`),
    );

    // The navbar's links stay under the sub-path.
    const nav = page.locator('header');
    for (const [link, route, heading] of [
      ['Dashboard', 'dashboard', 'Dashboard'],
      ['Logs', 'logs', 'Logs'],
      ['Settings', 'settings', 'Settings'],
    ]) {
      await nav.getByRole('link', { name: link, exact: true }).click();
      await expect(page).toHaveURL(`${base}${route}`);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    }
    await chartDraws(page, `${base}chart`);
    await page.locator('header a.brand').click();
    await expect(page).toHaveURL(base);
    await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
    await nav.getByRole('link', { name: 'Trade', exact: true }).click();
    await expect(page).toHaveURL(`${base}trade`);
    await tradePageShows(page);

    await deepLinksSurviveReload(page, base);
    await expect(socketState(page)).toHaveText('ws: live');

    // Nothing of the app was asked for outside /freqboard/, and nothing under it failed.
    const outside = watched.requests.filter((u) => !u.startsWith(base));
    expect(outside, 'requests outside /freqboard/ (the bare /freqboard redirect aside)').toEqual(
      outside.filter((u) => u === `${origin}/freqboard`),
    );
    const failed = watched.responses.filter((r) => r.url.startsWith(base) && r.status >= 400);
    expect(failed, 'responses >= 400 under /freqboard/').toEqual([]);
    expect(watched.responses.filter((r) => r.url.startsWith(base)).length).toBeGreaterThan(10);
  });
});

// ---------------------------------------------------------------------------------------------------------
// 4. HTTPS
// ---------------------------------------------------------------------------------------------------------

test.describe('nginx over https (freqboard-root.conf, self-signed certificate)', () => {
  const origin = `https://127.0.0.1:${PORT.tls}`;

  test.beforeAll(() => {
    nginx('tls', [
      '--tls', '--port', String(PORT.tls), '--root', DIST_DIR, '--upstream', `127.0.0.1:${bot('nocors').port}`,
      '--conf-snippet', SECURITY_HEADERS, '--conf-snippet', ROOT_SNIPPET,
    ]);
  });

  test.afterAll(() => stopNginx('tls'));

  /**
   * A browser of its own: it accepts the self-signed certificate and resolves bot.test to 127.0.0.1, so that a
   * request to bot.test, were one sent, would reach a real bot instead of failing on DNS.
   */
  async function tlsBrowser(
    browserType: import('@playwright/test').BrowserType,
    launchOptions: import('@playwright/test').LaunchOptions,
  ) {
    const browser = await browserType.launch({
      ...launchOptions,
      args: [...(launchOptions.args ?? []), '--host-resolver-rules=MAP bot.test 127.0.0.1'],
    });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const w = await watch(context, null);
    return { browser, page: await context.newPage(), w };
  }

  function expectLoopbackOnly(w: Watch) {
    const away = w.requests.filter((u) => !['127.0.0.1', 'localhost', '[::1]'].includes(new URL(u).hostname));
    expect(away, 'requests that left loopback').toEqual([]);
  }

  test('the app works over https through the proxy: default URL login, wss live', async ({ playwright, launchOptions }) => {
    test.setTimeout(120_000);
    const { browser, page, w } = await tlsBrowser(playwright.chromium, launchOptions);
    try {
      const doc = await page.goto(`${origin}/login`);
      expect(doc?.status()).toBe(200);
      expectNginxHeaders(doc!.url(), doc!.headers());
      await loginWithDefaultUrl(page, bot('nocors'), origin);
      await expect(page).toHaveURL(`${origin}/trade`);
      await tradePageShows(page);
      await liveThrough(page, w, `wss://127.0.0.1:${PORT.tls}/api/v1/message/ws`);
      expectWasmMime(w);
      await deepLinksSurviveReload(page, `${origin}/`);
      expect(w.requests.filter((u) => !u.startsWith(`${origin}/`)), 'requests to other origins').toEqual([]);
      expect(w.mixed, 'mixed-content messages').toEqual([]);
      expectNoCspViolation(w.csp);
      expectLoopbackOnly(w);
    } finally {
      await browser.close();
    }
  });

  test('an http:// bot URL on the https page is refused as mixed content before anything is sent', async ({ playwright, launchOptions }) => {
    const alpha = bot('alpha');
    const { browser, page, w } = await tlsBrowser(playwright.chromium, launchOptions);
    try {
      await page.goto(`${origin}/login`);
      await expect(page.getByLabel('API URL')).toHaveValue(origin);
      await page.getByLabel('API URL').fill(`http://bot.test:${alpha.port}`);
      await page.getByLabel('Username').fill(alpha.username);
      await page.getByLabel('Password').fill(alpha.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(/mixed content/i);
      await expect(page).toHaveURL(`${origin}/login`);
      // Give a stray request time to show up: none may, and Chromium blocked none (it logs every blocked one).
      await page.waitForTimeout(1_500);
      expect(w.requests.filter((u) => new URL(u).hostname === 'bot.test'), 'requests to bot.test').toEqual([]);
      expect(w.sockets.filter((u) => new URL(u).hostname === 'bot.test')).toEqual([]);
      expect(w.mixed, 'requests Chromium blocked as mixed content').toEqual([]);

      // Loopback is exempt (Chromium allows http://127.0.0.1 from https pages): that login is tried, and fails on
      // CORS only (alpha's CORS_origins lists the http UI origin, not this https one).
      await page.getByLabel('API URL').fill(`http://127.0.0.1:${alpha.port}`);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(alert).toContainText('CORS_origins');
      await expect(alert).not.toContainText(/mixed content/i);
      expect(w.requests.some((u) => u.startsWith(`http://127.0.0.1:${alpha.port}/api/v1/`)), 'the loopback login was sent').toBe(true);
      expect(w.mixed).toEqual([]);
      expectNoCspViolation(w.csp);
      expectLoopbackOnly(w);

      // Calibration: had the app sent a request to bot.test, the checks above would have seen it.
      const probeContext = await browser.newContext({ ignoreHTTPSErrors: true });
      const probe = await watch(probeContext, null);
      const probePage = await probeContext.newPage();
      await probePage.goto(`${origin}/login`);
      await probePage.evaluate((port) => fetch(`http://bot.test:${port}/api/v1/ping`).catch(() => null), alpha.port);
      await expect
        .poll(() => probe.mixed.length + probe.requests.filter((u) => new URL(u).hostname === 'bot.test').length)
        .toBeGreaterThan(0);
      console.log('a request to bot.test is seen as:', { requests: probe.requests.filter((u) => u.includes('bot.test')), mixed: probe.mixed });
      await probeContext.close();
    } finally {
      await browser.close();
    }
  });
});
