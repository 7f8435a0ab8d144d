import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

import { SLOT, STATE_DIR, TRADING_BOTS } from './env';

/**
 * The bots are real freqtrade processes, and a real process can die of its own fault: one CI run lost the
 * history bot to a segfault inside libpython (kernel log: "freqtrade: segfault … in libpython3.11.so"), and
 * every later test of that bot failed on a refused connection. This guard tells such a crash apart from a
 * Freqboard defect:
 * - after each test (and before, for crashes in between), a bot that bots.json says is running but whose process
 *   is gone has crashed (a test that stops a bot on purpose does it through the harness, which clears the pid);
 * - the crash is recorded with the bot's last console lines (PYTHONFAULTHANDLER=1 puts the Python stacks there)
 *   and printed by e2e/test.sh, and the trading bot is started again on the same database and secret;
 * - a test gets its one retry (playwright.config.ts) only when a bot crashed during its first attempt; any other
 *   failure fails again at once, so a flaky test is never retried into a pass.
 */
export const CRASH_LOG = path.resolve(__dirname, `../test-results/bot-crashes-slot${SLOT}.jsonl`);

interface Entry {
  name: string;
  pid: number | null;
  config: string;
}

interface Crash {
  testId: string;
  retry: number;
  /** 'before': found before the test began (and started again by then), so it earns the test no retry. */
  phase: 'before' | 'during';
  title: string;
  bot: string;
  pid: number;
  revived: boolean;
  consoleTail: string;
}

function alive(pid: number, marker: string): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return false;
    return fs.readFileSync(`/proc/${pid}/cmdline`).toString().includes(marker);
  } catch {
    return false;
  }
}

function tail(file: string, lines = 40): string {
  try {
    // Long lines cut: the fault handler ends with one line listing every extension module (several kB).
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines)
      .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l))
      .join('\n');
  } catch (e) {
    return `(no console log: ${e})`;
  }
}

/** Finds bots that died on their own, records them for this test attempt and starts trading bots again. */
export function checkBots(testId: string, retry: number, phase: 'before' | 'during', title: string): Crash[] {
  let entries: Entry[];
  try {
    entries = JSON.parse(fs.readFileSync(path.join(STATE_DIR, 'bots.json'), 'utf8'));
  } catch {
    return [];
  }
  const crashes: Crash[] = [];
  for (const e of entries) {
    if (!e.pid || alive(e.pid, e.config)) continue;
    const consoleTail = tail(path.join(path.dirname(e.config), 'console.log'));
    const revive = TRADING_BOTS.includes(e.name);
    const crash: Crash = { testId, retry, phase, title, bot: e.name, pid: e.pid, revived: revive, consoleTail };
    fs.mkdirSync(path.dirname(CRASH_LOG), { recursive: true });
    fs.appendFileSync(CRASH_LOG, JSON.stringify(crash) + '\n');
    console.warn(`!! ${e.name} (pid ${e.pid}) died ${phase} "${title}" (its console's last lines: ${CRASH_LOG})`);
    if (revive) {
      execFileSync('python3', [path.resolve(__dirname, '../harness/ftharness.py'), 'start-bot', '--name', e.name,
        '--state-dir', STATE_DIR], { stdio: 'ignore' });
    } else {
      // A webserver is started by its spec's beforeAll, which runs again on the retry; only clear its pid.
      execFileSync('python3', [path.resolve(__dirname, '../harness/ftharness.py'), 'stop-bot', '--name', e.name,
        '--state-dir', STATE_DIR], { stdio: 'ignore' });
    }
    crashes.push(crash);
  }
  return crashes;
}

/** True when a bot crashed while the given attempt of a test ran. */
export function crashedDuring(testId: string, retry: number): boolean {
  let text = '';
  try {
    text = fs.readFileSync(CRASH_LOG, 'utf8');
  } catch {
    return false;
  }
  return text
    .split('\n')
    .filter((l) => l.trim())
    .some((l) => {
      const c: Crash = JSON.parse(l);
      return c.testId === testId && c.retry === retry && c.phase === 'during';
    });
}
