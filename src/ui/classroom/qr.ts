import qrcode from 'qrcode-generator';

/** A QR code as a square of modules: `dark[row * size + col]`. */
export interface QrMatrix {
  /** Modules per side: 17 + 4 · version. */
  size: number;
  /** The QR version (1–40) picked for the text: the smallest that holds it. */
  version: number;
  /** Error correction: 'M' (15 % of the code may be damaged) when it fits in a version a phone reads easily, else 'L' (7 %). */
  level: 'L' | 'M';
  dark: boolean[];
}

/** Above this version, 'M' gives way to 'L' so the code stays coarse enough to scan from a screen. */
const M_MAX_VERSION = 15;

/** `text` as UTF-8, one character per byte. */
function utf8Binary(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) out += String.fromCharCode(byte);
  return out;
}

function make(text: string, level: 'L' | 'M'): QrMatrix | null {
  const qr = qrcode(0, level);
  // Byte mode over UTF-8 (the library takes one byte per character); a link is ASCII anyway.
  qr.addData(utf8Binary(text), 'Byte');
  try {
    qr.make();
  } catch {
    return null; // "code length overflow": more than version 40 holds
  }
  const size = qr.getModuleCount();
  const dark: boolean[] = new Array<boolean>(size * size);
  for (let r = 0; r < size; r += 1) for (let c = 0; c < size; c += 1) dark[r * size + c] = qr.isDark(r, c);
  return { size, version: (size - 17) / 4, level, dark };
}

/**
 * The QR code of `text` (a link), or null when it is too long for any QR code
 * (version 40 at level L holds 2,953 bytes). The version is chosen
 * automatically; level M when that needs at most version {@link M_MAX_VERSION},
 * else L.
 */
export function qrFor(text: string): QrMatrix | null {
  const m = make(text, 'M');
  if (m !== null && m.version <= M_MAX_VERSION) return m;
  return make(text, 'L') ?? m;
}

/**
 * The dark modules as one SVG path in module units, offset by `quiet` (the
 * quiet zone around the code): `M{x} {y}h1v1h-1z` per module, runs of
 * adjacent dark modules in a row merged into one rectangle.
 */
export function qrPath(matrix: QrMatrix, quiet = 4): string {
  const { size, dark } = matrix;
  let d = '';
  for (let r = 0; r < size; r += 1) {
    let c = 0;
    while (c < size) {
      if (!dark[r * size + c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < size && dark[r * size + c]) c += 1;
      d += `M${start + quiet} ${r + quiet}h${c - start}v1h-${c - start}z`;
    }
  }
  return d;
}
