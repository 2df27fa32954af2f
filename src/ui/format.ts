/** Number formatting for people (the raw values go in `data-value`). */

const grouped = new Intl.NumberFormat('en-US');

/** 12345 → "12,345"; null → "—". */
export function formatCount(n: number | null): string {
  return n === null || !Number.isFinite(n) ? '—' : grouped.format(Math.round(n));
}

/** A loss: 4 significant digits, exponent for tiny values; null → "—". */
export function formatLoss(x: number | null): string {
  if (x === null) return '—';
  if (!Number.isFinite(x)) return String(x);
  if (x !== 0 && Math.abs(x) < 1e-3) return x.toExponential(2);
  return x.toPrecision(4);
}

/** A fraction as a percentage with one decimal: 0.9312 → "93.1 %"; null → "—". */
export function formatPercent(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(1)} %`;
}

/** Steps per second: whole numbers above 100, one decimal below. */
export function formatRate(x: number): string {
  if (!(x > 0)) return '—';
  return x >= 100 ? grouped.format(Math.round(x)) : x.toFixed(1);
}

/** A learning rate as written in the URL: 0.001, 0.00003, 3. */
export function formatLr(x: number): string {
  return String(x);
}

/** Bytes as megabytes with one decimal. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A raw machine value for `data-value`: String(n), '' when unknown. */
export function rawValue(x: number | string | null | undefined): string {
  if (x === null || x === undefined) return '';
  return String(x);
}
