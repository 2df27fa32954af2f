import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { WeightSnapshot } from '../../state/snapshot';
import { useAppStoreApi } from '../../state/useAppStore';
import { subscribeVisible } from '../subscribeVisible';
import { MASK_COLOUR, rampGradientCss, REMOVED_COLOURS } from './heatmap/colourScale';
import { drawFilterTileCanvas } from './heatmap/heatmapCanvas';
import { formatWeight, kernelViews } from './heatmap/heatmapView';
import { filterSide, filterTileScale } from './heatmap/filterTiles';
import { autoRange } from './heatmap/paint';
import { filterTileCssPx } from './convFiltersLayout';
import './heatmap/heatmap.css';
import { useT } from '../i18n';
import './convFilters.css';

const RAMP = { background: rampGradientCss() };
const HATCH = { background: `repeating-linear-gradient(45deg, ${REMOVED_COLOURS[0]} 0 3px, ${REMOVED_COLOURS[1]} 3px 6px)` };

/** "9x32": the first layer's kernel shape; the tiles re-render only when it changes ('' before the first snapshot). */
function firstLayerKey(snapshot: WeightSnapshot | null): string {
  const first = snapshot?.layers[0];
  return first === undefined ? '' : `${first.inDim}x${first.outDim}`;
}

/**
 * The first conv layer's filters (a CNN): one small canvas per filter, its
 * k × k weights on the heatmaps' diverging scale (one symmetric range for
 * the whole layer, the 99th percentile of the kept |w|), pruned weights in
 * the mask colour, a filter removed by structured pruning hatched. Redrawn
 * from `store.snapshot` through a transient subscription while on screen;
 * React renders only when the number of filters or their size changes.
 */
export function ConvFiltersCard() {
  const store = useAppStoreApi();
  const [key, setKey] = useState(() => firstLayerKey(store.snapshot.get()));
  const [rows, cols] = key === '' ? [0, 0] : key.split('x').map(Number);
  const side = filterSide(rows);
  const tileCss = { width: filterTileCssPx(side), height: filterTileCssPx(side) };
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const cardRef = useRef<HTMLDivElement | null>(null);
  const rangeLabel = useRef<HTMLSpanElement | null>(null);
  const shown = useRef(key);
  const t = useT();

  // Stable for the component's life: reads the mounted canvases through refs.
  const draw = useRef((): void => {
    const snapshot = store.snapshot.get();
    if (snapshot === null || firstLayerKey(snapshot) !== shown.current) return; // the new shape's canvases are not mounted yet
    const view = kernelViews(snapshot)[0];
    const k = filterSide(view.rows);
    if (k === 0) return;
    const range = autoRange(view);
    const scale = filterTileScale(k);
    for (let f = 0; f < view.cols; f++) {
      const canvas = canvases.current[f];
      if (canvas != null) drawFilterTileCanvas(canvas, view, f, k, range, scale);
    }
    if (rangeLabel.current !== null) rangeLabel.current.textContent = `±${formatWeight(range)}`;
  }).current;

  useEffect(() => {
    const onSnapshot = (snapshot: WeightSnapshot | null): void => {
      const next = firstLayerKey(snapshot);
      if (next !== shown.current) setKey(next);
      else draw();
    };
    return subscribeVisible(cardRef.current, store.snapshot, onSnapshot);
  }, [store, draw]);

  // Before the browser paints: new canvases never show blank between a shape change and the draw.
  useLayoutEffect(() => {
    shown.current = key;
    draw();
  }, [key, draw]);

  return (
    <div className="chart-card inspect-card conv-filters-card" data-testid="conv-filters" data-filters={side > 0 ? cols : 0} ref={cardRef}>
      <div className="chart-head">
        <h2>{t('views.conv.title')}</h2>
      </div>
      <ul className="heatmap-key conv-filters-key" aria-label={t('views.common.colours')}>
        <li title={t('views.conv.rangeTitle')}>
          − <span className="heatmap-swatch heatmap-ramp" style={RAMP} /> + <span ref={rangeLabel} className="heatmap-range" data-testid="conv-filters-range" />
        </li>
        <li>
          <span className="heatmap-swatch" style={{ background: MASK_COLOUR }} /> {t('views.common.pruned')}
        </li>
        <li>
          <span className="heatmap-swatch" style={HATCH} /> {t('views.conv.filterRemoved')}
        </li>
      </ul>
      {side === 0 ? (
        <div className="chart-empty h200">
          <p>{t('views.conv.empty')}</p>
        </div>
      ) : (
        <div className="conv-filter-grid" role="group" aria-label={t('views.conv.group', { n: cols, side })}>
          {Array.from({ length: cols }, (_, f) => (
            <figure key={f} className="conv-filter-tile">
              <canvas
                ref={(el) => {
                  canvases.current[f] = el;
                }}
                className="conv-filter"
                style={tileCss}
                role="img"
                aria-label={t('views.conv.filterAria', { n: f + 1, side })}
                title={t('views.conv.filterTitle', { n: f + 1 })}
              />
              <figcaption aria-hidden="true">{f + 1}</figcaption>
            </figure>
          ))}
        </div>
      )}
      <p className="caption">{t('views.conv.caption', { size: side > 0 ? `${side} × ${side}` : 'k × k' })}</p>
    </div>
  );
}
