import { logScale } from '../controls/logScale';

/** The θ slider: 0 = off, then θ = 10⁻⁴ … 10 at 20 stops per decade (1 → 1e-4, 41 → 0.01, 101 → 10). */
export const THRESHOLD_SCALE = logScale(-4, 1, 20);

export const THRESHOLD_MAX_POSITION = THRESHOLD_SCALE.maxPosition;
export const thresholdAt = THRESHOLD_SCALE.at;
export const thresholdPosition = THRESHOLD_SCALE.position;
