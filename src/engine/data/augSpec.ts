/**
 * The data-augmentation spec and its canonical text form (tfjs-free; shared by
 * the engine, the worker, the URL codec and the controls).
 *
 * Text: comma-separated items in a fixed order, identity items omitted:
 * `flip`, `rotate:<deg>`, `zoom:<f>`, `shift:<f>`, `crop:<f>`, `noise:<σ>`,
 * `bright:<d>`, `contrast:<f>`. '' is the identity (no augmentation).
 */

export interface AugSpec {
  /** Random horizontal flip (probability ½). Not label-preserving for digits. */
  flip: boolean;
  /** Rotation angle ~ U[−rotate, rotate] degrees (0–180). */
  rotate: number;
  /** Scale ~ U[1−zoom, 1+zoom] (0–0.5); as in Keras, positive zooms out. */
  zoom: number;
  /** Translation ~ U[−shift, shift]·28 px in x and in y (0–0.5). */
  shift: number;
  /** A random crop of side crop·28 resized back to 28 (0.5–1; 1 = off). */
  crop: number;
  /** Gaussian noise σ in pixel units (0–1). */
  noise: number;
  /** Brightness delta ~ U[−bright, bright] (0–1). */
  bright: number;
  /** Contrast factor c ~ U[1−contrast, 1+contrast]: (x − mean)·c + mean (0–1). */
  contrast: number;
}

export type AugNumericKey = Exclude<keyof AugSpec, 'flip'>;

/** The names in canonical order. */
export const AUG_KEYS: readonly (keyof AugSpec)[] = [
  'flip',
  'rotate',
  'zoom',
  'shift',
  'crop',
  'noise',
  'bright',
  'contrast',
];

/** Bounds of the numeric items (inclusive) and their identity value. */
export const AUG_LIMITS: Readonly<Record<AugNumericKey, { min: number; max: number; identity: number }>> = {
  rotate: { min: 0, max: 180, identity: 0 },
  zoom: { min: 0, max: 0.5, identity: 0 },
  shift: { min: 0, max: 0.5, identity: 0 },
  crop: { min: 0.5, max: 1, identity: 1 },
  noise: { min: 0, max: 1, identity: 0 },
  bright: { min: 0, max: 1, identity: 0 },
  contrast: { min: 0, max: 1, identity: 0 },
};

export const AUG_IDENTITY: Readonly<AugSpec> = Object.freeze({
  flip: false,
  rotate: 0,
  zoom: 0,
  shift: 0,
  crop: 1,
  noise: 0,
  bright: 0,
  contrast: 0,
});

export function identityAug(): AugSpec {
  return { ...AUG_IDENTITY };
}

/** True when the spec changes nothing (every item at its identity value). */
export function isIdentityAug(spec: AugSpec): boolean {
  return AUG_KEYS.every((k) => spec[k] === AUG_IDENTITY[k]);
}

export type ParseAugResult = { ok: true; value: AugSpec } | { ok: false; clamped?: AugSpec; reason: string };

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses augmentation text. Unknown name, repeated name or malformed number →
 * not ok (no `clamped`); an out-of-range value → not ok with `clamped` (every
 * value clamped to its limits). '' (or whitespace) → the identity. Items may come
 * in any order; `formatAug` writes the canonical one.
 */
export function parseAug(text: string): ParseAugResult {
  const spec = identityAug();
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: spec };
  const seen = new Set<string>();
  const outOfRange: string[] = [];
  for (const raw of trimmed.split(',')) {
    const item = raw.trim();
    if (item === '') return { ok: false, reason: 'empty item' };
    const colon = item.indexOf(':');
    const name = (colon < 0 ? item : item.slice(0, colon)).trim();
    const arg = colon < 0 ? undefined : item.slice(colon + 1).trim();
    if (!(AUG_KEYS as readonly string[]).includes(name)) {
      return { ok: false, reason: `unknown transform "${name.slice(0, 40)}"` };
    }
    if (seen.has(name)) return { ok: false, reason: `"${name}" given twice` };
    seen.add(name);
    if (name === 'flip') {
      if (arg !== undefined) return { ok: false, reason: '"flip" takes no value' };
      spec.flip = true;
      continue;
    }
    const key = name as AugNumericKey;
    if (arg === undefined || !NUMBER_RE.test(arg)) {
      return { ok: false, reason: `"${name}" needs a number, e.g. ${name}:${String(AUG_LIMITS[key].max / 2)}` };
    }
    const v = Number(arg);
    if (!Number.isFinite(v)) return { ok: false, reason: `"${name}" needs a finite number` };
    const { min, max } = AUG_LIMITS[key];
    if (v < min || v > max) {
      outOfRange.push(`${name} must be in ${String(min)}–${String(max)}`);
      spec[key] = Math.min(max, Math.max(min, v));
    } else {
      spec[key] = v;
    }
  }
  if (outOfRange.length > 0) return { ok: false, clamped: spec, reason: outOfRange.join('; ') };
  return { ok: true, value: spec };
}

/** The canonical text of a spec (identity items omitted; numbers as `String(v)`). */
export function formatAug(spec: AugSpec): string {
  const parts: string[] = [];
  for (const k of AUG_KEYS) {
    if (k === 'flip') {
      if (spec.flip) parts.push('flip');
      continue;
    }
    const v = spec[k];
    if (v !== AUG_IDENTITY[k]) parts.push(`${k}:${String(v)}`);
  }
  return parts.join(',');
}

/** parseAug that never fails: invalid → identity, out of range → clamped. */
export function parseAugLenient(text: string): AugSpec {
  const r = parseAug(text);
  if (r.ok) return r.value;
  return r.clamped ?? identityAug();
}
