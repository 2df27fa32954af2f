import type { KeyboardEvent as ReactKeyboardEvent, MouseEvent as ReactMouseEvent, ReactNode } from 'react';
import { rampGradientCss } from './colourScale';
import { useT } from '../../i18n';

/** Pointer and keyboard handlers of one heatmap canvas, given the layer index. */
export interface CanvasPointer {
  onMove(index: number, event: ReactMouseEvent<HTMLCanvasElement>): void;
  onLeave(): void;
  onClick(index: number, event: ReactMouseEvent<HTMLCanvasElement>): void;
  /** ← → Home End pick a column (neuron) as a click does; Esc clears the pick. */
  onKey(index: number, event: ReactKeyboardEvent<HTMLCanvasElement>): void;
}

/** The keys {@link CanvasPointer.onKey} handles, for `aria-keyshortcuts`. */
export const HEATMAP_KEYS = 'ArrowLeft ArrowRight Home End Escape';

interface LayerFigureProps {
  index: number;
  title: string;
  /** What the rows and columns are, e.g. "rows: 300 inputs · columns: 100 neurons". */
  axes: string;
  /** Shown instead of the matrix (layer 0's learned-filters canvas), or null. */
  replacement: ReactNode;
  canvasRef(el: HTMLCanvasElement | null): void;
  /** Receives the legend's −range and +range labels, which the drawing fills in. */
  rangeRef(side: 0 | 1, el: HTMLSpanElement | null): void;
  pointer: CanvasPointer;
  onPng(index: number): void;
}

const GRADIENT = { background: rampGradientCss() };

/**
 * One kernel layer: its title, the heatmap canvas (rows = inputs, columns =
 * neurons; drawn by the card, never re-rendered per snapshot), its colour
 * legend with the layer's range, and a PNG download.
 */
export function LayerFigure({ index, title, axes, replacement, canvasRef, rangeRef, pointer, onPng }: LayerFigureProps) {
  const t = useT();
  return (
    <figure className="heatmap-figure">
      <figcaption>
        <span className="heatmap-title">{title}</span>
        <span className="heatmap-axes">{axes}</span>
      </figcaption>
      {replacement}
      <canvas
        ref={canvasRef}
        hidden={replacement !== null}
        className="heatmap-canvas"
        data-testid={`heatmap-layer-${index}`}
        role="img"
        aria-label={t('views.heatmap.layerAria', { title })}
        tabIndex={replacement !== null ? -1 : 0}
        aria-keyshortcuts={HEATMAP_KEYS}
        onMouseMove={(e) => pointer.onMove(index, e)}
        onMouseLeave={pointer.onLeave}
        onClick={(e) => pointer.onClick(index, e)}
        onKeyDown={(e) => pointer.onKey(index, e)}
      />
      <div className="heatmap-legend">
        <span ref={(el) => rangeRef(0, el)} className="heatmap-range" data-testid={`heatmap-range-min-${index}`} />
        <span className="heatmap-ramp" style={GRADIENT} aria-hidden="true" />
        <span ref={(el) => rangeRef(1, el)} className="heatmap-range" data-testid={`heatmap-range-max-${index}`} />
        <button type="button" className="mini" data-testid={`btn-png-heatmap-${index}`} onClick={() => onPng(index)}>
          PNG
        </button>
      </div>
    </figure>
  );
}
