// What the measured throughput says about a location's rate limit: the one vocabulary of every view.

/** `no-limit`: no rate limit applies; `insufficient-data`: one applies but too few responses were measured. */
export type Verdict = 'conforming' | 'throttled' | 'ineffective' | 'unclear' | 'insufficient-data' | 'no-limit';
