import { benchConfig } from './bench-config';

// The big-bot benchmark: runs big-bot-bench.ts against a served release build and the freqtrade imitation in
// its big mode (e2e/harness/imitation.py). See big-bot-bench.ts for the command.
export default benchConfig('big-bot-bench.ts', 8097);
