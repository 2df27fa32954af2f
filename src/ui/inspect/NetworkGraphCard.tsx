import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import type { WeightSnapshot } from '../../state/snapshot';
import { useAppStoreApi } from '../../state/useAppStore';
import type { NeuronRef } from './BoundaryCard';
import { drawGraphLinks } from './drawGraph';
import { subscribeVisible } from '../subscribeVisible';
import { useLiveDescription } from '../a11y/ChartAlt';
import { graphSummary } from '../a11y/summaries';
import { useT, type Translate } from '../i18n';
import { rich } from '../charts/richText';
import { graphFits, graphHeight, graphLinks, isDenseChain, layerWidths, layoutGraph, neuronName, structureKey, MAX_GRAPH_WIDTH } from './graphLayout';

/** View-box width of the graph (CSS scales it to the card). */
const GRAPH_WIDTH = 560;

/** The network's shape as the latest snapshot has it; the SVG nodes re-render only when it changes. */
interface Structure {
  key: string;
  widths: number[];
  /** Per column (inputs … outputs): the neuron mask, null where all kept. */
  removed: (Uint8Array | null)[];
  /** Each layer reads the previous one's units (an MLP); false for a CNN, which the graph does not draw. */
  chain: boolean;
}

function structureOf(snapshot: WeightSnapshot): Structure {
  const widths = layerWidths(snapshot.layers);
  const removed = widths.map((_, c) => (c >= 1 && c < widths.length - 1 ? (snapshot.neurons[c - 1] ?? null) : null));
  const chain = isDenseChain(snapshot.layers);
  return { key: `${chain ? '' : 'conv:'}${structureKey(widths, snapshot.neurons)}`, widths, removed, chain };
}

/** Subscript digits for x₁, x₂, … */
function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

/** Column titles: Input, Hidden 1 …, Output. */
function columnTitle(c: number, count: number, t: Translate): string {
  return c === 0 ? t('views.graph.input') : c === count - 1 ? t('views.graph.output') : t('views.graph.hidden', { n: c });
}

export interface NetworkGraphProps {
  /** Names of the output units ("class 0", "class 1" or "ŷ"). */
  outputLabels: string[];
  /** 2-D datasets: hovering a hidden neuron shows its map on the boundary canvas. */
  canWatch: boolean;
  /** The neuron whose map is shown (hovered or pinned), if any. */
  watched: NeuronRef | null;
  /** The pinned neuron (click), if any. */
  pinned: NeuronRef | null;
  onHover(neuron: NeuronRef | null): void;
  onPin(neuron: NeuronRef | null): void;
}

/**
 * The network as a graph, as in TensorFlow Playground: a node per neuron, a
 * link per weight, width and opacity ∝ |w|, blue for positive and orange for
 * negative weights, pruned links dashed grey, removed neurons gone. Links are
 * a canvas redrawn from each snapshot (transient subscription); the nodes are
 * SVG, re-rendered only when the shape changes. Hover (or focus) a hidden
 * neuron to see its own output map; click to keep it.
 */
export function NetworkGraphCard({ outputLabels, canWatch, watched, pinned, onHover, onPin }: NetworkGraphProps) {
  const store = useAppStoreApi();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [structure, setStructure] = useState<Structure | null>(() => {
    const s = store.snapshot.get();
    return s === null ? null : structureOf(s);
  });
  const fits = structure !== null && structure.chain && graphFits(structure.widths);
  const height = structure === null ? 200 : graphHeight(Math.max(...structure.widths));
  const layout = useMemo(() => (structure === null || !fits ? null : layoutGraph(structure.widths, structure.removed, GRAPH_WIDTH, height)), [structure, fits, height]);
  const layoutKey = structure?.key ?? null;
  const t = useT();
  const desc = useLiveDescription();

  useEffect(() => {
    const draw = (snapshot: WeightSnapshot | null): void => {
      const next = snapshot === null ? null : structureOf(snapshot);
      setStructure((prev) => (prev?.key === next?.key ? prev : next));
      const canvas = canvasRef.current;
      // A new shape re-renders first; this effect then re-runs with its layout and draws.
      if (canvas === null || layout === null || snapshot === null || next === null || next.key !== layoutKey) return;
      const dpr = window.devicePixelRatio || 1;
      const w = Math.round(layout.width * dpr);
      const h = Math.round(layout.height * dpr);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      const ctx = canvas.getContext('2d');
      if (ctx === null) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const links = graphLinks(snapshot.layers, snapshot.masks, snapshot.neurons);
      drawGraphLinks(ctx, layout, links, watched === null ? null : { column: watched.layer + 1, index: watched.unit });
      canvas.dataset.links = String(links.length);
      canvas.dataset.pruned = String(links.reduce((n, l) => n + (l.pruned ? 1 : 0), 0));
      canvas.dataset.step = String(snapshot.step);
      desc.set(graphSummary(t, next.widths, links));
    };
    return subscribeVisible(canvasRef.current, store.snapshot, draw);
  }, [store, layout, layoutKey, watched, t, desc]);

  if (structure === null) {
    return (
      <div className="chart-card inspect-card graph-card">
        <div className="chart-head">
          <h2>{t('views.graph.title')}</h2>
        </div>
        <div className="chart-empty h200">
          <p>{t('views.graph.empty')}</p>
        </div>
      </div>
    );
  }
  if (layout === null && !structure.chain) {
    return (
      <GraphNote>{t('views.graph.cnnNote')}</GraphNote>
    );
  }
  if (layout === null) {
    const widest = Math.max(...structure.widths);
    return (
      <GraphNote>{t('views.graph.tooWide', { widths: structure.widths.join(' → '), widest: widest.toLocaleString('en-US'), max: MAX_GRAPH_WIDTH })}</GraphNote>
    );
  }

  const count = layout.columns.length;
  const watchedColumn = watched === null ? -1 : watched.layer + 1;
  return (
    <div className="chart-card inspect-card graph-card">
      <div className="chart-head">
        <h2>{t('views.graph.title')}</h2>
        <ul className="legend" aria-label={t('views.graph.links')}>
          <li className="legend-positive">w &gt; 0</li>
          <li className="legend-negative">w &lt; 0</li>
          <li className="legend-pruned-link">{t('views.common.pruned')}</li>
        </ul>
      </div>
      <div className="graph-fit">
        <div className="graph-frame" style={{ aspectRatio: `${layout.width} / ${layout.height}` }}>
          <canvas ref={canvasRef} className="graph-canvas" data-testid="network-graph" data-layers={structure.widths.join(',')} aria-hidden="true" />
          <svg className="graph-nodes" viewBox={`0 0 ${layout.width} ${layout.height}`} role="group" aria-label={t('views.graph.neurons')} aria-describedby={desc.id}>
            {layout.columns.map((column, c) => (
              <g key={c}>
                <text className="graph-title" x={column.length > 0 ? column[0].x : 0} y={14} textAnchor="middle">
                  {columnTitle(c, count, t)}
                </text>
                {column.map((node) => {
                  if (node.removed) return null;
                  const hidden = c > 0 && c < count - 1;
                  const isWatched = c === watchedColumn && watched?.unit === node.index;
                  const isPinned = pinned !== null && pinned.layer + 1 === c && pinned.unit === node.index;
                  const label = c === 0 ? `x${subscript(node.index + 1)}` : c === count - 1 ? (outputLabels[node.index] ?? t('views.graph.outN', { n: node.index + 1 })) : null;
                  const neuron = { layer: c - 1, unit: node.index };
                  const interactive = hidden && canWatch;
                  return (
                    <g key={node.index}>
                      <circle
                        className={`graph-node${hidden ? ' hidden-node' : ''}${isWatched ? ' watched' : ''}${isPinned ? ' pinned' : ''}`}
                        cx={node.x}
                        cy={node.y}
                        r={layout.radius}
                        data-testid={hidden ? `graph-neuron-${c - 1}-${node.index}` : undefined}
                        tabIndex={interactive ? 0 : undefined}
                        role={interactive ? 'button' : undefined}
                        aria-pressed={interactive ? isPinned : undefined}
                        aria-label={interactive ? neuronName(c - 1, node.index, t) : undefined}
                        onPointerEnter={interactive ? () => onHover(neuron) : undefined}
                        onPointerLeave={interactive ? () => onHover(null) : undefined}
                        onFocus={interactive ? () => onHover(neuron) : undefined}
                        onBlur={interactive ? () => onHover(null) : undefined}
                        onClick={interactive ? () => onPin(isPinned ? null : neuron) : undefined}
                        onKeyDown={
                          interactive
                            ? (e) => {
                                if (e.key === 'Enter' || e.key === ' ') {
                                  e.preventDefault();
                                  onPin(isPinned ? null : neuron);
                                }
                              }
                            : undefined
                        }
                      >
                        {hidden ? <title>{interactive ? t('views.graph.nodeTitle', { neuron: neuronName(c - 1, node.index, t) }) : neuronName(c - 1, node.index, t)}</title> : null}
                      </circle>
                      {label !== null ? (
                        <text className="graph-label" x={c === 0 ? node.x - layout.radius - 5 : node.x + layout.radius + 5} y={node.y} textAnchor={c === 0 ? 'end' : 'start'} dominantBaseline="central">
                          {label}
                        </text>
                      ) : null}
                    </g>
                  );
                })}
              </g>
            ))}
          </svg>
          <span {...desc.props} />
        </div>
      </div>
      <p className="caption">
        {rich(t('views.graph.caption'), { blue: <span className="ink-positive">{t('views.common.blue')}</span>, orange: <span className="ink-negative">{t('views.common.orange')}</span> })}
        {canWatch ? t('views.graph.captionWatch') : ''}
      </p>
    </div>
  );
}

/** The card in place of the graph when it cannot be drawn, saying why. */
function GraphNote({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <div className="chart-card inspect-card graph-card" data-testid="network-graph-note">
      <div className="chart-head">
        <h2>{t('views.graph.title')}</h2>
      </div>
      <p className="caption">{children}</p>
    </div>
  );
}
