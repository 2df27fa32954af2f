import { useEffect, useRef } from 'react';
import { useAppStoreApi } from '../../state/useAppStore';
import { drawScatter } from './drawScatter';
import { rSquared, scatterExtent } from './scatter';
import { useViewField } from './useView';

const WIDTH = 420;
const HEIGHT = 380;

/** "R² = 0.93" wording for the caption. */
function fitText(r2: number | null): string {
  if (r2 === null) return '';
  if (r2 >= 0.9) return 'close to the line: a good fit';
  if (r2 >= 0.5) return 'a rough fit';
  if (r2 >= 0) return 'a poor fit, little better than always guessing the average';
  return 'worse than always guessing the average';
}

/**
 * Regression: the test set's predicted against true values, with the y = x
 * line, redrawn at each test-set evaluation (the worker reuses that forward
 * pass). Re-renders with the evaluation, a few times a minute at most.
 */
export function ScatterCard() {
  const store = useAppStoreApi();
  const card = useRef<HTMLDivElement>(null);
  const regression = useViewField('regression', card);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const r2 = regression === null ? null : rSquared(regression.predicted, regression.actual);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null || regression === null) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(WIDTH * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawScatter(ctx, WIDTH, HEIGHT, regression.predicted, regression.actual, scatterExtent(regression.predicted, regression.actual));
    canvas.dataset.points = String(regression.predicted.length);
    canvas.dataset.step = String(store.view.get()?.step ?? 0);
  }, [store, regression]);

  return (
    <div className="chart-card inspect-card scatter-card" ref={card}>
      <div className="chart-head">
        <h2>
          Predicted vs true <span className="chart-sub">(test set)</span>
        </h2>
        {r2 !== null ? (
          <span className="figure" data-testid="scatter-r2" data-value={r2}>
            R² = {r2.toFixed(3)}
          </span>
        ) : null}
      </div>
      {regression !== null ? (
        <div className="scatter-frame">
          <canvas ref={canvasRef} className="scatter-canvas" data-testid="regression-scatter" role="img" aria-label="Predicted against true value for each test sample" />
        </div>
      ) : (
        <div className="chart-empty h260">
          <p>The scatter appears after the first evaluation of the test set.</p>
        </div>
      )}
      <p className="caption">
        One dot per test sample. A perfect model puts every dot on the <span className="ink-best">dashed line</span> (predicted = true)
        {r2 !== null ? `; now ${fitText(r2)}` : ''}. Dots flattening towards a horizontal line mean the model predicts the average — too much pruning or too large a λ.
      </p>
    </div>
  );
}
