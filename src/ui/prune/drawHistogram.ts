/**
 * Paints the weight histograms' small multiples on one canvas: a panel per
 * kernel layer with stacked kept / pruned bars on a shared axis — |w| on a log
 * scale, or signed w on a linear one with exact zeros in a bar of their own —
 * and a dashed vertical line at the layer's cut. Plain canvas calls, fed plain data.
 */
import { axisPosition, decadeTicks, signedAxisPosition, signedTicks, type LayerHistogram, type LogBins, type SignedBins } from './histogram';

import { translator, type Translate } from '../i18n';

/** English, for callers that give no translator. */
const EN = translator('en');

export const KEPT_COLOUR = '#1f6fb4';
export const PRUNED_COLOUR = '#c3c9d1';
export const CUT_COLOUR = '#c0392b';
/** The exact-zero bar of the signed view (kept zeros): vermillion, apart from the blue bell. */
export const ZERO_COLOUR = '#d55e00';
const INK = '#1b2128';
const MUTED = '#5b6470';
const GRID = '#e3e6ea';

/** One panel's content. */
export interface HistogramPanel {
  title: string;
  hist: LayerHistogram;
  /** Magnitude cut (0 = none). */
  cut: number;
}

/** Panel height in CSS pixels, by how many panels there are. */
export function panelHeight(count: number): number {
  return count > 4 ? 96 : 118;
}

/** Height of the bottom axis strip, CSS pixels. */
export const AXIS_HEIGHT = 40;

const PAD_LEFT = 12;
const PAD_RIGHT = 12;
const TITLE_HEIGHT = 24;

/** Compact magnitude label: 0.001, 0.01, 0.1, 1, 1e-4 (signed values keep their sign). */
function magnitudeLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  const text = a >= 1e-3 && a < 1e4 ? String(+a.toPrecision(3)) : a.toExponential(0);
  return v < 0 ? `−${text}` : text;
}

/**
 * The shared horizontal axis of the panels: how many bar slots, where a value
 * sits (fraction of the plot width), the ticks, where a magnitude cut is drawn,
 * and which slot (if any) is the exact-zero bar.
 */
export interface HistogramAxis {
  slots: number;
  position(v: number): number;
  ticks: number[];
  /** Label at the axis' left end under the first slot ('≈0' for the log view's underflow bin), or null. */
  leftLabel: string | null;
  title: string;
  /** Values at which a magnitude cut c is drawn: c on the |w| axis, ±c on the signed one. */
  cutAt(cut: number): number[];
  /**
   * The slot of exact zeros, drawn in its own colour and left out of the bar
   * scale (under proximal L1 or heavy pruning it would flatten every other bar;
   * it is clipped at the panel's top instead); −1 when none.
   */
  zeroSlot: number;
}

/** The |w| axis on a log scale: the underflow slot, then `bins.count` log bins. */
export function logAxis(bins: LogBins, t: Translate = EN): HistogramAxis {
  return {
    slots: bins.count + 1,
    position: (v) => axisPosition(bins, v),
    ticks: decadeTicks(bins),
    leftLabel: t('views.hist.nearZero'),
    title: t('views.hist.axisLog'),
    cutAt: (cut) => [cut],
    zeroSlot: -1,
  };
}

/** The signed w axis, linear and symmetric, with the exact-zero slot in the middle. */
export function signedAxis(bins: SignedBins, t: Translate = EN): HistogramAxis {
  return {
    slots: 2 * bins.perSide + 1,
    position: (v) => signedAxisPosition(bins, v),
    ticks: signedTicks(bins),
    leftLabel: null,
    title: t('views.hist.axisSigned'),
    cutAt: (cut) => [-cut, cut],
    zeroSlot: bins.perSide,
  };
}

/**
 * Draws `panels` into `ctx` (already scaled to CSS pixels) over `width` CSS
 * pixels on `axis`; the canvas must be `panels.length · panelHeight + AXIS_HEIGHT` tall.
 */
export function drawHistograms(ctx: CanvasRenderingContext2D, width: number, panels: readonly HistogramPanel[], axis: HistogramAxis, t: Translate = EN): void {
  const ph = panelHeight(panels.length);
  const height = panels.length * ph + AXIS_HEIGHT;
  ctx.clearRect(0, 0, width, height);
  const plotW = Math.max(10, width - PAD_LEFT - PAD_RIGHT);
  const x = (frac: number): number => PAD_LEFT + frac * plotW;
  const slots = axis.slots;

  panels.forEach((panel, p) => {
    const top = p * ph;
    const barTop = top + TITLE_HEIGHT;
    const barBottom = top + ph - 8;
    const barH = barBottom - barTop;
    const { prunedTotal, total } = panel.hist;
    const zeros = axis.zeroSlot >= 0 ? panel.hist.kept[axis.zeroSlot] + panel.hist.pruned[axis.zeroSlot] : 0;

    // Title left, kept share (and, in the signed view, the exact-zero share) right.
    ctx.fillStyle = INK;
    ctx.font = '600 16px system-ui, sans-serif';
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText(panel.title, PAD_LEFT, top + 17);
    ctx.fillStyle = MUTED;
    ctx.font = '14px system-ui, sans-serif';
    ctx.textAlign = 'right';
    const keptShare = total > 0 ? ((total - prunedTotal) / total) * 100 : 100;
    const zeroText = axis.zeroSlot >= 0 ? t('views.hist.zeroShare', { share: total > 0 ? ((zeros / total) * 100).toFixed(1) : '0.0' }) : '';
    ctx.fillText(`${t('views.hist.keptShare', { share: keptShare.toFixed(1) })}${zeroText}`, width - PAD_RIGHT, top + 17);

    // Grid lines at the ticks.
    ctx.strokeStyle = GRID;
    ctx.lineWidth = 1;
    for (const t of axis.ticks) {
      const tx = Math.round(x(axis.position(t))) + 0.5;
      ctx.beginPath();
      ctx.moveTo(tx, barTop);
      ctx.lineTo(tx, barBottom);
      ctx.stroke();
    }
    ctx.beginPath();
    ctx.moveTo(PAD_LEFT, barBottom + 0.5);
    ctx.lineTo(PAD_LEFT + plotW, barBottom + 0.5);
    ctx.stroke();

    // Stacked bars: kept at the bottom, pruned above; height relative to this layer's tallest bar (the zero bar aside).
    let peak = 1;
    for (let b = 0; b < slots; b++) if (b !== axis.zeroSlot) peak = Math.max(peak, panel.hist.kept[b] + panel.hist.pruned[b]);
    const slotW = plotW / slots;
    const gap = slotW > 5 ? 1 : 0;
    // A bin that holds anything shows at least a sliver, so lone weights stay visible.
    const minH = 1.5;
    for (let b = 0; b < slots; b++) {
      const kept = panel.hist.kept[b];
      const pruned = panel.hist.pruned[b];
      if (kept + pruned === 0) continue;
      const bx = PAD_LEFT + b * slotW;
      const isZero = b === axis.zeroSlot;
      const clip = isZero && kept + pruned > peak;
      // The zero bar may stand taller than the rest: it then fills the panel, split in proportion.
      const unit = clip ? barH / (kept + pruned) : barH / peak;
      const keptH = kept > 0 ? Math.max(minH, kept * unit) : 0;
      const prunedH = pruned > 0 ? Math.max(minH, pruned * unit) : 0;
      if (kept > 0) {
        ctx.fillStyle = isZero ? ZERO_COLOUR : KEPT_COLOUR;
        ctx.fillRect(bx, barBottom - keptH, slotW - gap, keptH);
      }
      if (pruned > 0) {
        ctx.fillStyle = PRUNED_COLOUR;
        ctx.fillRect(bx, barBottom - keptH - prunedH, slotW - gap, prunedH);
      }
      if (clip) {
        // A white break across the top says "taller than drawn".
        ctx.strokeStyle = '#ffffff';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.moveTo(bx - 1, barTop + 9);
        ctx.lineTo(bx + slotW, barTop + 5);
        ctx.stroke();
      }
    }

    // The cut: a magnitude rule prunes every |w| below it.
    if (panel.cut > 0) {
      const at = axis.cutAt(panel.cut).map((v) => Math.round(x(axis.position(v))) + 0.5);
      ctx.strokeStyle = CUT_COLOUR;
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 4]);
      for (const cx of at) {
        ctx.beginPath();
        ctx.moveTo(cx, barTop - 2);
        ctx.lineTo(cx, barBottom);
        ctx.stroke();
      }
      ctx.setLineDash([]);
      const cx = at[at.length - 1];
      ctx.font = '600 13px system-ui, sans-serif';
      const label = t('views.hist.cutAt', { value: magnitudeLabel(panel.cut) });
      const labelW = ctx.measureText(label).width;
      const right = cx + 8 + labelW < PAD_LEFT + plotW;
      const lx = right ? cx + 5 : cx - 5 - labelW;
      // A white backing keeps the label readable over the bars.
      ctx.fillStyle = 'rgb(255 255 255 / 85%)';
      ctx.fillRect(lx - 3, barTop + 1, labelW + 6, 16);
      ctx.fillStyle = CUT_COLOUR;
      ctx.textAlign = 'left';
      ctx.fillText(label, lx, barTop + 13);
    }
  });

  // Shared axis at the bottom.
  const axisTop = panels.length * ph;
  ctx.fillStyle = MUTED;
  ctx.font = '14px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  for (const t of axis.ticks) {
    const tx = x(axis.position(t));
    // Leave room for the left label, and keep labels inside the canvas.
    if (axis.leftLabel !== null && tx - PAD_LEFT <= 34) continue;
    if (tx - PAD_LEFT < 10 || PAD_LEFT + plotW - tx < 10) continue;
    ctx.fillText(magnitudeLabel(t), tx, axisTop + 2);
  }
  if (axis.leftLabel !== null) {
    ctx.textAlign = 'left';
    ctx.fillText(axis.leftLabel, PAD_LEFT, axisTop + 2);
  }
  ctx.textAlign = 'center';
  ctx.fillStyle = INK;
  ctx.fillText(axis.title, PAD_LEFT + plotW / 2, axisTop + 19);
}
