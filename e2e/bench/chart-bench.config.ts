import { benchConfig } from './bench-config';

// The chart benchmark: runs chart-bench.ts against a served release build. No bots needed. See chart-bench.ts
// for the command.
export default benchConfig('chart-bench.ts', 8095);
