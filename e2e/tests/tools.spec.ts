// Pairlist configurator and strategy analyses on a real `freqtrade webserver` (issue 13): a chain built from
// the bot's handlers with typed parameters, evaluated as a job, its whitelist handed to Download data; named
// configs saved, renamed, duplicated and deleted, kept across a reload; lookahead and recursive analyses run
// as jobs, one picked up again after a reload, their findings shown.
import fs from 'node:fs';
import { test, expect, bot, login, harness, BotApi, UI_ORIGIN } from './helpers';
import { BOT_BASE_PORT, SIM_PORT } from './env';

const TOOLS_PORT = BOT_BASE_PORT + 52;

/** `YYYY-MM-DD`, `days` days ago (UTC). */
function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** The smallest tested count from which every indicator differs by under 0.1 % (missing: no difference). */
function recommended(result: { startup_candles: number[]; results: Record<string, Record<string, number | null>> }): number | null {
  const counts = [...new Set(result.startup_candles)].sort((a, b) => a - b);
  const settled = (c: number) => Object.values(result.results).every((byCount) => {
    const d = String(c) in byCount ? byCount[String(c)] : 0;
    return d !== null && Math.abs(d) < 0.001;
  });
  let first = 0;
  counts.forEach((c, i) => { if (!settled(c)) first = i + 1; });
  return first < counts.length ? counts[first] : null;
}

test.describe('webserver tools', () => {
  test.beforeAll(async () => {
    test.setTimeout(600_000);
    // 10 days of 5m candles: the analyses' timerange (the last week) keeps startup candles before it.
    harness('webserver', '--name', 'tools', '--port', String(TOOLS_PORT), '--sim-port', String(SIM_PORT), '--ui-origin', UI_ORIGIN,
      '--timeframes', '5m', '--days', '10');
  });

  test('pairlist configurator: build, check, evaluate, save, rename, reload, hand to Download data', async ({ page, request, requests }) => {
    test.setTimeout(180_000);
    const tools = bot('tools');
    const api = await BotApi.login(request, tools);
    const config = JSON.parse(fs.readFileSync(tools.config, 'utf8'));
    const whitelist: string[] = config.exchange.pair_whitelist;
    expect(whitelist.length).toBeGreaterThanOrEqual(4);

    await login(page, tools, { name: 'Tools' });
    const nav = page.locator('nav.nav-links');
    await nav.getByRole('link', { name: 'Pairlists' }).click();
    await expect(page).toHaveURL(/\/pairlists$/);
    const handlers = page.locator('.handler-list .handler');
    await expect(handlers.first()).toBeVisible();
    expect(await handlers.count()).toBeGreaterThanOrEqual(15);
    // A filter cannot start the chain.
    await expect(page.getByRole('button', { name: 'Add OffsetFilter' })).toBeDisabled();
    await page.getByRole('button', { name: 'Add StaticPairList' }).click();
    await page.getByRole('button', { name: 'Add OffsetFilter' }).click();
    const chain = page.locator('.chain .chain-entry');
    await expect(chain).toHaveCount(2);
    await expect(page.locator('.config-json')).toContainText('"method": "OffsetFilter"');

    // A wrong value is said at its input, and nothing is sent.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/v1/pairlists/evaluate')) posts.push(r.postData() ?? '');
    });
    const offset = chain.nth(1).locator('[data-param="offset"] input');
    await offset.fill('one');
    await offset.press('Enter');
    await expect(chain.nth(1).locator('[data-param="offset"] [role="alert"]')).toHaveText('"one" is not a number');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await expect(page.locator('.problems')).toContainText('offset: "one" is not a number');
    expect(posts).toHaveLength(0);

    await offset.fill('1');
    await offset.press('Enter');
    const assets = chain.nth(1).locator('[data-param="number_assets"] input');
    await assets.fill('2');
    await assets.press('Enter');
    await expect(page.locator('.config-json')).toContainText('"offset": 1,');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    const pairs = page.locator('.whitelist li');
    await expect(pairs).toHaveText(whitelist.slice(1, 3), { timeout: 60_000 });
    expect(JSON.parse(posts[0])).toEqual({
      pairlists: [{ method: 'StaticPairList' }, { method: 'OffsetFilter', offset: 1, number_assets: 2 }],
      blacklist: [], stake_currency: 'USDT',
    });

    // The blacklist: freqtrade takes blacklisted pairs out of the chain's result.
    const blacklist = page.getByLabel('Blacklist (pairs or regular expressions)');
    await blacklist.fill(whitelist[1]);
    await blacklist.press('Tab');
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    await expect(pairs).toHaveText([whitelist[2]], { timeout: 60_000 });
    expect(JSON.parse(posts[1]).blacklist).toEqual([whitelist[1]]);

    // Save, rename, duplicate; a reload brings the saved config back.
    const name = page.getByLabel('Name', { exact: true });
    await name.fill('Top two');
    // Editing the config meanwhile keeps the name typed.
    const stake = page.getByLabel('Stake currency');
    await stake.fill('USDT');
    await stake.press('Tab');
    await expect(name).toHaveValue('Top two');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = page.getByLabel('Saved configs');
    await expect(saved).toHaveValue('Top two');
    await name.fill('Skip one');
    await page.getByRole('button', { name: 'Rename' }).click();
    await expect(saved.locator('option')).toHaveText(['— new config —', 'Skip one']);
    await page.getByRole('button', { name: 'Duplicate' }).click();
    await expect(saved.locator('option')).toHaveText(['— new config —', 'Skip one', 'Skip one copy']);
    await expect(saved).toHaveValue('Skip one copy');
    const deletes: string[] = [];
    page.on('request', (r) => { if (r.method() === 'DELETE') deletes.push(r.url()); });
    await page.locator('.saved-bar').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await expect(saved.locator('option')).toHaveText(['— new config —', 'Skip one']);
    // Kept in the browser only: the bot is not asked.
    expect(deletes).toEqual([]);
    await page.reload();
    await expect(saved).toHaveValue('Skip one');
    await expect(chain).toHaveCount(2);
    await expect(chain.nth(1).locator('[data-param="offset"] input')).toHaveValue('1');
    await expect(blacklist).toHaveValue(whitelist[1]);
    await expect(stake).toHaveValue('USDT');
    const kept = await page.evaluate(() => JSON.parse(localStorage.getItem('freqboard.pairlists.v1') ?? '{}'));
    expect(kept.configs.map((c: { name: string }) => c.name)).toEqual(['Skip one']);

    // After the reload the last evaluation is read again; its pairs go to Download data.
    await expect(pairs).toHaveText([whitelist[2]], { timeout: 30_000 });
    // The exchange's markets are for the download form only: this page never asked for them.
    expect(requests.filter((u) => u.includes('/api/v1/markets'))).toEqual([]);
    await page.getByRole('button', { name: 'Download data for these pairs' }).click();
    await expect(page).toHaveURL(/\/data$/);
    await expect(page.locator('textarea[name="pairs"]')).toHaveValue(whitelist[2]);
    const evaluation = page.locator('.job[data-category="pairlist"]').first();
    await expect(evaluation).toHaveAttribute('data-status', 'success');
    await expect(evaluation.locator('.job-found')).toHaveText('1 pair');
  });

  test('lookahead and recursive analyses run as jobs; one is picked up after a reload', async ({ page, request }) => {
    test.setTimeout(420_000);
    const tools = bot('tools');
    const api = await BotApi.login(request, tools);
    await login(page, tools, { name: 'Tools' });
    await page.locator('nav.nav-links').getByRole('link', { name: 'Analysis' }).click();
    await expect(page).toHaveURL(/\/analysis$/);

    const look = page.locator('section.lookahead_analysis');
    await look.getByRole('button', { name: 'Start lookahead analysis' }).click();
    await expect(look.locator('form [role="alert"]')).toHaveText('Pick a strategy.');
    await look.locator('select[name="strategy"]').selectOption('SampleStrategy');
    await look.locator('select[name="timeframe"]').selectOption('5m');
    await look.getByRole('button', { name: 'Start lookahead analysis' }).click();
    await expect(look.locator('form [role="alert"]')).toContainText('Pick a start date');
    await look.locator('input[name="from"]').fill(daysAgo(7));
    await look.locator('input[name="to"]').fill(daysAgo(1));
    await look.locator('input[name="minimum"]').fill('1');
    await look.locator('input[name="targeted"]').fill('2');
    const lookStarted = page.waitForResponse((r) => r.url().endsWith('/api/v1/lookahead_analysis') && r.request().method() === 'POST');
    await look.getByRole('button', { name: 'Start lookahead analysis' }).click();
    const lookJob = (await (await lookStarted).json()).job_id;
    const verdict = look.locator('.verdict');
    await expect(verdict).toHaveText(/lookahead bias detected$/, { timeout: 300_000 });
    const lookResult = (await api.get(`/lookahead_analysis/${lookJob}`)).result;
    await expect(verdict).toHaveText(lookResult.has_bias ? 'Lookahead bias detected' : 'No lookahead bias detected');
    await expect(look.locator('table')).toContainText(`Signals checked${lookResult.total_signals}`);

    const rec = page.locator('section.recursive_analysis');
    await rec.locator('select[name="strategy"]').selectOption('SampleStrategy');
    await rec.locator('select[name="timeframe"]').selectOption('5m');
    await rec.locator('input[name="from"]').fill(daysAgo(7));
    await rec.locator('input[name="startup"]').fill('100, 200, 400');
    const recStarted = page.waitForResponse((r) => r.url().endsWith('/api/v1/recursive_analysis') && r.request().method() === 'POST');
    await rec.getByRole('button', { name: 'Start recursive analysis' }).click();
    const recJob = (await (await recStarted).json()).job_id;
    // Reloaded at once: the job is found again in GET /background and its result read when it ends.
    const picked = page.waitForResponse((r) => r.url().endsWith(`/api/v1/recursive_analysis/${recJob}`), { timeout: 300_000 });
    await page.reload();
    await picked;
    const recVerdict = rec.locator('.verdict');
    await expect(recVerdict).toBeVisible({ timeout: 60_000 });
    const recResult = (await api.get(`/recursive_analysis/${recJob}`)).result;
    expect(recResult.startup_candles).toEqual([100, 200, 400]);
    const want = recommended(recResult);
    await expect(recVerdict).toHaveText(want === null
      ? 'No tested startup candle count is enough: test larger ones.'
      : `Recommended startup candle count: ${want}`);
    const table = rec.locator('.recursive-table');
    await expect(table.locator('thead th')).toHaveText(['Indicator', '100', '200', '400']);
    await expect(table.locator('tbody tr')).toHaveCount(Object.keys(recResult.results).length);
    // Both jobs are in Data's list.
    await page.locator('nav.nav-links').getByRole('link', { name: 'Data' }).click();
    const recRow = page.locator('.job[data-category="recursive_analysis"]').first();
    await expect(recRow).toHaveAttribute('data-status', 'success');
    await expect(recRow.locator('.job-found')).toHaveText(want === null
      ? 'no tested startup candle count is enough'
      : `recommended startup candle count ${want}`);
    const lookRow = page.locator('.job[data-category="lookahead_analysis"]').first();
    await expect(lookRow).toHaveAttribute('data-status', 'success');
    await expect(lookRow.locator('.job-found')).toHaveText(lookResult.has_bias ? 'lookahead bias detected' : 'no lookahead bias');
  });
});
