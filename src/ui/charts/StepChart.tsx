import { memo, useId, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useT } from '../i18n';
import { tickStep } from './chartFormat';
import { jumpMarkers, linePath, linearTicks, nearestIndex, xPixel, yPixel, yTicks, type PlotBox, type StepPoint, type YScaleSpec } from './stepChartGeometry';

/** One line of a {@link StepChart}; build it with {@link chartLine}. */
export interface ChartLine {
  /** Unique within the chart. */
  id: string;
  /** Its name in the tooltip. */
  name: string;
  /** Sorted by step. */
  points: readonly StepPoint[];
  value: (p: StepPoint) => number | undefined;
  colour: string;
  width: number;
  dash?: string;
  /** `stepAfter`: each value holds until the next point (sparsity, which changes in jumps). */
  curve?: 'linear' | 'stepAfter';
  /** Dots at the points instead of a line. */
  dots?: boolean;
  /** A pinned run's reference line: class `pinned-line`, and not in the tooltip. */
  pinned?: boolean;
  /**
   * A point's value from just before a jump at its step (a mask change): the
   * line rises or falls vertically there, with a marker (see linePath).
   */
  before?: (p: StepPoint) => number | undefined;
  /** The step a point's jump happened at (default: the point's step). */
  jumpStep?: (p: StepPoint) => number;
}

/** A {@link ChartLine} over points of any shape with a step; `jumps` gives the value before a jump at a point, and its step. */
export function chartLine<P extends StepPoint>(
  points: readonly P[],
  value: (p: P) => number | undefined,
  spec: Omit<ChartLine, 'points' | 'value' | 'before' | 'jumpStep'>,
  jumps?: { before: (p: P) => number | undefined; step: (p: P) => number },
): ChartLine {
  const line: ChartLine = { ...spec, points, value: value as (p: StepPoint) => number | undefined };
  if (jumps) {
    line.before = jumps.before as (p: StepPoint) => number | undefined;
    line.jumpStep = jumps.step as (p: StepPoint) => number;
  }
  return line;
}

/** A labelled vertical line at a step ("now"). */
export interface ChartMarker {
  step: number;
  colour: string;
  label: string;
}

/** Space around the plot for the axes, px. */
export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Height of the step axis under the plot and width of the y axis, px (recharts' defaults, so all charts align). */
const X_AXIS_HEIGHT = 30;
const Y_AXIS_WIDTH = 56;
const TICK = 6;
const AXIS_COLOUR = '#5b6470';
const GRID_COLOUR = '#e3e6ea';

/**
 * The SVG path of one line; redrawn only when its points, style, the axes or the size change (a pinned
 * run's never do). A line's id (its key) fixes what its `value` reads, so a new accessor alone is no change.
 */
const LinePath = memo(function LinePath({ line, xMax, y, box }: { line: ChartLine; xMax: number; y: YScaleSpec; box: PlotBox }) {
  if (line.dots === true) {
    return (
      <g className={line.pinned === true ? 'step-chart-dots pinned-line' : 'step-chart-dots'} fill={line.colour}>
        {line.points.map((p, i) => {
          const v = line.value(p);
          const cy = v === undefined ? NaN : yPixel(v, y, box);
          return Number.isNaN(cy) ? null : <circle key={i} cx={xPixel(p.step, xMax, box)} cy={cy} r={3.5} />;
        })}
      </g>
    );
  }
  const d = linePath(line.points, line.value, line.curve ?? 'linear', xMax, y, box, line.before);
  if (d === '') return null;
  const path = (
    <path
      className={line.pinned === true ? 'step-chart-line pinned-line' : 'step-chart-line'}
      d={d}
      fill="none"
      stroke={line.colour}
      strokeWidth={line.width}
      strokeDasharray={line.dash}
      strokeLinejoin="round"
    />
  );
  if (line.before === undefined) return path;
  const jumps = jumpMarkers(line.points, line.value, line.before, line.jumpStep ?? ((p) => p.step), xMax, y, box);
  return (
    <>
      {path}
      {jumps.map((j) => (
        // A hollow ring where the line stood before the masks changed; the vertical stroke is the jump.
        <circle key={`${j.step}`} className="step-chart-jump" data-step={j.step} cx={j.x} cy={j.yBefore} r={3.5} fill="#ffffff" stroke={line.colour} strokeWidth={1.5}>
          <title>{line.name}</title>
        </circle>
      ))}
    </>
  );
}, (a, b) => a.line.points === b.line.points && a.line.curve === b.line.curve && a.line.colour === b.line.colour && a.line.width === b.line.width && a.line.dash === b.line.dash && a.xMax === b.xMax && a.y === b.y && a.box === b.box);

/**
 * A light SVG line chart against training steps: grid, step axis [0, `xMax`]
 * (labels 1.2k; tooltip "step N"),
 * a linear or log y axis, lines (live and pinned), an optional "now" marker and a
 * tooltip under the pointer. It replaces recharts in the charts that redraw while
 * training: a recharts redraw cost 20–45 ms of main thread on the 2-core test
 * machine whatever the number of points (its selectors, measurements and garbage),
 * and the budget for a whole task is 50 ms; this one builds one path string per
 * line (longest task while training 53–56 ms → 22–25 ms; docs/ARCHITECTURE.md).
 * The SVG is aria-hidden: the ChartAlt around it names and describes it.
 */
export const StepChart = memo(function StepChart({
  height,
  xMax,
  y,
  yFormat,
  valueFormat,
  lines,
  marker,
  margin,
}: {
  height: number;
  xMax: number;
  /** The y axis; `ticks` overrides the computed ones. */
  y: YScaleSpec & { ticks?: readonly number[] };
  /** Tick labels. */
  yFormat: (v: number) => string;
  /** A value in the tooltip. */
  valueFormat: (v: number) => string;
  /** Drawn in order: pinned lines first so the live ones lie on top. */
  lines: readonly ChartLine[];
  marker?: ChartMarker;
  margin: ChartMargin;
}) {
  const t = useT();
  const wrapRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [hoverStep, setHoverStep] = useState<number | null>(null);
  const clipId = `step-chart-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  // The width from a ResizeObserver (fires once on observe): no layout read in a redraw.
  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    if (wrap === null) return;
    const observer = new ResizeObserver((entries) => setWidth(Math.floor(entries[entries.length - 1].contentRect.width)));
    observer.observe(wrap);
    return () => observer.disconnect();
  }, []);

  const box = useMemo<PlotBox>(
    () => ({
      left: margin.left + Y_AXIS_WIDTH,
      top: margin.top,
      width: Math.max(1, width - margin.left - Y_AXIS_WIDTH - margin.right),
      height: Math.max(1, height - margin.top - margin.bottom - X_AXIS_HEIGHT),
    }),
    [width, height, margin.left, margin.top, margin.right, margin.bottom],
  );
  const [lo, hi] = y.domain;
  // One object while the numbers stay, so unchanged lines skip their redraw.
  const yScale = useMemo<YScaleSpec>(() => ({ domain: [lo, hi], scale: y.scale }), [lo, hi, y.scale]);
  const yTickValues = useMemo(() => y.ticks ?? yTicks(yScale), [y.ticks, yScale]);
  const xTickValues = useMemo(() => linearTicks(0, xMax), [xMax]);

  const onPointerMove = (e: PointerEvent<SVGSVGElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - rect.left;
    setHoverStep(x < box.left || x > box.left + box.width ? null : ((x - box.left) / box.width) * xMax);
  };

  const bottom = box.top + box.height;
  const right = box.left + box.width;
  const hover = hoverStep === null ? null : tooltipRows(lines, hoverStep);
  const hoverX = hover === null ? 0 : xPixel(hover.step, xMax, box);
  return (
    <div ref={wrapRef} className="step-chart" style={{ height }}>
      {width > 0 ? (
        <svg className="step-chart-surface" width={width} height={height} viewBox={`0 0 ${width} ${height}`} aria-hidden="true" onPointerMove={onPointerMove} onPointerLeave={() => setHoverStep(null)}>
          <defs>
            <clipPath id={clipId}>
              <rect x={box.left} y={box.top - 2} width={box.width} height={box.height + 4} />
            </clipPath>
          </defs>
          <g className="step-chart-grid" stroke={GRID_COLOUR} strokeDasharray="3 3">
            {yTickValues.map((v) => {
              const py = yPixel(v, yScale, box);
              return Number.isNaN(py) ? null : <line key={`y${v}`} x1={box.left} x2={right} y1={py} y2={py} />;
            })}
            {xTickValues.map((v) => {
              const px = xPixel(v, xMax, box);
              return <line key={`x${v}`} x1={px} x2={px} y1={box.top} y2={bottom} />;
            })}
          </g>
          <g clipPath={`url(#${clipId})`}>
            {lines.map((line) => (
              <LinePath key={line.id} line={line} xMax={xMax} y={yScale} box={box} />
            ))}
          </g>
          {marker !== undefined && marker.step >= 0 && marker.step <= xMax ? (
            <g className="step-chart-marker">
              <line x1={xPixel(marker.step, xMax, box)} x2={xPixel(marker.step, xMax, box)} y1={box.top} y2={bottom} stroke={marker.colour} strokeWidth={2} />
              <text x={xPixel(marker.step, xMax, box)} y={box.top - 6} textAnchor="middle" fill={marker.colour} fontSize={14} fontWeight={600}>
                {marker.label}
              </text>
            </g>
          ) : null}
          <g className="step-chart-axis" stroke={AXIS_COLOUR}>
            <line x1={box.left} x2={right} y1={bottom} y2={bottom} />
            <line x1={box.left} x2={box.left} y1={box.top} y2={bottom} />
            {xTickValues.map((v) => {
              const px = xPixel(v, xMax, box);
              return <line key={`x${v}`} className="step-chart-tick-line" x1={px} x2={px} y1={bottom} y2={bottom + TICK} />;
            })}
            {yTickValues.map((v) => {
              const py = yPixel(v, yScale, box);
              return Number.isNaN(py) ? null : <line key={`y${v}`} className="step-chart-tick-line" x1={box.left - TICK} x2={box.left} y1={py} y2={py} />;
            })}
          </g>
          <g className="step-chart-ticks" fill={AXIS_COLOUR} fontSize={12}>
            {xTickValues.map((v) => (
              <text key={`x${v}`} className="step-chart-tick" x={xPixel(v, xMax, box)} y={bottom + TICK + 2} dy="0.71em" textAnchor="middle">
                {tickStep(v)}
              </text>
            ))}
            {yTickValues.map((v) => {
              const py = yPixel(v, yScale, box);
              return Number.isNaN(py) ? null : (
                <text key={`y${v}`} className="step-chart-tick" x={box.left - TICK - 2} y={py} dy="0.355em" textAnchor="end">
                  {yFormat(v)}
                </text>
              );
            })}
          </g>
          {hover !== null ? <line className="step-chart-cursor" x1={hoverX} x2={hoverX} y1={box.top} y2={bottom} stroke="#9aa3ad" /> : null}
        </svg>
      ) : null}
      {hover !== null && hover.rows.length > 0 ? (
        <div className="step-chart-tooltip" style={hoverX > width / 2 ? { right: width - hoverX + 10 } : { left: hoverX + 10 }}>
          <div className="step-chart-tooltip-title">{t('views.common.stepN', { step: String(Math.round(hover.step)) })}</div>
          {hover.jumpStep !== null ? <div className="step-chart-tooltip-jump">{t('views.charts.prunedAt', { step: String(hover.jumpStep) })}</div> : null}
          {hover.rows.map((r) => (
            <div key={r.id}>
              <span className="step-chart-swatch" style={{ background: r.colour }} />
              {r.name}: {r.before !== undefined ? `${valueFormat(r.before)} → ` : ''}
              {valueFormat(r.value)}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
});

/** A tooltip row: a line's value at the hovered point, and its value before a jump there. */
interface TooltipRow {
  id: string;
  name: string;
  colour: string;
  value: number;
  before?: number;
}

/**
 * The tooltip at `step`: the step of the nearest live point, each live line's value there (or nearest to it),
 * with the value before a jump at that point, and the step of the jump (null when none).
 */
export function tooltipRows(lines: readonly ChartLine[], step: number): { step: number; jumpStep: number | null; rows: TooltipRow[] } | null {
  let at: number | null = null;
  for (const line of lines) {
    if (line.pinned === true) continue;
    const i = nearestIndex(line.points, step);
    if (i >= 0 && (at === null || Math.abs(line.points[i].step - step) < Math.abs(at - step))) at = line.points[i].step;
  }
  if (at === null) return null;
  const rows: TooltipRow[] = [];
  let jumpStep: number | null = null;
  for (const line of lines) {
    if (line.pinned === true || line.dots === true) continue;
    const i = nearestIndex(line.points, at);
    const p = i < 0 ? undefined : line.points[i];
    const v = p === undefined ? undefined : line.value(p);
    if (p === undefined || v === undefined || !Number.isFinite(v)) continue;
    const row: TooltipRow = { id: line.id, name: line.name, colour: line.colour, value: v };
    const b = line.before?.(p);
    if (b !== undefined && Number.isFinite(b) && p.step === at) {
      row.before = b;
      jumpStep = line.jumpStep?.(p) ?? p.step;
    }
    rows.push(row);
  }
  return { step: at, jumpStep, rows };
}
