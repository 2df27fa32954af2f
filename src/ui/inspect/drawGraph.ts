/**
 * Paints the network graph's links on a canvas (thousands of lines are cheap
 * there; the few dozen neurons are SVG on top, for hover). Plain canvas calls.
 */
import { NEGATIVE_RGB, POSITIVE_RGB, PRUNED_HEX } from './colour';
import type { GraphLayout, GraphLink } from './graphLayout';

const POSITIVE = `${POSITIVE_RGB.join(' ')}`;
const NEGATIVE = `${NEGATIVE_RGB.join(' ')}`;

/** The focused neuron: its links stay strong, the others fade. */
export interface LinkFocus {
  column: number;
  index: number;
}

/** Whether `link` touches neuron `focus`. */
function touches(link: GraphLink, focus: LinkFocus): boolean {
  return (link.column === focus.column && link.from === focus.index) || (link.column + 1 === focus.column && link.to === focus.index);
}

/**
 * Draws `links` between the nodes of `layout` on `ctx` (CSS-pixel transform set,
 * view box = canvas size): pruned links dashed grey under the kept ones; kept
 * links blue (w > 0) or orange (w < 0), width and opacity by |w|. With `focus`,
 * links not touching that neuron fade to a fifth, so its fan-in and fan-out stand out.
 */
export function drawGraphLinks(ctx: CanvasRenderingContext2D, layout: GraphLayout, links: readonly GraphLink[], focus: LinkFocus | null): void {
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.lineCap = 'round';
  const { columns } = layout;
  ctx.setLineDash([3, 4]);
  ctx.strokeStyle = PRUNED_HEX;
  ctx.lineWidth = 1;
  for (const link of links) {
    if (!link.pruned) continue;
    const a = columns[link.column][link.from];
    const b = columns[link.column + 1][link.to];
    ctx.globalAlpha = focus !== null && !touches(link, focus) ? link.opacity * 0.2 : link.opacity;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  for (const link of links) {
    if (link.pruned) continue;
    const a = columns[link.column][link.from];
    const b = columns[link.column + 1][link.to];
    const alpha = focus !== null && !touches(link, focus) ? link.opacity * 0.2 : link.opacity;
    ctx.strokeStyle = `rgb(${link.weight >= 0 ? POSITIVE : NEGATIVE} / ${alpha.toFixed(3)})`;
    ctx.lineWidth = link.strokeWidth;
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }
}
