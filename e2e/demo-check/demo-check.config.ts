import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

// The demo's own UI server and bot (started by e2e/demo.sh in a fresh clone): no global setup, no web server.
export default defineConfig({
  ...base,
  testDir: '.',
  retries: 0, // the crash guard watches the suite's bots, not the demo's
  globalSetup: undefined,
  globalTeardown: undefined,
  webServer: undefined,
  outputDir: '../test-results/demo-check',
  reporter: [['list'], ['json', { outputFile: '../test-results/results-demo-check.json' }]],
  use: { ...base.use, baseURL: process.env.DEMO_UI_URL },
});
