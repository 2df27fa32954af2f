import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { WeightSnapshot } from '../../state/snapshot';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { AXIS_HEIGHT, drawHistograms, logAxis, panelHeight, signedAxis, type HistogramAxis, type HistogramPanel } from './drawHistogram';
import { binMagnitudes, binSigned, logBins, maxAbs, signedBins, type LayerHistogram } from './histogram';
import { subscribeVisible } from '../subscribeVisible';
import { layerCuts } from './pruningView';
import { useLiveDescription } from '../a11y/ChartAlt';
import { histogramSummary } from '../a11y/summaries';
import { useT, type Translate } from '../i18n';
import { rich } from '../charts/richText';

/** What the histogram shows: |w| on a log axis (pruning's view), or signed w on a linear one (regularisation's view). */
export type HistogramView = 'log' | 'signed';

/** What the last snapshot binned to: the canvas redraws from this when only the cut moves. */
interface Binned {
  /** The shared axis, its words in the language of the translator given. */
  axisOf(t: Translate): HistogramAxis;
  /** Each kernel layer's [inputs, outputs], for its panel title. */
  dims: [number, number][];
  hists: LayerHistogram[];
}

/** A panel's title: "Layer 2 · 300 → 100", the last one "Output layer · …". */
function panelTitle(t: Translate, l: number, count: number, [rows, cols]: [number, number]): string {
  return t('views.common.layerTitle', { name: l === count - 1 ? t('views.common.outputLayer') : t('views.common.layerN', { n: l + 1 }), rows, cols });
}

/** Bins every kernel of `snapshot` (dense weights) on one shared axis of `view`, pruned = mask 0. */
function binSnapshot(snapshot: WeightSnapshot, view: HistogramView): Binned {
  const kernels = snapshot.layers.map((l) => l.kernel);
  const hiAbs = maxAbs(kernels);
  const dims = snapshot.layers.map((l): [number, number] => [l.inDim, l.outDim]);
  if (view === 'signed') {
    const bins = signedBins(hiAbs);
    return { axisOf: (t) => signedAxis(bins, t), dims, hists: snapshot.layers.map((l, i) => binSigned(l.kernel, snapshot.masks[i] ?? null, bins)) };
  }
  const bins = logBins(hiAbs);
  return { axisOf: (t) => logAxis(bins, t), dims, hists: snapshot.layers.map((l, i) => binMagnitudes(l.kernel, snapshot.masks[i] ?? null, bins)) };
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
  const t = useT();
  const tRef = useRef<Translate>(t);
  const desc = useLiveDescription();

  // The wrapper's width, kept by the ResizeObserver below: reading clientWidth in a draw would force a
  // layout right after React's commits (10–15 ms on the test machine while training).
  const wrapWidth = useRef(0);

  // Stable for the component's life: reads everything through refs.
  const draw = useRef(() => {
    const canvas = canvasRef.current;
    const wrap = wrapRef.current;
    const data = binned.current;
    const width = wrapWidth.current;
    if (canvas === null || wrap === null || data === null || width === 0) return;
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
    const tr = tRef.current;
    const panels: HistogramPanel[] = data.hists.map((hist, l) => ({ title: panelTitle(tr, l, data.hists.length, data.dims[l]), hist, cut: cuts.current[l] ?? 0 }));
    drawHistograms(ctx, width, panels, data.axisOf(tr), tr);
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
    desc.set(histogramSummary(tRef.current, data.hists, cuts.current));
  }).current;

  // A language switch rewrites the description.
  useEffect(() => {
    tRef.current = t;
    draw();
  }, [t, draw]);

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
    // Fires once on observe, so the first width arrives without a forced layout.
    const observer = new ResizeObserver((entries) => {
      wrapWidth.current = entries[entries.length - 1].contentRect.width;
      draw();
    });
    observer.observe(wrap);
    return () => observer.disconnect();
  }, [draw, hasWeights]);

  return (
    <div className="chart-card pruning-card" data-testid="weight-histogram">
      <div className="chart-head">
        <h2>{t(view === 'log' ? 'views.hist.titleLog' : 'views.hist.titleSigned')}</h2>
        <ul className="legend" aria-label={t('views.hist.bars')}>
          <li className="legend-box legend-kept">{t('views.hist.kept')}</li>
          {view === 'signed' ? <li className="legend-box legend-zero">{t('views.hist.zero')}</li> : null}
          <li className="legend-box legend-pruned">{t('views.common.pruned')}</li>
          <li className="legend-cut">{t('views.hist.cut')}</li>
        </ul>
      </div>
      <div className="view-switch" role="radiogroup" aria-label={t('views.hist.axisGroup')}>
        <label>
          <input type="radio" name="histogram-view" data-testid="histogram-view-log" checked={view === 'log'} onChange={() => setView('log')} />
          {t('views.hist.viewLog')}
        </label>
        <label>
          <input type="radio" name="histogram-view" data-testid="histogram-view-signed" checked={view === 'signed'} onChange={() => setView('signed')} />
          {t('views.hist.viewSigned')}
        </label>
      </div>
      {view === 'log' ? (
        <p className="caption">{t('views.hist.captionLog')}</p>
      ) : (
        <p className="caption">{rich(t('views.hist.captionSigned'), { middle: <span className="ink-zero">{t('views.hist.middleBar')}</span> })}</p>
      )}
      {hasWeights ? (
        <div ref={wrapRef} className="histogram-canvas">
          <canvas ref={canvasRef} role="img" aria-label={t('views.hist.aria')} aria-describedby={desc.id} />
          <span {...desc.props} />
        </div>
      ) : (
        <div className="chart-empty h200">
          <p>{t('views.common.weightsEmpty')}</p>
        </div>
      )}
    </div>
  );
}
