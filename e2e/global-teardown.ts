import { execFileSync } from 'child_process';
import * as path from 'path';
import { STATE_DIR } from './tests/env';

export default async function globalTeardown() {
  if (process.env.FREQBOARD_KEEP_BOTS) return;
  execFileSync('python3', [path.resolve(__dirname, 'harness/ftharness.py'), 'down', '--state-dir', STATE_DIR], {
    stdio: 'inherit',
  });
}
