/**
 * The speed slider's stops (URL key `speed`: the most training steps per
 * second, 0 = full speed): slow motion at 1–5 steps/s, where every step is
 * drawn, up through a rough ×2–×2.5 ladder to 1,000 steps/s, then full speed
 * at the right end. Positions are indices into {@link SPEED_STOPS}.
 */
export const SPEED_STOPS: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0];

/** The slider position of `speed`: the stop nearest on a log scale; full speed (0) is the last. */
export function speedPosition(speed: number): number {
  if (!(speed > 0)) return SPEED_STOPS.length - 1;
  let best = 0;
  for (let i = 0; i < SPEED_STOPS.length - 1; i++) {
    if (Math.abs(Math.log(SPEED_STOPS[i] / speed)) < Math.abs(Math.log(SPEED_STOPS[best] / speed))) best = i;
  }
  return best;
}

/** The speed at a slider position (clamped to the stops). */
export function speedAt(position: number): number {
  const i = Math.min(Math.max(Math.round(position), 0), SPEED_STOPS.length - 1);
  return SPEED_STOPS[i];
}
