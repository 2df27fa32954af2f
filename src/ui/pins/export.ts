import { downloadBlob } from '../download';

/** `name` with a `.png` extension (added when missing). */
export function pngName(name: string): string {
  return /\.png$/i.test(name) ? name : `${name}.png`;
}

/**
 * Downloads a canvas's current pixels as a PNG named `name` (".png" added when
 * missing). `toBlob` encodes off the main thread where the browser can; a
 * canvas that cannot be encoded (zero size) downloads nothing.
 */
export function downloadCanvasPng(canvas: HTMLCanvasElement, name: string): void {
  canvas.toBlob((blob) => {
    if (blob !== null) downloadBlob(pngName(name), blob);
  }, 'image/png');
}


/** One entry of a chart's legend drawn into its PNG. */
export interface PngLegendItem {
  label: string;
  colour: string;
  dashed?: boolean;
}

/** Header (title + legend) height above the chart in an exported PNG, CSS px. */
const PNG_HEADER_PX = 44;

/** An SVG serialised as a standalone image, with the page's font so text measures the same. */
function svgImageUrl(svg: SVGSVGElement, width: number, height: number, font: string): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.style.fontFamily = font;
  clone.style.fontSize = '12px';
  return URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml;charset=utf-8' }));
}

/** Loads an image from `url` (revoked once loaded or failed). */
function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('SVG image failed to load'));
    };
    img.src = url;
  });
}

/**
 * Downloads the chart inside `container` as a PNG named `name`: every chart
 * surface in it (a StepChart's or recharts' SVG),
 * serialised and drawn in page order onto a white canvas at twice the CSS size,
 * under a title and the chart's legend (the legend is HTML on the page, not
 * part of the SVG). Does nothing when the container holds no chart.
 */
export function downloadChartPng(container: HTMLElement, name: string, title: string, legend: readonly PngLegendItem[] = []): void {
  const svgs = Array.from(container.querySelectorAll<SVGSVGElement>('svg.recharts-surface, svg.step-chart-surface'));
  if (svgs.length === 0) return;
  const frame = svgs[0].getBoundingClientRect();
  const { width, height } = frame;
  if (width <= 0 || height <= 0) return;
  const font = getComputedStyle(container).fontFamily;
  const layers = svgs.map((svg) => {
    const r = svg.getBoundingClientRect();
    return { x: r.left - frame.left, y: r.top - frame.top, w: r.width, h: r.height, url: svgImageUrl(svg, r.width, r.height, font) };
  });
  void Promise.all(layers.map((l) => loadImage(l.url)))
    .then((images) => {
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round((height + PNG_HEADER_PX) * scale);
      const ctx = canvas.getContext('2d');
      if (ctx === null) return;
      ctx.scale(scale, scale);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height + PNG_HEADER_PX);
      drawHeader(ctx, title, legend, font, width);
      images.forEach((img, i) => ctx.drawImage(img, layers[i].x, PNG_HEADER_PX + layers[i].y, layers[i].w, layers[i].h));
      downloadCanvasPng(canvas, name);
    })
    .catch(() => undefined);
}

/** The PNG's title (left) and legend (one row of swatches and labels, after the title) in the header strip. */
function drawHeader(ctx: CanvasRenderingContext2D, title: string, legend: readonly PngLegendItem[], font: string, width: number): void {
  ctx.fillStyle = '#1b2128';
  ctx.textBaseline = 'middle';
  ctx.font = `600 14px ${font}`;
  ctx.fillText(title, 8, 14);
  ctx.font = `12px ${font}`;
  let x = 8;
  const y = 34;
  for (const item of legend) {
    const textWidth = ctx.measureText(item.label).width;
    if (x + 28 + textWidth > width) break;
    ctx.strokeStyle = item.colour;
    ctx.lineWidth = 2.5;
    ctx.setLineDash(item.dashed === true ? [5, 3] : []);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 20, y);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = '#1b2128';
    ctx.fillText(item.label, x + 26, y);
    x += 26 + textWidth + 14;
  }
}
