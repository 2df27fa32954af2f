/**
 * Paints the predicted-vs-true scatter: both axes on one range, the y = x line
 * dashed, one translucent dot per test sample. Plain canvas calls.
 */
import { POSITIVE_RGB } from './colour';
import { niceTicks, type Range } from './scatter';
import { translator, type Translate } from '../i18n';

const INK = '#1b2128';
const MUTED = '#5b6470';
const GRID = '#e3e6ea';
const PAD = { left: 52, right: 14, top: 12, bottom: 44 };

/** A tick label: up to 3 significant digits, a real minus sign. */
function tickLabel(v: number): string {
  const text = String(+v.toPrecision(3));
  return v < 0 ? `−${text.slice(1)}` : text;
}

/**
 * Draws `predicted` against `actual` on a `width` × `height` CSS-pixel canvas:
 * x = true value, y = predicted, both on `range`; points on the dashed
 * diagonal are perfect predictions.
 */
export function drawScatter(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  predicted: Float32Array,
  actual: Float32Array,
  range: Range,
  t: Translate = translator('en'),
): void {
  ctx.clearRect(0, 0, width, height);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const span = range.hi - range.lo;
  const sx = (v: number): number => PAD.left + ((v - range.lo) / span) * plotW;
  const sy = (v: number): number => PAD.top + plotH - ((v - range.lo) / span) * plotH;

  const ticks = niceTicks(range, 5);
  ctx.strokeStyle = GRID;
  ctx.lineWidth = 1;
  ctx.fillStyle = MUTED;
  ctx.font = '13px system-ui, sans-serif';
  for (const t of ticks) {
    const x = Math.round(sx(t)) + 0.5;
    const y = Math.round(sy(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, PAD.top);
    ctx.lineTo(x, PAD.top + plotH);
    ctx.moveTo(PAD.left, y);
    ctx.lineTo(PAD.left + plotW, y);
    ctx.stroke();
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(tickLabel(t), x, PAD.top + plotH + 4);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(tickLabel(t), PAD.left - 6, y);
  }
  ctx.strokeStyle = '#b9c1ca';
  ctx.strokeRect(PAD.left + 0.5, PAD.top + 0.5, plotW - 1, plotH - 1);

  // Axis titles.
  ctx.fillStyle = INK;
  ctx.font = '14px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(t('views.scatter.axisTrue'), PAD.left + plotW / 2, height - 2);
  ctx.save();
  ctx.translate(14, PAD.top + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(t('views.scatter.axisPredicted'), 0, 0);
  ctx.restore();

  // The dots, clipped to the plot.
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, plotW, plotH);
  ctx.clip();
  ctx.fillStyle = `rgb(${POSITIVE_RGB.join(' ')} / 45%)`;
  const n = Math.min(predicted.length, actual.length);
  const r = n > 400 ? 2.5 : 3.2;
  for (let i = 0; i < n; i++) {
    ctx.beginPath();
    ctx.arc(sx(actual[i]), sy(predicted[i]), r, 0, 2 * Math.PI);
    ctx.fill();
  }
  // y = x: perfect predictions.
  ctx.strokeStyle = '#c0392b';
  ctx.lineWidth = 2;
  ctx.setLineDash([6, 5]);
  ctx.beginPath();
  ctx.moveTo(sx(range.lo), sy(range.lo));
  ctx.lineTo(sx(range.hi), sy(range.hi));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.restore();
}
