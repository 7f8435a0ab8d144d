import { benchConfig } from './bench-config';

// The chart benchmark: runs chart-bench.ts against a served release build with the `bench` feature (dist-bench/,
// made by `trunk build --release --features bench --dist dist-bench`). No bots needed. See chart-bench.ts.
export default benchConfig('chart-bench.ts', 8095, 'dist-bench');
