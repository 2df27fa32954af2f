import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WeightSnapshot } from '../../state/snapshot';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { AXIS_HEIGHT, drawHistograms, panelHeight, type HistogramPanel } from './drawHistogram';
import { binMagnitudes, logBins, maxAbs, type LayerHistogram, type LogBins } from './histogram';
import { layerCuts } from './pruningView';

/** What the last snapshot binned to: the canvas redraws from this when only the cut moves. */
interface Binned {
  bins: LogBins;
  titles: string[];
  hists: LayerHistogram[];
}

/** Bins every kernel of `snapshot` (dense weights) on one shared log axis, pruned = mask 0. */
function binSnapshot(snapshot: WeightSnapshot): Binned {
  const kernels = snapshot.layers.map((l) => l.kernel);
  const bins = logBins(maxAbs(kernels));
  const last = snapshot.layers.length - 1;
  return {
    bins,
    titles: snapshot.layers.map((l, i) => `${i === last ? 'Output layer' : `Layer ${i + 1}`} · ${l.inDim} → ${l.outDim}`),
    hists: snapshot.layers.map((l, i) => binMagnitudes(l.kernel, snapshot.masks[i] ?? null, bins)),
  };
}

/**
 * Small multiples of |w| per kernel layer, from the DENSE weights of the
 * latest snapshot (a transient subscription: new weights redraw the canvas
 * without a React render), kept vs pruned, with a dashed line at each layer's cut.
 * The cut follows the θ slider at once; the grey/blue split follows when the worker answers.
 */
export function WeightHistogram() {
  const store = useAppStoreApi();
  const cutConfig = useAppStore(useShallow((s) => ({ pmode: s.config.pmode, threshold: s.config.threshold, sched: s.config.sched, lottery: s.config.lottery })));
  const model = useAppStore((s) => s.pruning.model);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const binned = useRef<Binned | null>(null);
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
    drawHistograms(ctx, width, panels, data.bins);
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
  }).current;

  useEffect(() => {
    const onSnapshot = (snapshot: WeightSnapshot | null): void => {
      binned.current = snapshot === null ? null : binSnapshot(snapshot);
      setLayerCount(snapshot?.layers.length ?? 0);
      draw();
    };
    onSnapshot(store.snapshot.get());
    return store.snapshot.subscribe(onSnapshot);
  }, [store, draw]);

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
        <h2>Weight sizes by layer</h2>
        <ul className="legend" aria-label="Bars">
          <li className="legend-box legend-kept">Kept</li>
          <li className="legend-box legend-pruned">Pruned</li>
          <li className="legend-cut">Cut</li>
        </ul>
      </div>
      <p className="caption">
        Each bar counts weights of that size |w|. Magnitude pruning removes the small ones — everything left of the red cut turns grey; pruning whole neurons greys weights of
        every size.
      </p>
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
