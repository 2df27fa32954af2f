import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WeightSnapshot } from '../../state/snapshot';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { AXIS_HEIGHT, drawHistograms, logAxis, panelHeight, signedAxis, type HistogramAxis, type HistogramPanel } from './drawHistogram';
import { binMagnitudes, binSigned, logBins, maxAbs, signedBins, type LayerHistogram } from './histogram';
import { subscribeVisible } from '../subscribeVisible';
import { layerCuts } from './pruningView';

/** What the histogram shows: |w| on a log axis (pruning's view), or signed w on a linear one (regularisation's view). */
export type HistogramView = 'log' | 'signed';

/** What the last snapshot binned to: the canvas redraws from this when only the cut moves. */
interface Binned {
  axis: HistogramAxis;
  titles: string[];
  hists: LayerHistogram[];
}

/** Bins every kernel of `snapshot` (dense weights) on one shared axis of `view`, pruned = mask 0. */
function binSnapshot(snapshot: WeightSnapshot, view: HistogramView): Binned {
  const kernels = snapshot.layers.map((l) => l.kernel);
  const hiAbs = maxAbs(kernels);
  const last = snapshot.layers.length - 1;
  const titles = snapshot.layers.map((l, i) => `${i === last ? 'Output layer' : `Layer ${i + 1}`} · ${l.inDim} → ${l.outDim}`);
  if (view === 'signed') {
    const bins = signedBins(hiAbs);
    return { axis: signedAxis(bins), titles, hists: snapshot.layers.map((l, i) => binSigned(l.kernel, snapshot.masks[i] ?? null, bins)) };
  }
  const bins = logBins(hiAbs);
  return { axis: logAxis(bins), titles, hists: snapshot.layers.map((l, i) => binMagnitudes(l.kernel, snapshot.masks[i] ?? null, bins)) };
}

/**
 * Small multiples of the weights per kernel layer, from the DENSE weights of
 * the latest snapshot (a transient subscription: new weights redraw the canvas
 * without a React render), kept vs pruned, with a dashed line at each layer's
 * cut. Two views: |w| on a log axis (what magnitude pruning cuts), and signed w
 * on a linear axis with exact zeros in their own bar (L1's spike at zero and
 * heavy tails against L2's narrow bell). The cut follows the θ slider at once;
 * the grey/blue split follows when the worker answers.
 */
export function WeightHistogram() {
  const store = useAppStoreApi();
  const cutConfig = useAppStore(useShallow((s) => ({ pmode: s.config.pmode, threshold: s.config.threshold, sched: s.config.sched, lottery: s.config.lottery })));
  const model = useAppStore((s) => s.pruning.model);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const binned = useRef<Binned | null>(null);
  const [view, setView] = useState<HistogramView>('log');
  const viewRef = useRef<HistogramView>(view);
  const cuts = useRef<number[]>([]);
  // Layers of the latest snapshot; 0 before the first one (the empty state).
  const [layerCount, setLayerCount] = useState(() => store.snapshot.get()?.layers.length ?? 0);
  const hasWeights = layerCount > 0;

  // Stable for the component's life: reads everything through refs.
  const draw = useRef(() => {
    const canvas = canvasRef.current;
    const wrap = wrapRef.current;
    const data = binned.current;
    if (canvas === null || wrap === null || data === null) return;
    const width = wrap.clientWidth;
    const height = data.hists.length * panelHeight(data.hists.length) + AXIS_HEIGHT;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr);
      canvas.height = Math.round(height * dpr);
      canvas.style.height = `${height}px`;
    }
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const panels: HistogramPanel[] = data.hists.map((hist, l) => ({ title: data.titles[l], hist, cut: cuts.current[l] ?? 0 }));
    drawHistograms(ctx, width, panels, data.axis);
    let pruned = 0;
    let total = 0;
    for (const h of data.hists) {
      pruned += h.prunedTotal;
      total += h.total;
    }
    wrap.dataset.layers = String(data.hists.length);
    wrap.dataset.pruned = String(pruned);
    wrap.dataset.total = String(total);
    wrap.dataset.cuts = cuts.current.join(',');
    wrap.dataset.view = viewRef.current;
  }).current;

  // Re-subscribes on a view change, which re-bins the latest snapshot at once.
  useEffect(() => {
    viewRef.current = view;
    const onSnapshot = (snapshot: WeightSnapshot | null): void => {
      binned.current = snapshot === null ? null : binSnapshot(snapshot, view);
      setLayerCount(snapshot?.layers.length ?? 0);
      draw();
    };
    return subscribeVisible(wrapRef.current, store.snapshot, onSnapshot);
  }, [store, draw, view]);

  useEffect(() => {
    cuts.current = layerCuts(cutConfig, model, layerCount);
    draw();
  }, [cutConfig, model, layerCount, draw]);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (wrap === null) return;
    const observer = new ResizeObserver(() => draw());
    observer.observe(wrap);
    return () => observer.disconnect();
  }, [draw, hasWeights]);

  return (
    <div className="chart-card pruning-card" data-testid="weight-histogram">
      <div className="chart-head">
        <h2>{view === 'log' ? 'Weight sizes by layer' : 'Weights by layer'}</h2>
        <ul className="legend" aria-label="Bars">
          <li className="legend-box legend-kept">Kept</li>
          {view === 'signed' ? <li className="legend-box legend-zero">Exactly 0</li> : null}
          <li className="legend-box legend-pruned">Pruned</li>
          <li className="legend-cut">Cut</li>
        </ul>
      </div>
      <div className="view-switch" role="radiogroup" aria-label="Histogram axis">
        <label>
          <input type="radio" name="histogram-view" data-testid="histogram-view-log" checked={view === 'log'} onChange={() => setView('log')} />
          |w|, log
        </label>
        <label>
          <input type="radio" name="histogram-view" data-testid="histogram-view-signed" checked={view === 'signed'} onChange={() => setView('signed')} />
          signed w, linear
        </label>
      </div>
      {view === 'log' ? (
        <p className="caption">
          Each bar counts weights of that size |w|. Magnitude pruning removes the small ones — everything left of the red cut turns grey; pruning whole neurons greys weights
          of every size.
        </p>
      ) : (
        <p className="caption">
          Each bar counts weights of that value w; the <span className="ink-zero">middle bar</span> counts exact zeros. L1 piles weights onto zero and leaves heavy tails; L2
          squeezes them into a narrow bell with no exact zeros. Pruning cuts between the two red lines.
        </p>
      )}
      {hasWeights ? (
        <div ref={wrapRef} className="histogram-canvas">
          <canvas ref={canvasRef} role="img" aria-label="Histogram of weight magnitudes per layer, kept and pruned" />
        </div>
      ) : (
        <div className="chart-empty h200">
          <p>The weights appear after the first step.</p>
        </div>
      )}
    </div>
  );
}
