import { execFileSync } from 'child_process';
import * as path from 'path';
import { STATE_DIR, UI_ORIGIN } from './tests/helpers';

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
      '--base-port', '18180',
      '--sim-port', '18100',
    ],
    { stdio: 'inherit' },
  );
}
