/**
 * The student's own 2-D points (the `custom` dataset) as plain data, and their
 * canonical text — the one format the URL key `pts`, local storage, the
 * own-data card and the worker share. tfjs-free, so the main thread may import it.
 *
 * A point lives in network-input coordinates, x, y ∈ [−1, 1] (the toy sets'
 * range after their ÷6 scaling), rounded to 2 decimals, with a class index:
 * 0 = class A (orange, as the toys' class 0), 1 = class B (blue).
 * Text: `x,y,c` per point, points joined by `;`, in drawing order, e.g.
 * `-0.5,0.25,0;0.3,-0.12,1`.
 */

/** One labelled point: x, y ∈ [−1, 1] with 2 decimals; `label` 0 (class A) or 1 (class B). */
export interface OwnPoint {
  x: number;
  y: number;
  label: 0 | 1;
}

/** Most points the dataset holds (drawn, uploaded or in a link). */
export const OWN_MAX_POINTS = 2000;
/**
 * Most points a link carries: 150 points are at most 150 × 14 = 2,100
 * characters of `pts`. A larger set stays in local storage only.
 */
export const OWN_URL_MAX_POINTS = 150;
/** Fewest points a run can train on: one to train, one to test. */
export const OWN_MIN_POINTS = 2;
/** |x| and |y| never exceed this. */
export const OWN_COORD_LIMIT = 1;
/** The square [−E, E]² the points are drawn in and the decision boundary covers (E = 1.1: points at ±1 are drawn whole). */
export const OWN_VIEW_EXTENT = 1.1;

/** A plain decimal number: optional sign, digits with optional fraction, optional exponent. No hex, no Infinity/NaN. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Longest text worth splitting: 2,000 points of generous width; longer is rejected unread. */
const MAX_TEXT = OWN_MAX_POINTS * 40;

/** A coordinate as stored: clamped to [−1, 1] and rounded to 2 decimals (−0 becomes 0; NaN becomes 0). */
export function roundCoord(v: number): number {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 0 : Math.sign(v) * OWN_COORD_LIMIT;
  const c = Math.min(OWN_COORD_LIMIT, Math.max(-OWN_COORD_LIMIT, v));
  return Math.round(c * 100) / 100 + 0;
}

/** The canonical text of `points` (see the module comment); '' for none. Coordinates are rounded as {@link roundCoord} does. */
export function formatPoints(points: readonly OwnPoint[]): string {
  return points.map((p) => `${roundCoord(p.x)},${roundCoord(p.y)},${p.label}`).join(';');
}

/** The outcome of {@link parsePoints}: the points, or clamped points and why, or a rejection. */
export type ParsedPoints = { ok: true; value: OwnPoint[] } | { ok: false; clamped: OwnPoint[]; reason: string } | { ok: false; clamped?: undefined; reason: string };

/**
 * Parses `pts` text: `x,y,c` items joined by `;` (spaces and empty items
 * ignored), x and y plain decimals, c 0 or 1, at most {@link OWN_MAX_POINTS}.
 * Coordinates are rounded to 2 decimals; ones outside [−1, 1] are clamped
 * (reported, the rest kept); anything malformed rejects the whole text.
 * Never throws, and gives up on over-long text before splitting it.
 */
export function parsePoints(raw: string): ParsedPoints {
  if (typeof raw !== 'string') return { ok: false, reason: 'not text' };
  if (raw.length > MAX_TEXT) return { ok: false, reason: `longer than ${MAX_TEXT} characters` };
  const items = raw.split(';');
  const points: OwnPoint[] = [];
  let clamped = false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i].trim();
    if (item === '') continue;
    if (points.length === OWN_MAX_POINTS) return { ok: false, reason: `more than ${OWN_MAX_POINTS} points` };
    const parts = item.split(',').map((s) => s.trim());
    if (parts.length !== 3) return { ok: false, reason: `point ${points.length + 1} is not x,y,class` };
    const [xs, ys, cs] = parts;
    if (!DECIMAL.test(xs) || !DECIMAL.test(ys)) return { ok: false, reason: `point ${points.length + 1} has a coordinate that is not a number` };
    const x = Number(xs);
    const y = Number(ys);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return { ok: false, reason: `point ${points.length + 1} has a coordinate that is not finite` };
    if (cs !== '0' && cs !== '1') return { ok: false, reason: `point ${points.length + 1} has a class other than 0 or 1` };
    if (Math.abs(x) > OWN_COORD_LIMIT || Math.abs(y) > OWN_COORD_LIMIT) clamped = true;
    points.push({ x: roundCoord(x), y: roundCoord(y), label: cs === '1' ? 1 : 0 });
  }
  return clamped ? { ok: false, clamped: points, reason: `coordinates outside [−${OWN_COORD_LIMIT}, ${OWN_COORD_LIMIT}]` } : { ok: true, value: points };
}

/** The points of `text`, clamped where need be; none when it is malformed. For the worker, which trusts the store's canonical text. */
export function parsePointsLenient(text: string): OwnPoint[] {
  const parsed = parsePoints(text);
  return parsed.ok ? parsed.value : (parsed.clamped ?? []);
}

/** Whether `text` is canonical `pts` text: it parses and is written back unchanged. */
export function isCanonicalPoints(text: string): boolean {
  if (typeof text !== 'string') return false;
  const parsed = parsePoints(text);
  return parsed.ok && formatPoints(parsed.value) === text;
}

/** The number of points in canonical `pts` text (items between `;`), without parsing the numbers. */
export function countPoints(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 59 /* ; */) n++;
  return n;
}

/** Points of each class: [class A, class B]. */
export function classCounts(points: readonly OwnPoint[]): [number, number] {
  let b = 0;
  for (const p of points) b += p.label;
  return [points.length - b, b];
}

/**
 * The example a student starts from when they first pick their own data: two
 * classes that no straight line separates (class B in the middle, class A
 * around it and in one corner), 24 points, canonical text.
 */
export const OWN_EXAMPLE =
  '-0.1,0.12,1;0.15,0.05,1;0.02,-0.18,1;-0.2,-0.08,1;0.22,0.25,1;-0.05,0.3,1;0.3,-0.2,1;-0.28,0.2,1;0.08,0.02,1;-0.12,-0.3,1;' +
  '0.7,0.1,0;0.55,0.55,0;0.05,0.72,0;-0.5,0.5,0;-0.75,0,0;-0.5,-0.55,0;0,-0.7,0;0.5,-0.5,0;0.85,-0.8,0;0.7,-0.85,0;-0.8,0.85,0;0.65,0.8,0;-0.85,-0.75,0;0.9,0.4,0';
