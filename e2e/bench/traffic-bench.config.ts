import { benchConfig } from './bench-config';

// API traffic per bot per hour with five real seeded bots: see traffic-bench.ts for the command.
export default benchConfig('traffic-bench.ts', 8098);
