import { useEffect, useRef, useState } from 'react';
import { useAppStoreApi } from '../../state/useAppStore';
import type { ViewState } from '../../state/view';
import type { Activation } from '../../engine/types';
import { neuronRange, pointsExtent, symmetricRange, type BoundaryColouring } from './boundary';
import { DIVERGING_GRADIENT } from './colour';
import { drawBoundary, type BoundaryScene, type BoundaryScratch, type PointSet } from './drawBoundary';
import { neuronName } from './graphLayout';
import { subscribeVisible } from '../subscribeVisible';
import { useLiveDescription } from '../a11y/ChartAlt';
import { boundarySummary } from '../a11y/summaries';
import { useT } from '../i18n';
import { rich } from '../charts/richText';

/** A hidden neuron: hidden layer `layer` (from 0), neuron `unit` in it. */
export interface NeuronRef {
  layer: number;
  unit: number;
}

/** Side of the canvas in CSS pixels (the canvas holds this × devicePixelRatio). */
const SIDE = 420;

/** What the canvas shows now: the model's output, or the watched neuron's map once it has arrived. */
type Showing = { kind: 'output' } | { kind: 'neuron'; layer: number; unit: number };

/** Builds the scene of `view` for the current toggles; also says what it shows and the colour range of a diverging map. */
function sceneOf(view: ViewState | null, regression: boolean, activation: Activation, discrete: boolean, showTest: boolean, watched: NeuronRef | null): { scene: BoundaryScene; showing: Showing; range: number } {
  const boundary = view?.boundary ?? null;
  const points = view?.points ?? null;
  const sets: PointSet[] = [];
  if (points !== null) {
    sets.push({ x: points.xTrain, y: points.yTrain, test: false });
    if (showTest) sets.push({ x: points.xTest, y: points.yTest, test: true });
  }
  const extent = boundary ?? (points !== null ? pointsExtent(points.xTrain, points.xTest) : null);
  const neuron = boundary?.neuron;
  if (boundary !== null && neuron !== undefined && watched !== null && neuron.layer === watched.layer && neuron.unit === watched.unit) {
    const range = neuronRange(neuron.values, activation);
    const colouring: BoundaryColouring = { kind: 'diverging', range };
    return {
      scene: { extent, grid: { size: boundary.size, values: neuron.values }, colouring, points: sets, pointColour: regression ? { kind: 'value', range: symmetricRange(points?.yTrain ?? []) } : { kind: 'class' } },
      showing: { kind: 'neuron', layer: neuron.layer, unit: neuron.unit },
      range,
    };
  }
  if (regression) {
    // One scale for the predicted background and the true targets on the dots, so a wrong region shows as a dot that stands out.
    const range = symmetricRange(boundary?.values ?? [], points?.yTrain ?? []);
    return {
      scene: { extent, grid: boundary, colouring: { kind: 'diverging', range }, points: sets, pointColour: { kind: 'value', range } },
      showing: { kind: 'output' },
      range,
    };
  }
  return { scene: { extent, grid: boundary, colouring: { kind: 'probability', discrete }, points: sets, pointColour: { kind: 'class' } }, showing: { kind: 'output' }, range: 1 };
}

/** "1.23" for a legend end. */
function rangeLabel(r: number): string {
  return r > 0 ? String(+r.toPrecision(3)) : '0';
}

/**
 * The decision boundary (2-D datasets), as in TensorFlow Playground: the
 * model's output over a grid behind the data points, computed in the worker
 * and drawn from `store.view` through a transient subscription (no React
 * render per snapshot). Classification: the likelier class's colour, paler
 * where unsure, or hard regions when discretised; `plane`: the predicted value
 * on the diverging scale with the dots coloured by their true value. While a
 * neuron of the graph is hovered (`watched`), its own output map instead.
 */
export function BoundaryCard({ regression, activation, watched }: { regression: boolean; activation: Activation; watched: NeuronRef | null }) {
  const store = useAppStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const lowRef = useRef<HTMLSpanElement>(null);
  const highRef = useRef<HTMLSpanElement>(null);
  const scratch = useRef<BoundaryScratch>({ canvas: null, pixels: undefined });
  const [discrete, setDiscrete] = useState(false);
  const [showTest, setShowTest] = useState(false);
  const [showing, setShowing] = useState<Showing>({ kind: 'output' });
  const t = useT();
  const desc = useLiveDescription();

  useEffect(() => {
    const draw = (view: ViewState | null): void => {
      const canvas = canvasRef.current;
      if (canvas === null) return;
      const dpr = window.devicePixelRatio || 1;
      const side = Math.round(SIDE * dpr);
      if (canvas.width !== side || canvas.height !== side) {
        canvas.width = side;
        canvas.height = side;
      }
      const ctx = canvas.getContext('2d');
      if (ctx === null) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const { scene, showing: now, range } = sceneOf(view, regression, activation, discrete, showTest, watched);
      drawBoundary(ctx, SIDE, scene, scratch.current);
      // Legend numbers follow the range without a React render.
      if (lowRef.current !== null) lowRef.current.textContent = `−${rangeLabel(range)}`;
      if (highRef.current !== null) highRef.current.textContent = rangeLabel(range);
      canvas.dataset.grid = String(scene.grid?.size ?? 0);
      canvas.dataset.showing = now.kind;
      canvas.dataset.neuron = now.kind === 'neuron' ? `${now.layer}:${now.unit}` : '';
      canvas.dataset.discrete = String(discrete);
      canvas.dataset.points = String(scene.points.reduce((n, s) => n + s.y.length, 0));
      canvas.dataset.step = String(view?.step ?? 0);
      desc.set(boundarySummary(t, scene.grid?.values ?? null, now.kind === 'neuron' ? 'neuron' : regression ? 'value' : 'class', Number(canvas.dataset.points)));
      // Same-value updates bail out, so this renders only when what is shown changes.
      setShowing((prev) => (prev.kind === now.kind && (now.kind === 'output' || (prev.kind === 'neuron' && prev.layer === now.layer && prev.unit === now.unit)) ? prev : now));
    };
    return subscribeVisible(canvasRef.current, store.view, draw);
  }, [store, regression, activation, discrete, showTest, watched, t, desc]);

  const neuronShown = showing.kind === 'neuron';
  const diverging = regression || neuronShown;
  const inks = { blue: <span className="ink-positive">{t('views.common.blue')}</span>, orange: <span className="ink-negative">{t('views.common.orange')}</span> };
  return (
    <div className="chart-card inspect-card boundary-card">
      <div className="chart-head">
        <h2>
          {neuronShown
            ? t('views.boundary.neuronTitle', { neuron: neuronName(showing.layer, showing.unit, t) })
            : t(regression ? 'views.boundary.predicted' : 'views.boundary.title')}
        </h2>
      </div>
      <div className="view-switch">
        {!regression ? (
          <label>
            <input type="checkbox" data-testid="toggle-discretise" checked={discrete} disabled={neuronShown} onChange={(e) => setDiscrete(e.target.checked)} />
            {t('views.boundary.discretise')}
          </label>
        ) : null}
        <label>
          <input type="checkbox" data-testid="toggle-test-points" checked={showTest} onChange={(e) => setShowTest(e.target.checked)} />
          {t('views.boundary.showTest')}
        </label>
      </div>
      <div className="boundary-frame">
        <canvas
          ref={canvasRef}
          className="boundary-canvas"
          data-testid="decision-boundary"
          role="img"
          aria-describedby={desc.id}
          aria-label={neuronShown ? t('views.boundary.ariaNeuron', { neuron: neuronName(showing.layer, showing.unit, t) }) : t('views.boundary.aria')}
        />
        <span {...desc.props} />
      </div>
      <div className="boundary-legend">
        {diverging ? (
          <span className="scale-legend">
            <span ref={lowRef} className="scale-end" />
            <span className="scale-bar" style={{ background: DIVERGING_GRADIENT }} />
            <span ref={highRef} className="scale-end" />
          </span>
        ) : (
          <ul className="legend legend-left" aria-label={t('views.common.colours')}>
            <li className="legend-box legend-class0">{t('views.boundary.class0')}</li>
            <li className="legend-box legend-class1">{t('views.boundary.class1')}</li>
          </ul>
        )}
        <ul className="legend legend-left" aria-label={t('views.boundary.points')}>
          <li className="legend-dot legend-dot-train">{t('views.boundary.trainPoint')}</li>
          {showTest ? <li className="legend-dot legend-dot-test">{t('views.boundary.testPoint')}</li> : null}
        </ul>
      </div>
      {neuronShown ? (
        <p className="caption">{rich(t('views.boundary.captionNeuron'), inks)}</p>
      ) : regression ? (
        <p className="caption">{rich(t('views.boundary.captionRegression'), inks)}</p>
      ) : (
        <p className="caption">{rich(t('views.boundary.captionClass'), inks)}</p>
      )}
      {watched !== null && !neuronShown ? <p className="muted">{t('views.boundary.computing', { neuron: neuronName(watched.layer, watched.unit, t) })}</p> : null}
    </div>
  );
}
