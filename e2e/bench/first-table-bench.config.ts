import { benchConfig } from './bench-config';

// Time to the first open-trades table: runs first-table-bench.ts against a served release build and the freqtrade
// imitation. See first-table-bench.ts for the command.
export default benchConfig('first-table-bench.ts', 8096);
