/**
 * Candle chart benchmark (prints numbers; never fails on timing).
 *
 *   cd /work/main && trunk build --release --features bench --dist dist-bench
 *   cd e2e && npx playwright test -c bench/chart-bench.config.ts     # FREQBOARD_DIST=<dir> for another build
 *
 * The benchmark is only in builds with the `bench` feature: the shipped build leaves it out (issue 10).
 *
 * Opens /chart?bench, where the app generates the workload of performance-anchors.md in wasm (1400×800,
 * N seeded 5-minute candles, volume, 6 indicators in 2 panes, 50 trade markers) and times complete paints with
 * performance.now() (each paint ends with a 1-pixel getImageData, which makes the canvas rasterize):
 *   first           data in memory → model → scene → first paint of the default view (last 250 candles)
 *   full            all N candles visible, production path (candles batched on the context), median of 15
 *   full-no-ind     the full redraw with the six indicators hidden (so: what the indicators cost), median of 9
 *   full(plotters)  the same with candles and volume drawn by plotters-canvas too, median of 7
 *   drawn           candle items in the full view (level of detail: never more than the plot's pixel columns)
 *   full:scene/calls/raster  the full redraw split: scene build (pure Rust), draw calls issued, rasterization
 *   pan / pan p95   drag frames with 250 candles visible (reduce + scene + paint), median / 95th pct of 60
 *   pan all         drag frames with all N visible, median of 30
 *   zoom            wheel frames around the centre, median of 40
 * Targets: full 5k <= 8 ms, pan 50k <= 16 ms (performance-anchors.md: pan <= 8 ms, first 50k <= 200 ms).
 */
import { test } from '@playwright/test';

interface Row {
  candles: number;
  first_ms: number;
  full_ms: number;
  full_no_indicators_ms: number;
  full_plotters_ms: number;
  full_drawn: number;
  full_scene_ms: number;
  full_draw_ms: number;
  full_raster_ms: number;
  pan_ms: number;
  pan_p95_ms: number;
  pan_full_ms: number;
  zoom_ms: number;
}

test('candle chart benchmark', async ({ page, browser }) => {
  await page.goto('/chart?bench');
  const results = page.locator('#bench-results');
  await results.waitFor({ state: 'attached', timeout: 540_000 });
  const rows: Row[] = JSON.parse((await results.textContent()) ?? '[]');
  const cols: [keyof Row, string][] = [
    ['candles', 'candles'],
    ['first_ms', 'first'],
    ['full_ms', 'full'],
    ['full_no_indicators_ms', 'full-no-ind'],
    ['full_plotters_ms', 'full(plotters)'],
    ['full_drawn', 'drawn'],
    ['full_scene_ms', 'full:scene'],
    ['full_draw_ms', 'full:calls'],
    ['full_raster_ms', 'full:raster'],
    ['pan_ms', 'pan'],
    ['pan_p95_ms', 'pan p95'],
    ['pan_full_ms', 'pan all'],
    ['zoom_ms', 'zoom'],
  ];
  const lines = [
    `Chromium ${browser.version()} (--disable-gpu), 1400x800, times in ms`,
    cols.map(([, h]) => h.padStart(13)).join(''),
    ...rows.map((r) => cols.map(([k]) => String(r[k]).padStart(13)).join('')),
  ];
  const at = (n: number) => rows.find((r) => r.candles === n);
  const five = at(5_000);
  const fifty = at(50_000);
  if (five && fifty) {
    lines.push(
      `targets: full 5k ${five.full_ms} ms (<= 8), pan 50k ${fifty.pan_ms} ms (<= 16), ` +
        `first 50k ${fifty.first_ms} ms (<= 200)`,
    );
  }
  console.log('\n' + lines.join('\n') + '\n');
});
