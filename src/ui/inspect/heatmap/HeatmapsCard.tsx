import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { parseConv, type ConvLayerSpec } from '../../../engine/model/convSpec';
import { trainsCnn } from '../../../state/network';
import type { WeightSnapshot } from '../../../state/snapshot';
import { useAppStore, useAppStoreApi } from '../../../state/useAppStore';
import { downloadCanvasPng } from '../../pins/export';
import { MASK_COLOUR, rampGradientCss, REMOVED_COLOURS } from './colourScale';
import { drawFiltersCanvas, drawKernelCanvas } from './heatmapCanvas';
import { describeWeight, FILTER_SIDE, formatWeight, hasFilters, kernelViews, layerAxes, layerRanges, layerTitle, parseShapeKey, shapeKey, type RangeMode } from './heatmapView';
import { cellAt, cellScale, columnAfterKey, tileAt, tileLayout, toCanvasPixels, type TileLayout } from './layout';
import { HEATMAP_KEYS, LayerFigure, type CanvasPointer } from './LayerFigure';
import type { KernelView } from './paint';
import { subscribeVisible } from '../../subscribeVisible';
import { heatmapSummary } from '../../a11y/summaries';
import { useT, type Translate } from '../../i18n';
import './heatmap.css';

/** Matrix per layer, or layer 0 as a grid of 28 × 28 learned filters (MNIST). */
type HeatmapView = 'matrix' | 'filters';

/** A clicked neuron: column `neuron` of kernel `layer`, and row `neuron` of kernel `layer + 1`; tied to the network shape it was clicked on. */
interface Selected {
  key: string;
  layer: number;
  neuron: number;
}

/** What the drawing reads (kept in a ref: the drawing runs outside React renders). */
interface Settings {
  key: string;
  mode: RangeMode;
  fixed: number;
  view: HeatmapView;
  selected: Selected | null;
}

const RAMP = { background: rampGradientCss() };
const HATCH = { background: `repeating-linear-gradient(45deg, ${REMOVED_COLOURS[0]} 0 3px, ${REMOVED_COLOURS[1]} 3px 6px)` };

/** The conv layers of `text` ([] when empty or invalid). */
function parseConvOrNone(text: string): ConvLayerSpec[] {
  const r = parseConv(text);
  return text !== '' && r.ok ? r.value : [];
}

/** `x` to 2 significant digits, rounded up (a fixed range that keeps the current picture unsaturated). */
function roundUp2(x: number): number {
  if (!(x > 0)) return 0.5;
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return +(Math.ceil(x / unit) * unit).toPrecision(2);
}

/**
 * The weight matrices as heatmaps, one canvas per kernel layer (input side
 * first; rows = inputs, columns = neurons), on a diverging orange ↔ white ↔
 * blue scale centred on zero with a symmetric range per layer (automatic: the
 * 99th percentile of the kept |w|) or fixed for all; pruned weights in dark
 * slate, removed neurons as hatched columns (and rows of the next layer).
 * Hovering shows the weight, clicking a column spotlights that neuron's
 * incoming column and outgoing row. For MNIST, layer 0 can be shown as 28 × 28
 * learned filters (unless `offerFilters` is false: the stage shows them). Canvases redraw from `store.snapshot` through a transient
 * subscription, from ImageData: React renders only when the network's shape or
 * a control changes.
 */
export function HeatmapsCard({ offerFilters = true }: { offerFilters?: boolean }) {
  const store = useAppStoreApi();
  const [key, setKey] = useState(() => shapeKey(store.snapshot.get()));
  const shapes = useMemo(() => parseShapeKey(key), [key]);
  // A CNN's conv stack names its layers (titles, tooltips); [] for an MLP.
  const convText = useAppStore((s) => (trainsCnn(s.config) ? s.config.conv : ''));
  const conv = useMemo(() => parseConvOrNone(convText), [convText]);
  // Off when the stage shows the first layer's filters already (digits, MLP): one view of them on the page.
  const filtersOffered = offerFilters && hasFilters(shapes);
  const [mode, setMode] = useState<RangeMode>('auto');
  const [fixed, setFixed] = useState(0.5);
  const [fixedText, setFixedText] = useState('0.5');
  const [viewChoice, setView] = useState<HeatmapView>('matrix');
  const view: HeatmapView = filtersOffered ? viewChoice : 'matrix';
  const [selectedRaw, setSelected] = useState<Selected | null>(null);
  const selected = selectedRaw !== null && selectedRaw.key === key && selectedRaw.layer < shapes.length ? selectedRaw : null;

  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const rangeLabels = useRef<(HTMLSpanElement | null)[]>([]);
  const filtersCanvas = useRef<HTMLCanvasElement | null>(null);
  const cardRef = useRef<HTMLDivElement | null>(null);
  const tooltip = useRef<HTMLDivElement | null>(null);
  const settings = useRef<Settings>({ key, mode, fixed, view, selected });
  // What the last draw showed: hover and the fixed-range default read these.
  const drawn = useRef<{ views: KernelView[]; ranges: number[]; layout: TileLayout | null }>({ views: [], ranges: [], layout: null });
  // Text alternatives: each layer's canvas is described by a hidden node the drawing fills in.
  const t = useT();
  const tRef = useRef<Translate>(t);
  const descId = useId();
  const descriptions = useRef<(HTMLSpanElement | null)[]>([]);

  // Stable for the component's life: reads everything through refs.
  const draw = useRef((): void => {
    const snapshot = store.snapshot.get();
    const s = settings.current;
    if (snapshot === null || shapeKey(snapshot) !== s.key) return; // the new shape's canvases are not mounted yet
    const views = kernelViews(snapshot);
    const ranges: number[] = [];
    let layout: TileLayout | null = null;
    const sel = s.selected;
    views.forEach((v, i) => {
      // The range counts in the draw time (data-draw-ms): it is part of every redraw.
      const t0 = performance.now();
      const range = layerRanges([v], s.mode, s.fixed)[0];
      ranges.push(range);
      const hl = { column: sel?.layer === i ? sel.neuron : null, row: sel?.layer === i - 1 ? sel.neuron : null };
      if (i === 0 && s.view === 'filters') {
        const cached = drawn.current.layout;
        layout = cached !== null && cached.count === v.cols ? cached : tileLayout(v.cols, FILTER_SIDE);
        const fc = filtersCanvas.current;
        if (fc !== null) drawFiltersCanvas(fc, v, range, layout, hl.column, t0);
      } else {
        const canvas = canvases.current[i];
        if (canvas != null) drawKernelCanvas(canvas, v, range, cellScale(v.rows, v.cols), hl, t0);
      }
      const pictured = i === 0 && s.view === 'filters' ? filtersCanvas.current : canvases.current[i];
      const description = descriptions.current[i];
      if (pictured != null && description != null) {
        pictured.setAttribute('aria-describedby', description.id);
        description.textContent = heatmapSummary(tRef.current, v.kernel, v.mask, v.rows, v.cols);
      }
      const lo = rangeLabels.current[2 * i];
      const hi = rangeLabels.current[2 * i + 1];
      if (lo != null) lo.textContent = formatWeight(-range);
      if (hi != null) hi.textContent = formatWeight(range);
    });
    drawn.current = { views, ranges, layout };
  }).current;

  // One redraw per snapshot; a new shape first re-renders the canvases (the layout effect below draws).
  useEffect(() => {
    const onSnapshot = (snapshot: WeightSnapshot | null): void => {
      const next = shapeKey(snapshot);
      if (next !== settings.current.key) setKey(next);
      else draw();
    };
    return subscribeVisible(cardRef.current, store.snapshot, onSnapshot);
  }, [store, draw]);

  // A language switch rewrites the descriptions.
  useEffect(() => {
    tRef.current = t;
    draw();
  }, [t, draw]);

  // Before the browser paints: mounted canvases never show blank between a shape change and the draw.
  useLayoutEffect(() => {
    settings.current = { key, mode, fixed, view, selected };
    draw();
  }, [key, mode, fixed, view, selected, draw]);

  const hideTip = (): void => {
    if (tooltip.current !== null) tooltip.current.hidden = true;
  };

  /** The (input, neuron) under the pointer on layer `index`'s canvas (or the filters canvas for layer 0 in that view). */
  const hit = (index: number, e: ReactMouseEvent<HTMLCanvasElement>): { input: number; neuron: number } | null => {
    const canvas = e.currentTarget;
    const v = drawn.current.views[index];
    if (v === undefined) return null;
    const { x, y } = toCanvasPixels(e.clientX, e.clientY, canvas.getBoundingClientRect(), canvas.width, canvas.height);
    const layout = drawn.current.layout;
    if (canvas === filtersCanvas.current && layout !== null) return tileAt(layout, x, y);
    return cellAt(x, y, v.rows, v.cols, cellScale(v.rows, v.cols));
  };

  const pointer: CanvasPointer = {
    onMove(index, e) {
      const tip = tooltip.current;
      const cell = hit(index, e);
      if (tip === null) return;
      if (cell === null) return hideTip();
      const lines = describeWeight(drawn.current.views[index], index, shapes.length, cell.input, cell.neuron, conv, t);
      tip.textContent = lines.join('\n');
      tip.style.left = `${e.clientX + 14}px`;
      tip.style.top = `${e.clientY + 14}px`;
      tip.hidden = false;
    },
    onLeave: hideTip,
    onClick(index, e) {
      const cell = hit(index, e);
      if (cell === null) return;
      const same = selected !== null && selected.layer === index && selected.neuron === cell.neuron;
      setSelected(same ? null : { key, layer: index, neuron: cell.neuron });
    },
    onKey(index, e) {
      const cols = drawn.current.views[index]?.cols ?? 0;
      const at = selected !== null && selected.layer === index ? selected.neuron : null;
      const neuron = columnAfterKey(e.key, at, cols);
      if (neuron === undefined) return;
      e.preventDefault();
      setSelected(neuron === null ? null : { key, layer: index, neuron });
    },
  };

  const png = (index: number): void => {
    const canvas = index === 0 && view === 'filters' ? filtersCanvas.current : canvases.current[index];
    if (canvas != null) downloadCanvasPng(canvas, index === 0 && view === 'filters' ? 'learned-filters' : `heatmap-layer-${index}`);
  };

  const chooseMode = (next: RangeMode): void => {
    if (next === 'fixed' && mode !== 'fixed') {
      // Start from the widest automatic range, so switching does not jump the picture.
      const start = roundUp2(Math.max(0, ...drawn.current.ranges));
      setFixed(start);
      setFixedText(String(start));
    }
    setMode(next);
  };

  const onFixedText = (text: string): void => {
    setFixedText(text);
    const value = Number(text);
    if (Number.isFinite(value) && value > 0) setFixed(value);
  };

  return (
    <div className="chart-card heatmaps-card" data-testid="heatmaps-card" ref={cardRef}>
      <div className="chart-head">
        <h2>{t('views.heatmap.title')}</h2>
        <ul className="heatmap-key" aria-label={t('views.common.colours')}>
          <li>
            <span className="heatmap-swatch heatmap-ramp" style={RAMP} /> − 0 +
          </li>
          <li>
            <span className="heatmap-swatch" style={{ background: MASK_COLOUR }} /> {t('views.common.pruned')}
          </li>
          <li>
            <span className="heatmap-swatch" style={HATCH} /> {t('views.heatmap.neuronRemoved')}
          </li>
        </ul>
      </div>
      <div className="view-switch heatmap-controls">
        <span role="radiogroup" aria-label={t('views.heatmap.rangeGroup')}>
          <label>
            <input type="radio" name="heatmap-range" data-testid="heatmap-range-auto" checked={mode === 'auto'} onChange={() => chooseMode('auto')} />
            {t('views.heatmap.rangeAuto')}
          </label>
          <label>
            <input type="radio" name="heatmap-range" data-testid="heatmap-range-fixed" checked={mode === 'fixed'} onChange={() => chooseMode('fixed')} />
            {t('views.heatmap.rangeFixed')}
          </label>
          <input
            type="number"
            className="heatmap-fixed"
            data-testid="heatmap-range-value"
            aria-label={t('views.heatmap.fixedAria')}
            min={0}
            step="any"
            value={fixedText}
            disabled={mode !== 'fixed'}
            onChange={(e) => onFixedText(e.target.value)}
          />
        </span>
        {filtersOffered ? (
          <span role="radiogroup" aria-label={t('views.heatmap.firstAs')}>
            <label>
              <input type="radio" name="heatmap-view" data-testid="heatmap-view-matrix" checked={view === 'matrix'} onChange={() => setView('matrix')} />
              {t('views.heatmap.matrix')}
            </label>
            <label>
              <input type="radio" name="heatmap-view" data-testid="heatmap-view-filters" checked={view === 'filters'} onChange={() => setView('filters')} />
              {t('views.heatmap.filters')}
            </label>
          </span>
        ) : null}
      </div>
      <p className="caption">
        {t('views.heatmap.caption')}
        {view === 'filters' ? t('views.heatmap.captionFilters') : ''}
      </p>
      <div aria-live="polite">
        {selected !== null ? (
          <p className="heatmap-selected" data-testid="heatmap-highlight">
            {selected.layer === shapes.length - 1
              ? t('views.heatmap.selOutput', { n: selected.neuron })
              : t('views.heatmap.selNeuron', { n: selected.neuron, layer: selected.layer + 1, next: selected.layer + 2 })}{' '}
            <button type="button" className="mini" onClick={() => setSelected(null)}>
              {t('views.heatmap.clear')}
            </button>
          </p>
        ) : null}
      </div>
      {shapes.length === 0 ? (
        <div className="chart-empty h200">
          <p>{t('views.common.weightsEmpty')}</p>
        </div>
      ) : (
        <div className="heatmap-grid">
          {shapes.map(([rows, cols], i) => (
            <LayerFigure
              key={`${i}:${rows}x${cols}`}
              index={i}
              title={layerTitle(i, shapes.length, rows, cols, conv, t)}
              axes={layerAxes(i, rows, cols, conv, t)}
              replacement={
                i === 0 && view === 'filters' ? (
                  <canvas
                    ref={filtersCanvas}
                    className="heatmap-canvas heatmap-filters"
                    data-testid="heatmap-filters"
                    role="img"
                    aria-label={t('views.heatmap.filtersAria')}
                    tabIndex={0}
                    aria-keyshortcuts={HEATMAP_KEYS}
                    onMouseMove={(e) => pointer.onMove(0, e)}
                    onMouseLeave={pointer.onLeave}
                    onClick={(e) => pointer.onClick(0, e)}
                    onKeyDown={(e) => pointer.onKey(0, e)}
                  />
                ) : null
              }
              canvasRef={(el) => {
                canvases.current[i] = el;
              }}
              rangeRef={(side, el) => {
                rangeLabels.current[2 * i + side] = el;
              }}
              pointer={pointer}
              onPng={png}
            />
          ))}
        </div>
      )}
      <div hidden>
        {shapes.map((_, i) => (
          <span
            key={i}
            id={`${descId}-layer-${i}`}
            data-testid="canvas-summary"
            ref={(el) => {
              descriptions.current[i] = el;
            }}
          />
        ))}
      </div>
      <div ref={tooltip} className="heatmap-tooltip" data-testid="heatmap-tooltip" role="tooltip" hidden />
    </div>
  );
}
