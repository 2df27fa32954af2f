import { logScale } from '../controls/logScale';

/** The λ slider: 0 = off, then λ = 10⁻⁶ … 1 at 10 stops per decade (1 → 1e-6, 31 → 1e-3, 61 → 1). */
export const LAMBDA_SCALE = logScale(-6, 0, 10);

export const LAMBDA_MAX_POSITION = LAMBDA_SCALE.maxPosition;
export const lambdaAt = LAMBDA_SCALE.at;
export const lambdaPosition = LAMBDA_SCALE.position;
