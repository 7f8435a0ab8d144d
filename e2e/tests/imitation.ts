import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';

import { SLOT } from './env';

/**
 * Helpers for hardening specs: start the freqtrade imitation (e2e/harness/imitation.py) or the delaying
 * proxy in front of a real bot (e2e/harness/slowproxy.py), switch their mode and read their counters.
 */

/** Port of the imitation bot of this slot (below BOT_BASE_PORT, above SIM_PORT). */
export const IMITATION_PORT = 18170 + SLOT * 100;
/** Port of the slow proxy of this slot. */
export const SLOWPROXY_PORT = 18175 + SLOT * 100;

const HARNESS = path.resolve(__dirname, '../harness');
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

/** A started harness process. */
export interface Proc {
  readonly port: number;
  readonly child: ChildProcess;
  /** SIGTERM, then waits for the exit (SIGKILL after 5 s). Does nothing if it already exited. */
  stop(): Promise<void>;
}

/** Generated data sizes of the imitation's `big` mode (missing counts are 0, pairs defaults to 20). */
export interface BigMode {
  open?: number;
  closed?: number;
  pairs?: number;
  logs?: number;
}

/** The imitation's mode; each control() call replaces the whole mode, missing keys take the defaults. */
export interface ImitationMode {
  /** Seconds every /api/v1 answer waits (not OPTIONS, not the websocket, not ping unless delay_ping). */
  delay_s?: number;
  delay_ping?: boolean;
  /** Exact path (no query) → seconds; overrides delay_s. */
  delay_paths?: Record<string, number>;
  /** GET /trades always returns `limit` trades and total_trades 10**9. */
  endless_paging?: boolean;
  /** "404": the websocket path answers a plain 404 instead of upgrading. */
  ws?: 'ok' | '404';
  /** Paths whose answer is cut after half the body. */
  cut_paths?: string[];
  big?: BigMode | null;
  /** Every Bearer call answers 401 until /token/refresh is called once. */
  token_bad?: boolean;
}

/** The slow proxy's mode: path prefix → seconds (replaces the --delay-path ones). */
export interface SlowProxyMode {
  delay_paths?: Record<string, number>;
}

/** Counters of /__stats, keyed by path without query. */
export interface ProxyStats {
  /** Requests other than CORS preflights. */
  requests: Record<string, number>;
  /** CORS preflights (OPTIONS), which `requests` does not count. */
  preflights: Record<string, number>;
  max_in_flight: Record<string, number>;
  in_flight: Record<string, number>;
}

export interface ImitationStats extends ProxyStats {
  /** Calls of /token/refresh. */
  refresh: number;
  /** Requests to the websocket path, upgraded or not. */
  ws_attempts: number;
  /** Websockets open now. */
  ws_open: number;
}

const running = new Set<ChildProcess>();
// A crashed or interrupted run must not leave a tool holding its port for the next run.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function startTool(script: string, args: string[], port: number, marker: string): Promise<Proc> {
  const child = spawn('python3', [path.join(HARNESS, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const proc: Proc = {
    port,
    child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
  };
  return new Promise<Proc>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${script} on port ${port} ${why}; output:\n${output.slice(-4000)}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(marker)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(proc);
      }
    };
    const onExit = (code: number | null, signal: string | null) => fail(`exited (code ${code}, signal ${signal})`);
    // Both streams stay read for the life of the process, so a chatty tool can never block on a full pipe.
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', onExit);
    child.once('error', (err) => fail(`could not start: ${err.message}`));
  });
}

/** Serves `dir` as a static host does (e2e/harness/serve_dist.py: files, else the root's index.html). */
export function startStaticServer(dir: string, port: number): Promise<Proc> {
  return startTool('serve_dist.py', ['--dir', dir, '--port', String(port)], port, 'Serving ');
}

/** Starts the freqtrade imitation on `port`, answering CORS for `uiOrigin`. */
export function startImitation(port: number, uiOrigin: string): Promise<Proc> {
  return startTool('imitation.py', ['--port', String(port), '--ui-origin', uiOrigin], port, 'imitation ready');
}

/** Starts the slow proxy on `port` in front of a bot on `targetPort`, with path prefix → seconds delays. */
export function startSlowProxy(port: number, targetPort: number, delays: Record<string, number>): Promise<Proc> {
  const args = ['--port', String(port), '--target-port', String(targetPort)];
  for (const [prefix, seconds] of Object.entries(delays)) args.push('--delay-path', `${prefix}=${seconds}`);
  return startTool('slowproxy.py', args, port, 'slowproxy ready');
}

async function call(port: number, method: string, route: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}${route}`, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route} on port ${port}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** Replaces the mode of the imitation or the slow proxy on `port`; resolves once it applies (big data generated). */
export async function control(port: number, mode: ImitationMode | SlowProxyMode): Promise<void> {
  await call(port, 'POST', '/__control', mode);
}

/** The counters of the imitation (or, typed as ProxyStats, of the slow proxy) on `port`. */
export async function stats<T extends ProxyStats = ImitationStats>(port: number): Promise<T> {
  return (await call(port, 'GET', '/__stats')) as T;
}

/** Zeroes the counters (requests still in flight stay counted in in_flight). */
export async function resetStats(port: number): Promise<void> {
  await call(port, 'POST', '/__reset_stats');
}
