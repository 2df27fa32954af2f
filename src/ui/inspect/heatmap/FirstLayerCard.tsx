import { useEffect, useId, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import type { WeightSnapshot } from '../../../state/snapshot';
import { useAppStoreApi } from '../../../state/useAppStore';
import { heatmapSummary } from '../../a11y/summaries';
import { useT, type Translate } from '../../i18n';
import { subscribeVisible } from '../../subscribeVisible';
import { MASK_COLOUR, rampGradientCss } from './colourScale';
import { drawFiltersCanvas } from './heatmapCanvas';
import { FILTER_SIDE, formatWeight, kernelViews, layerRanges } from './heatmapView';
import type { KernelView } from './paint';
import { tileAt, tileLayout, toCanvasPixels, type TileLayout } from './layout';
import './heatmap.css';

const RAMP = { background: rampGradientCss() };

/** "784x300": the first layer's shape; the card re-renders only when it changes ('' before the first snapshot). */
function firstLayerKey(snapshot: WeightSnapshot | null): string {
  const first = snapshot?.layers[0];
  return first === undefined ? '' : `${first.inDim}x${first.outDim}`;
}

/**
 * MNIST's first layer on the stage, beside the controls: each hidden neuron's
 * 784 incoming weights as a 28 × 28 tile (what that neuron looks for in a
 * digit), on the heatmaps' diverging scale with one range for the layer (the
 * 99th percentile of the kept |w|), pruned weights in the mask colour and a
 * removed neuron hatched. Pruning and penalties show here first: tiles fade
 * to the mask colour as θ rises, and go grainy or smooth under L1 or L2.
 * Redrawn from `store.snapshot` while on screen; hovering names the neuron.
 * The full matrices of every layer are in the heatmaps card below.
 */
export function FirstLayerCard() {
  const store = useAppStoreApi();
  const [key, setKey] = useState(() => firstLayerKey(store.snapshot.get()));
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const cardRef = useRef<HTMLDivElement | null>(null);
  const range = useRef<HTMLSpanElement | null>(null);
  const description = useRef<HTMLSpanElement | null>(null);
  const drawn = useRef<{ view: KernelView | null; layout: TileLayout | null }>({ view: null, layout: null });
  const [hover, setHover] = useState<number | null>(null);
  const t = useT();
  const tRef = useRef<Translate>(t);
  const descId = useId();

  const draw = useRef((): void => {
    const snapshot = store.snapshot.get();
    const c = canvas.current;
    if (snapshot === null || c === null) return;
    const view = kernelViews(snapshot)[0];
    if (view === undefined) return;
    const cached = drawn.current.layout;
    const layout = cached !== null && cached.count === view.cols ? cached : tileLayout(view.cols, FILTER_SIDE);
    const r = layerRanges([view], 'auto', 0)[0];
    drawFiltersCanvas(c, view, r, layout, null);
    drawn.current = { view, layout };
    if (range.current !== null) range.current.textContent = `±${formatWeight(r)}`;
    if (description.current !== null) description.current.textContent = heatmapSummary(tRef.current, view.kernel, view.mask, view.rows, view.cols);
  }).current;

  useEffect(() => {
    const onSnapshot = (snapshot: WeightSnapshot | null): void => {
      setKey(firstLayerKey(snapshot));
      draw();
    };
    return subscribeVisible(cardRef.current, store.snapshot, onSnapshot);
  }, [store, draw]);

  // A new shape mounts the canvas anew; a language switch rewrites the description.
  useEffect(() => {
    tRef.current = t;
    draw();
  }, [t, key, draw]);

  const onMove = (e: ReactMouseEvent<HTMLCanvasElement>): void => {
    const { layout } = drawn.current;
    if (layout === null) return;
    const el = e.currentTarget;
    const { x, y } = toCanvasPixels(e.clientX, e.clientY, el.getBoundingClientRect(), el.width, el.height);
    const cell = tileAt(layout, x, y);
    setHover(cell === null ? null : cell.neuron);
  };

  const [inputs, neurons] = key === '' ? [0, 0] : key.split('x').map(Number);
  return (
    <div className="chart-card card-fill first-layer-card" data-testid="first-layer" ref={cardRef}>
      <div className="chart-head">
        <h2>
          {t('layout.firstLayer.title')} <span className="chart-sub">{neurons > 0 ? t('layout.firstLayer.sub', { n: neurons, inputs }) : ''}</span>
        </h2>
        <ul className="heatmap-key" aria-label={t('views.common.colours')}>
          <li>
            <span className="heatmap-swatch heatmap-ramp" style={RAMP} /> <span ref={range}>−0+</span>
          </li>
          <li>
            <span className="heatmap-swatch" style={{ background: MASK_COLOUR }} /> {t('views.common.pruned')}
          </li>
        </ul>
      </div>
      <div className="first-layer-canvas">
        {key === '' ? (
          <p className="muted">{t('views.common.weightsEmpty')}</p>
        ) : (
          <canvas
            key={key}
            ref={canvas}
            className="heatmap-filters"
            data-testid="heatmap-filters"
            role="img"
            aria-label={t('views.heatmap.filtersAria')}
            aria-describedby={descId}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
          />
        )}
      </div>
      <p className="caption first-layer-caption" aria-live="polite">
        {hover === null ? t('layout.firstLayer.caption') : t('layout.firstLayer.hover', { n: hover })}
      </p>
      <span hidden id={descId} ref={description} />
    </div>
  );
}
