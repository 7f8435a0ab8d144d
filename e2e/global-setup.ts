import { execFileSync } from 'child_process';
import * as path from 'path';
import { STATE_DIR, UI_ORIGIN, BOT_BASE_PORT, SIM_PORT, HISTORY_CLOSED_TRADES } from './tests/env';

/**
 * Starts the simulated exchange and four real dry-run freqtrade bots for the whole run:
 * alpha and beta list the UI's origin in CORS_origins, nocors does not (the CORS doctor test), and history starts
 * with 510 closed trades written into its database before it starts (the paging test), as a long-running bot has.
 */
export default async function globalSetup() {
  const harness = path.resolve(__dirname, 'harness/ftharness.py');
  execFileSync(
    'python3',
    [
      harness, 'up',
      '--state-dir', STATE_DIR,
      '--ui-origin', UI_ORIGIN,
      '--bots', '4',
      '--names', 'alpha,beta,nocors,history',
      '--history', `history:closed=${HISTORY_CLOSED_TRADES}`,
      '--no-cors-for', 'nocors',
      '--base-port', String(BOT_BASE_PORT),
      '--sim-port', String(SIM_PORT),
    ],
    { stdio: 'inherit' },
  );
}
