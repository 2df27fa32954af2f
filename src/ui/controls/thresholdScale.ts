import { logScale } from './logScale';

/** The θ slider: 0 = off, then θ = 10⁻⁴ … 10 at 20 stops per decade (1 → 1e-4, 41 → 0.01, 101 → 10). */
const THRESHOLD = logScale(-4, 1, 20);

export const THRESHOLD_MAX_POSITION = THRESHOLD.maxPosition;
export const thresholdAt = THRESHOLD.at;
export const thresholdPosition = THRESHOLD.position;
