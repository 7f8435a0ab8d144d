import { execFileSync } from 'child_process';
import * as path from 'path';
import * as fs from 'fs';
import { STATE_DIR, UI_ORIGIN, BOT_BASE_PORT, SIM_PORT, HISTORY_CLOSED_TRADES, TRADING_BOTS } from './tests/env';
import { CRASH_LOG } from './tests/crashes';

/**
 * Starts the simulated exchange and five real dry-run freqtrade bots for the whole run:
 * alpha and beta list the UI's origin in CORS_origins, nocors does not (the CORS doctor test), history starts
 * with HISTORY_CLOSED_TRADES closed trades written into its database before it starts (the paging test), as a
 * long-running bot has, and gamma trades in BTC (ETH/BTC, SOL/BTC) where the others trade in USDT (the fleet's
 * totals per stake currency). gamma is also stallable: it runs 1m candles and the simulator can hold its exchange
 * requests, so its loop stalls while its API answers (the stale-bot test). Ports are BOT_BASE_PORT + the bot's index: gamma comes last so the others keep theirs.
 */
export default async function globalSetup() {
  fs.rmSync(CRASH_LOG, { force: true });
  const harness = path.resolve(__dirname, 'harness/ftharness.py');
  execFileSync(
    'python3',
    [
      harness, 'up',
      '--state-dir', STATE_DIR,
      '--ui-origin', UI_ORIGIN,
      '--bots', String(TRADING_BOTS.length),
      '--names', TRADING_BOTS.join(','),
      '--history', `history:closed=${HISTORY_CLOSED_TRADES}`,
      '--stake', 'gamma:BTC',
      '--stallable', 'gamma',
      '--no-cors-for', 'nocors',
      '--base-port', String(BOT_BASE_PORT),
      '--sim-port', String(SIM_PORT),
    ],
    { stdio: 'inherit' },
  );
}
