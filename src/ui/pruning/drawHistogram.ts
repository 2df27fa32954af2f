/**
 * Paints the weight-magnitude small multiples on one canvas: a panel per
 * kernel layer with stacked kept / pruned bars on a shared log |w| axis and a
 * dashed vertical line at the layer's cut. Plain canvas calls, fed plain data.
 */
import { axisPosition, decadeTicks, type LayerHistogram, type LogBins } from './histogram';

export const KEPT_COLOUR = '#1f6fb4';
export const PRUNED_COLOUR = '#c3c9d1';
export const CUT_COLOUR = '#c0392b';
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

/** Compact magnitude label: 0.001, 0.01, 0.1, 1, 1e-4. */
function magnitudeLabel(v: number): string {
  if (v >= 1e-3 && v < 1e4) return String(+v.toPrecision(3));
  return v.toExponential(0);
}

/**
 * Draws `panels` into `ctx` (already scaled to CSS pixels) over `width` CSS
 * pixels; the canvas must be `panels.length · panelHeight + AXIS_HEIGHT` tall.
 */
export function drawHistograms(ctx: CanvasRenderingContext2D, width: number, panels: readonly HistogramPanel[], bins: LogBins): void {
  const ph = panelHeight(panels.length);
  const height = panels.length * ph + AXIS_HEIGHT;
  ctx.clearRect(0, 0, width, height);
  const plotW = Math.max(10, width - PAD_LEFT - PAD_RIGHT);
  const x = (frac: number): number => PAD_LEFT + frac * plotW;
  const ticks = decadeTicks(bins);
  const slots = bins.count + 1;

  panels.forEach((panel, p) => {
    const top = p * ph;
    const barTop = top + TITLE_HEIGHT;
    const barBottom = top + ph - 8;
    const barH = barBottom - barTop;

    // Title left, kept share right.
    ctx.fillStyle = INK;
    ctx.font = '600 16px system-ui, sans-serif';
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'left';
    ctx.fillText(panel.title, PAD_LEFT, top + 17);
    const { prunedTotal, total } = panel.hist;
    ctx.fillStyle = MUTED;
    ctx.font = '14px system-ui, sans-serif';
    ctx.textAlign = 'right';
    const keptShare = total > 0 ? ((total - prunedTotal) / total) * 100 : 100;
    ctx.fillText(`${keptShare.toFixed(1)} % kept`, width - PAD_RIGHT, top + 17);

    // Decade grid lines.
    ctx.strokeStyle = GRID;
    ctx.lineWidth = 1;
    for (const t of ticks) {
      const tx = Math.round(x(axisPosition(bins, t))) + 0.5;
      ctx.beginPath();
      ctx.moveTo(tx, barTop);
      ctx.lineTo(tx, barBottom);
      ctx.stroke();
    }
    ctx.beginPath();
    ctx.moveTo(PAD_LEFT, barBottom + 0.5);
    ctx.lineTo(PAD_LEFT + plotW, barBottom + 0.5);
    ctx.stroke();

    // Stacked bars: kept at the bottom, pruned above; height relative to this layer's tallest bar.
    let peak = 1;
    for (let b = 0; b < slots; b++) peak = Math.max(peak, panel.hist.kept[b] + panel.hist.pruned[b]);
    const slotW = plotW / slots;
    const gap = slotW > 5 ? 1 : 0;
    for (let b = 0; b < slots; b++) {
      const kept = panel.hist.kept[b];
      const pruned = panel.hist.pruned[b];
      if (kept + pruned === 0) continue;
      const bx = PAD_LEFT + b * slotW;
      const keptH = (kept / peak) * barH;
      const prunedH = (pruned / peak) * barH;
      // A bin that holds anything shows at least a sliver, so lone weights stay visible.
      const minH = 1.5;
      if (kept > 0) {
        ctx.fillStyle = KEPT_COLOUR;
        const h = Math.max(minH, keptH);
        ctx.fillRect(bx, barBottom - h, slotW - gap, h);
      }
      if (pruned > 0) {
        ctx.fillStyle = PRUNED_COLOUR;
        const h = Math.max(minH, prunedH);
        ctx.fillRect(bx, barBottom - (kept > 0 ? Math.max(minH, keptH) : 0) - h, slotW - gap, h);
      }
    }

    // The cut: everything left of it is pruned by a magnitude rule.
    if (panel.cut > 0) {
      const cx = Math.round(x(axisPosition(bins, panel.cut))) + 0.5;
      ctx.strokeStyle = CUT_COLOUR;
      ctx.lineWidth = 2;
      ctx.setLineDash([5, 4]);
      ctx.beginPath();
      ctx.moveTo(cx, barTop - 2);
      ctx.lineTo(cx, barBottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = '600 13px system-ui, sans-serif';
      const label = `cut ${magnitudeLabel(panel.cut)}`;
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
  for (const t of ticks) {
    const tx = x(axisPosition(bins, t));
    // Leave room for the underflow bin's label at the left.
    if (tx - PAD_LEFT > 34) ctx.fillText(magnitudeLabel(t), tx, axisTop + 2);
  }
  ctx.textAlign = 'left';
  ctx.fillText('≈0', PAD_LEFT, axisTop + 2);
  ctx.textAlign = 'center';
  ctx.fillStyle = INK;
  ctx.fillText('|w|, log scale →', PAD_LEFT + plotW / 2, axisTop + 19);
}
