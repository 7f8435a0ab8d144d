import * as path from 'path';

/** Which set of ports and state dir this run uses (so runs can share a machine). */
export const SLOT = Number(process.env.FREQBOARD_E2E_SLOT ?? '0');
export const UI_PORT = 8090 + SLOT * 10;
export const UI_ORIGIN = `http://127.0.0.1:${UI_PORT}`;
export const BOT_BASE_PORT = 18180 + SLOT * 100;
export const SIM_PORT = 18100 + SLOT * 100;
export const STATE_DIR = path.resolve(__dirname, `../../.run/e2e${SLOT || ''}`);
export const DIST_DIR = path.resolve(__dirname, '..', '..', process.env.FREQBOARD_DIST ?? 'dist');
/** Closed trades seeded into the `history` bot's database before it starts (global-setup.ts). */
export const HISTORY_CLOSED_TRADES = 600;
/** The trading bots global-setup.ts starts for the whole run (crashes.ts starts one again if it crashes). */
export const TRADING_BOTS = ['alpha', 'beta', 'nocors', 'history', 'gamma'];
