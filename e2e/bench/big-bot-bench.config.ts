import { defineConfig } from '@playwright/test';
import * as path from 'path';

// The big-bot benchmark: serves a release build and runs big-bot-bench.ts in headless Chromium against the
// freqtrade imitation in its big mode (e2e/harness/imitation.py). See big-bot-bench.ts for the command.
const SLOT = Number(process.env.FREQBOARD_E2E_SLOT ?? '0');
const PORT = 8097 + SLOT * 10;
const DIST = path.resolve(__dirname, '..', '..', process.env.FREQBOARD_DIST ?? 'dist');

export default defineConfig({
  testDir: '.',
  testMatch: 'big-bot-bench.ts',
  workers: 1,
  timeout: 600_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1500, height: 1100 },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    },
  },
  webServer: {
    command: `python3 ../harness/serve_dist.py --dir ${DIST} --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
