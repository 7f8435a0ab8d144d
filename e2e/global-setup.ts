import { execFileSync } from 'child_process';
import * as path from 'path';
import { STATE_DIR, UI_ORIGIN, BOT_BASE_PORT, SIM_PORT } from './tests/env';

/**
 * Starts the simulated exchange and three real dry-run freqtrade bots for the whole run:
 * alpha and beta list the UI's origin in CORS_origins, nocors does not (the CORS doctor test).
 */
export default async function globalSetup() {
  const harness = path.resolve(__dirname, 'harness/ftharness.py');
  execFileSync(
    'python3',
    [
      harness, 'up',
      '--state-dir', STATE_DIR,
      '--ui-origin', UI_ORIGIN,
      '--bots', '3',
      '--names', 'alpha,beta,nocors',
      '--no-cors-for', 'nocors',
      '--base-port', String(BOT_BASE_PORT),
      '--sim-port', String(SIM_PORT),
    ],
    { stdio: 'inherit' },
  );
}
