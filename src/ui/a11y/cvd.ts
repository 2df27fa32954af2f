/**
 * Colour-vision deficiency (CVD) simulation and colour difference, to check
 * that the page's palettes stay apart for colour-blind students. Pure: no DOM.
 *
 * Simulation: Machado, Oliveira & Fernandes (2009), "A physiologically-based
 * model for simulation of color vision deficiency", severity 1.0 (dichromacy),
 * applied to linear-light sRGB as in their paper and in colorspacious.
 * Difference: CIEDE2000 ΔE₀₀ between CIELAB colours (D65 white), where about
 * 2.3 is just noticeable and ≥ 10 reads as clearly different at a glance.
 */

/** An sRGB colour, 0–255 per channel. */
export type Rgb255 = readonly [number, number, number];

/** The deficiencies simulated; 'normal' is the identity. */
export const VISIONS = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'] as const;
export type Vision = (typeof VISIONS)[number];

type Matrix3 = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

/** Machado et al. (2009), Table 1, severity 1.0, on linear RGB. */
export const MACHADO_2009: Record<Exclude<Vision, 'normal'>, Matrix3> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** '#rrggbb' (or '#rgb') → [r, g, b]. */
export function parseHex(hex: string): Rgb255 {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? h.replace(/./g, (c) => c + c) : h;
  if (!/^[0-9a-fA-F]{6}$/.test(full)) throw new Error(`not a hex colour: ${hex}`);
  const n = Number.parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** sRGB channel 0–255 → linear light 0–1. */
function toLinear(c: number): number {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}

/** Linear light 0–1 (clamped) → sRGB channel 0–255. */
function fromLinear(v: number): number {
  const c = Math.min(1, Math.max(0, v));
  return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
}

/** How `rgb` looks to a viewer with `vision` (sRGB 0–255, unrounded). */
export function simulate(rgb: Rgb255, vision: Vision): Rgb255 {
  if (vision === 'normal') return rgb;
  const m = MACHADO_2009[vision];
  const lin = rgb.map(toLinear);
  const out = m.map((row) => fromLinear(row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]));
  return [out[0], out[1], out[2]];
}

/** WCAG relative luminance (0 black … 1 white). */
export function relativeLuminance(rgb: Rgb255): number {
  const [r, g, b] = rgb.map(toLinear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 … 21). */
export function contrastRatio(a: Rgb255, b: Rgb255): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** CIELAB (D65) of an sRGB colour. */
export function toLab(rgb: Rgb255): [number, number, number] {
  const [r, g, b] = rgb.map(toLinear);
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number): number => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deg = Math.PI / 180;

/** CIEDE2000 colour difference ΔE₀₀ of two CIELAB colours (Sharma, Wu & Dalal 2005). */
export function deltaE2000(lab1: readonly number[], lab2: readonly number[]): number {
  const [L1, a1, b1] = lab1;
  const [L2, a2, b2] = lab2;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cbar7 = ((C1 + C2) / 2) ** 7;
  const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number): number => {
    if (a === 0 && b === 0) return 0;
    const h = Math.atan2(b, a) / deg;
    return h < 0 ? h + 360 : h;
  };
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  let dhp = 0;
  if (C1p * C2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * deg);
  const Lbp = (L1 + L2) / 2;
  const Cbp = (C1p + C2p) / 2;
  let hbp = h1p + h2p;
  if (C1p * C2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hbp = (h1p + h2p) / 2;
    else hbp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const T = 1 - 0.17 * Math.cos((hbp - 30) * deg) + 0.24 * Math.cos(2 * hbp * deg) + 0.32 * Math.cos((3 * hbp + 6) * deg) - 0.2 * Math.cos((4 * hbp - 63) * deg);
  const dTheta = 30 * Math.exp(-(((hbp - 275) / 25) ** 2));
  const Cbp7 = Cbp ** 7;
  const Rc = 2 * Math.sqrt(Cbp7 / (Cbp7 + 25 ** 7));
  const Sl = 1 + (0.015 * (Lbp - 50) ** 2) / Math.sqrt(20 + (Lbp - 50) ** 2);
  const Sc = 1 + 0.045 * Cbp;
  const Sh = 1 + 0.015 * Cbp * T;
  const Rt = -Math.sin(2 * dTheta * deg) * Rc;
  return Math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh));
}

/** ΔE₀₀ between two '#rrggbb' colours as a viewer with `vision` sees them. */
export function perceivedDifference(a: string, b: string, vision: Vision): number {
  return deltaE2000(toLab(simulate(parseHex(a), vision)), toLab(simulate(parseHex(b), vision)));
}

/** The closest pair of a palette under `vision`: its ΔE₀₀ and the two colours. */
export function closestPair(palette: readonly string[], vision: Vision): { deltaE: number; a: string; b: string } {
  let best = { deltaE: Infinity, a: '', b: '' };
  for (let i = 0; i < palette.length; i++) {
    for (let j = i + 1; j < palette.length; j++) {
      const d = perceivedDifference(palette[i], palette[j], vision);
      if (d < best.deltaE) best = { deltaE: d, a: palette[i], b: palette[j] };
    }
  }
  return best;
}
