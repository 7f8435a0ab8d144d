import { defineConfig } from '@playwright/test';
import * as path from 'path';

/** The UI's port for a benchmark: `base` moved by FREQBOARD_E2E_SLOT like the e2e suite's ports. */
export function benchPort(base: number): number {
  return base + Number(process.env.FREQBOARD_E2E_SLOT ?? '0') * 10;
}

/**
 * A benchmark's Playwright config: one worker, serves a release build (FREQBOARD_DIST, default `defaultDist`) on
 * `benchPort(basePort)` and runs `testMatch` in headless Chromium (software rendering, like performance-anchors.md).
 */
export function benchConfig(testMatch: string, basePort: number, defaultDist = 'dist') {
  const port = benchPort(basePort);
  const dist = path.resolve(__dirname, '..', '..', process.env.FREQBOARD_DIST ?? defaultDist);
  return defineConfig({
    testDir: '.',
    testMatch,
    workers: 1,
    timeout: 600_000,
    reporter: [['list']],
    use: {
      baseURL: `http://127.0.0.1:${port}`,
      viewport: { width: 1500, height: 1100 },
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
      },
    },
    webServer: {
      command: `python3 ../harness/serve_dist.py --dir ${dist} --port ${port}`,
      url: `http://127.0.0.1:${port}`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  });
}
