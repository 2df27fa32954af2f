/**
 * Reads the student's own points from CSV text: two numeric columns and a
 * label with two distinct values. Never throws: every row that cannot be read
 * is reported with its 1-based line number and why, and the good rows load.
 * tfjs-free (the own-data card parses on the main thread).
 */
import { OWN_COORD_LIMIT, OWN_MAX_POINTS, roundCoord, type OwnPoint } from './ownPoints';

/** Largest file read, in bytes (and characters of text): 1 MB. */
export const CSV_MAX_BYTES = 1_000_000;
/** Most bad rows listed one by one (the rest are counted). */
export const CSV_MAX_LISTED_ERRORS = 50;

/**
 * Why a row was not read: `fields` fewer than 3 fields; `x`, `y` that column is
 * not a number; `label` the label is empty; `third-label` a third distinct
 * label; `limit` the file has more than {@link OWN_MAX_POINTS} good rows: this
 * row and every later one are not read (one error; `value` holds how many rows).
 */
export type CsvErrorCode = 'fields' | 'x' | 'y' | 'label' | 'third-label' | 'limit';

/** One bad row: its line in the file (from 1), why, and the offending text (at most 24 characters). */
export interface CsvRowError {
  line: number;
  code: CsvErrorCode;
  value: string;
}

/** What {@link parseCsvPoints} found. */
export interface CsvResult {
  /** The good rows, in file order, in playground coordinates (see {@link fitToPlayground}). */
  points: OwnPoint[];
  /** Bad rows in line order, the first {@link CSV_MAX_LISTED_ERRORS}. */
  errors: CsvRowError[];
  /** All bad rows; the rows over the point limit count as one. */
  errorCount: number;
  /** Set when nothing could be read at all: the text is too large, or holds no data row. */
  fileError: 'too-large' | 'empty' | null;
  /**
   * The label values as written: [class A's, class B's]. A file with one
   * label value has null for the other class (its points are class B when
   * the value is 1 or B, else class A); both null when nothing loaded.
   */
  classes: [string | null, string | null];
  /** Whether the coordinates were rescaled into [−1, 1] (they were not when all already lay there). */
  rescaled: boolean;
  /** Whether the first line was taken as a header. */
  header: boolean;
}

/** The result for a file too large to read ({@link CSV_MAX_BYTES}); the UI checks the size before reading it. */
export function csvTooLarge(): CsvResult {
  return { points: [], errors: [], errorCount: 0, fileError: 'too-large', classes: [null, null], rescaled: false, header: false };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** A decimal comma, `1,5`: read as 1.5 when the separator is `;` or a tab. */
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;

/** The field separator, from the first data line: tab, else `;`, else `,`. */
function separatorOf(line: string): string {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return ',';
}

/** A field without surrounding spaces and one pair of surrounding double quotes. */
function clean(field: string): string {
  const t = field.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

/** The number in `field`, or NaN: plain decimals with optional exponent; `1,5` when `sep` is not a comma. */
function numberOf(field: string, sep: string): number {
  const t = sep !== ',' && DECIMAL_COMMA.test(field) ? field.replace(',', '.') : field;
  if (!NUMBER.test(t)) return Number.NaN;
  const n = Number(t);
  return Number.isFinite(n) ? n : Number.NaN;
}

const shorten = (s: string): string => (s.length > 24 ? `${s.slice(0, 23)}…` : s);

/**
 * Which label is which class: of two labels the smaller is class A (0) —
 * numerically when both are numbers (0/1, −1/1, 1/2), else by string order
 * (A/B, cat/dog). A lone label is class B when it is 1 or B, else class A.
 */
function classOrder(labels: string[], sep: string): [string | null, string | null] {
  if (labels.length === 0) return [null, null];
  if (labels.length === 1) return /^(1|b)$/i.test(labels[0]) ? [null, labels[0]] : [labels[0], null];
  const [a, b] = labels;
  const na = numberOf(a, sep);
  const nb = numberOf(b, sep);
  const aFirst = Number.isFinite(na) && Number.isFinite(nb) ? na < nb : a < b;
  return aFirst ? [a, b] : [b, a];
}

/**
 * Fits points into the playground's square: when every |x| and |y| is at
 * most 1 they are kept; otherwise they are centred on the middle of their
 * bounding box and divided by half its longer side (one scale for both axes,
 * so shapes keep their proportions), giving [−1, 1] on the longer axis.
 * Coordinates are then rounded to 2 decimals. Returns the points and whether
 * they were rescaled.
 */
export function fitToPlayground(raw: readonly { x: number; y: number; label: 0 | 1 }[]): { points: OwnPoint[]; rescaled: boolean } {
  let [xMin, xMax, yMin, yMax] = [Infinity, -Infinity, Infinity, -Infinity];
  for (const p of raw) {
    xMin = Math.min(xMin, p.x);
    xMax = Math.max(xMax, p.x);
    yMin = Math.min(yMin, p.y);
    yMax = Math.max(yMax, p.y);
  }
  const inside = raw.every((p) => Math.abs(p.x) <= OWN_COORD_LIMIT && Math.abs(p.y) <= OWN_COORD_LIMIT);
  if (inside) return { points: raw.map((p) => ({ x: roundCoord(p.x), y: roundCoord(p.y), label: p.label })), rescaled: false };
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  const half = Math.max(xMax - xMin, yMax - yMin) / 2;
  const s = half > 0 ? half / OWN_COORD_LIMIT : 1;
  return { points: raw.map((p) => ({ x: roundCoord((p.x - cx) / s), y: roundCoord((p.y - cy) / s), label: p.label })), rescaled: true };
}

/**
 * Parses CSV text into points. Lines split on \n, \r\n or \r; blank lines are
 * skipped. The separator is a tab, `;` or `,` (the first that occurs in the first
 * non-blank line); with `;` or a tab a decimal comma (`1,5`) is read too.
 * The first non-blank line is a header when neither of its first two fields
 * is a number. Each data row needs x, y, label (extra columns are ignored); the
 * first two distinct labels are the classes (see {@link classOrder}) and a row
 * with a third is bad. At most {@link OWN_MAX_POINTS} good rows are read; text
 * longer than {@link CSV_MAX_BYTES} is not read at all. Coordinates are fitted
 * into [−1, 1] by {@link fitToPlayground}.
 */
export function parseCsvPoints(text: string): CsvResult {
  if (typeof text !== 'string' || text.length > CSV_MAX_BYTES) return csvTooLarge();
  const result: CsvResult = { points: [], errors: [], errorCount: 0, fileError: null, classes: [null, null], rescaled: false, header: false };
  const lines = text.split(/\r\n|\r|\n/);
  const fail = (line: number, code: CsvErrorCode, value: string): void => {
    result.errorCount++;
    if (result.errors.length < CSV_MAX_LISTED_ERRORS) result.errors.push({ line, code, value: shorten(value) });
  };
  const raw: { x: number; y: number; label: string }[] = [];
  const labels: string[] = [];
  let sep: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const first = sep === null;
    sep ??= separatorOf(line);
    const fields = line.split(sep).map(clean);
    if (first && fields.length >= 2 && Number.isNaN(numberOf(fields[0], sep)) && Number.isNaN(numberOf(fields[1], sep))) {
      result.header = true;
      continue;
    }
    if (raw.length === OWN_MAX_POINTS) {
      // One error for the rest: the first line not read, and how many data rows it starts.
      let rest = 0;
      for (let j = i; j < lines.length; j++) if (lines[j].trim() !== '') rest++;
      fail(lineNo, 'limit', String(rest));
      break;
    }
    if (fields.length < 3) {
      fail(lineNo, 'fields', line.trim());
      continue;
    }
    const x = numberOf(fields[0], sep);
    if (Number.isNaN(x)) {
      fail(lineNo, 'x', fields[0]);
      continue;
    }
    const y = numberOf(fields[1], sep);
    if (Number.isNaN(y)) {
      fail(lineNo, 'y', fields[1]);
      continue;
    }
    const label = fields[2];
    if (label === '') {
      fail(lineNo, 'label', '');
      continue;
    }
    if (!labels.includes(label)) {
      if (labels.length === 2) {
        fail(lineNo, 'third-label', label);
        continue;
      }
      labels.push(label);
    }
    raw.push({ x, y, label });
  }
  if (raw.length === 0) return { ...result, fileError: 'empty' };
  const order = classOrder(labels, sep ?? ',');
  const fitted = fitToPlayground(raw.map((p) => ({ x: p.x, y: p.y, label: p.label === order[1] ? 1 : 0 })));
  return { ...result, points: fitted.points, rescaled: fitted.rescaled, classes: order };
}
