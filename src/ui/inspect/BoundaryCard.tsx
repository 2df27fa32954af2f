import { useEffect, useRef, useState } from 'react';
import { useAppStoreApi } from '../../state/useAppStore';
import type { ViewState } from '../../state/view';
import type { Activation } from '../../engine/types';
import { neuronRange, pointsExtent, symmetricRange, type BoundaryColouring } from './boundary';
import { DIVERGING_GRADIENT } from './colour';
import { drawBoundary, type BoundaryScene, type BoundaryScratch, type PointSet } from './drawBoundary';
import { neuronName } from './graphLayout';
import { subscribeVisible } from '../subscribeVisible';

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
      // Same-value updates bail out, so this renders only when what is shown changes.
      setShowing((prev) => (prev.kind === now.kind && (now.kind === 'output' || (prev.kind === 'neuron' && prev.layer === now.layer && prev.unit === now.unit)) ? prev : now));
    };
    return subscribeVisible(canvasRef.current, store.view, draw);
  }, [store, regression, activation, discrete, showTest, watched]);

  const neuronShown = showing.kind === 'neuron';
  const diverging = regression || neuronShown;
  return (
    <div className="chart-card inspect-card boundary-card">
      <div className="chart-head">
        <h2>{neuronShown ? `${neuronName(showing.layer, showing.unit)} — its output` : regression ? 'Predicted value' : 'Decision boundary'}</h2>
      </div>
      <div className="view-switch">
        {!regression ? (
          <label>
            <input type="checkbox" data-testid="toggle-discretise" checked={discrete} disabled={neuronShown} onChange={(e) => setDiscrete(e.target.checked)} />
            Discretise (hard class regions)
          </label>
        ) : null}
        <label>
          <input type="checkbox" data-testid="toggle-test-points" checked={showTest} onChange={(e) => setShowTest(e.target.checked)} />
          Show test points
        </label>
      </div>
      <div className="boundary-frame">
        <canvas
          ref={canvasRef}
          className="boundary-canvas"
          data-testid="decision-boundary"
          role="img"
          aria-label={neuronShown ? `Output of ${neuronName(showing.layer, showing.unit)} over the input plane` : 'The model’s output over the input plane, with the data points'}
        />
      </div>
      <div className="boundary-legend">
        {diverging ? (
          <span className="scale-legend">
            <span ref={lowRef} className="scale-end" />
            <span className="scale-bar" style={{ background: DIVERGING_GRADIENT }} />
            <span ref={highRef} className="scale-end" />
          </span>
        ) : (
          <ul className="legend legend-left" aria-label="Colours">
            <li className="legend-box legend-class0">Class 0</li>
            <li className="legend-box legend-class1">Class 1</li>
          </ul>
        )}
        <ul className="legend legend-left" aria-label="Points">
          <li className="legend-dot legend-dot-train">Training point</li>
          {showTest ? <li className="legend-dot legend-dot-test">Test point</li> : null}
        </ul>
      </div>
      {neuronShown ? (
        <p className="caption">
          What this one neuron computes at every point of the plane: <span className="ink-positive">blue</span> where its output is positive,{' '}
          <span className="ink-negative">orange</span> where negative, white near zero. The network’s answer is a weighted mix of maps like this. Move off the neuron
          (or click it again if you kept it) to see the answer again.
        </p>
      ) : regression ? (
        <p className="caption">
          The background is the network’s prediction at every point (<span className="ink-positive">blue</span> high, <span className="ink-negative">orange</span> low);
          each dot is coloured by its true value. A dot that stands out from its background is a point the model gets wrong.
        </p>
      ) : (
        <p className="caption">
          The background is the network’s answer at every point of the plane: <span className="ink-positive">blue</span> for class 1,{' '}
          <span className="ink-negative">orange</span> for class 0, paler where it is unsure. The boundary is where the colours meet — a good one separates the dots.
          Heavy pruning or a large λ smooths it, then breaks it.
        </p>
      )}
      {watched !== null && !neuronShown ? <p className="muted">Computing {neuronName(watched.layer, watched.unit)}’s map…</p> : null}
    </div>
  );
}
