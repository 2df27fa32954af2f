/** Number formatting for people (the raw values go in `data-value`). Digits and units are the same in both languages; words ("off") come from the catalogue. */
import { translator, type Translate } from './i18n';

/** English, for callers that give no translator. */
const EN = translator('en');

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

/** A count in a few characters: 950 → "950", 26,600 → "26.6k", 266,200 → "266k", 1,234,567 → "1.23M"; null → "—". */
export function formatCompact(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  const abs = Math.abs(n);
  if (abs < 1000) return String(Math.round(n));
  if (abs < 1e6) return `${Number((n / 1e3).toPrecision(3))}k`;
  if (abs < 1e9) return `${Number((n / 1e6).toPrecision(3))}M`;
  return `${Number((n / 1e9).toPrecision(3))}G`;
}

/** FLOPs with a unit: 192 → "192 FLOP", 4,608 → "4.6 kFLOP", 532,400 → "0.53 MFLOP", 2.7e6 → "2.7 MFLOP"; null → "—". */
export function formatFlops(n: number | null): string {
  if (n === null || !Number.isFinite(n)) return '—';
  if (n < 1000) return `${Math.round(n)} FLOP`;
  if (n < 1e5) return `${Number((n / 1e3).toPrecision(2))} kFLOP`;
  if (n < 1e8) return `${Number((n / 1e6).toPrecision(2))} MFLOP`;
  return `${Number((n / 1e9).toPrecision(2))} GFLOP`;
}

/** A magnitude threshold θ: 0 → "off", otherwise 3 significant digits (0.0501, 1.2e-4). */
export function formatThreshold(x: number): string {
  return formatThresholdIn(EN, x);
}

/** {@link formatThreshold} with "off" in the language of `t`. */
export function formatThresholdIn(t: Translate, x: number): string {
  if (x === 0) return t('views.common.off');
  return x < 1e-3 ? x.toExponential(1) : String(Number(x.toPrecision(3)));
}

/** A penalty strength λ: 0 → "off", otherwise 3 significant digits (0.001, 3.16e-5). */
export function formatLambda(x: number): string {
  return formatLambdaIn(EN, x);
}

/** {@link formatLambda} with "off" in the language of `t`. */
export function formatLambdaIn(t: Translate, x: number): string {
  if (x === 0) return t('views.common.off');
  const rounded = Number(x.toPrecision(3));
  return rounded < 1e-3 ? rounded.toExponential() : String(rounded);
}
