import { defineConfig } from '@playwright/test';

// The UI (release build in ../dist) is served on one origin and the bots listen on others, so every API call
// crosses origins with real CORS, as it does for a user who hosts the UI apart from the bot.
// FREQBOARD_E2E_SLOT (0, 1, 2…) moves every port and the state dir so several runs can share a machine;
// FREQBOARD_DIST picks the build to test (default ../dist).
import { UI_PORT, UI_ORIGIN, DIST_DIR, SLOT } from './tests/env';

export default defineConfig({
  testDir: './tests',
  // One shared set of real bots: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  // One retry, taken only when a real bot crashed during the first attempt (tests/crashes.ts); any other failure
  // fails the retry at once.
  retries: 1,
  // Per slot, so runs sharing a machine do not delete each other's traces.
  outputDir: `test-results/slot${SLOT}`,
  reporter: [['list'], ['json', { outputFile: `test-results/results-slot${SLOT}.json` }]],
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL: UI_ORIGIN,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: `python3 harness/serve_dist.py --dir ${DIST_DIR} --port ${UI_PORT}`,
    url: UI_ORIGIN,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
