import { useEffect, useId, useRef } from 'react';
import { useAppStoreApi } from '../../state/useAppStore';
import { drawScatter } from './drawScatter';
import { rSquared, scatterExtent } from './scatter';
import { useViewField } from './useView';
import { scatterSummary } from '../a11y/summaries';
import { useT, type Translate } from '../i18n';
import { rich } from '../charts/richText';

const WIDTH = 420;
const HEIGHT = 380;

/** "R² = 0.93" wording for the caption. */
function fitText(r2: number | null, t: Translate): string {
  if (r2 === null) return '';
  if (r2 >= 0.9) return t('views.scatter.fitGood');
  if (r2 >= 0.5) return t('views.scatter.fitRough');
  if (r2 >= 0) return t('views.scatter.fitPoor');
  return t('views.scatter.fitWorse');
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
  const t = useT();
  const descId = useId();

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null || regression === null) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(WIDTH * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
    const ctx = canvas.getContext('2d');
    if (ctx === null) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawScatter(ctx, WIDTH, HEIGHT, regression.predicted, regression.actual, scatterExtent(regression.predicted, regression.actual), t);
    canvas.dataset.points = String(regression.predicted.length);
    canvas.dataset.step = String(store.view.get()?.step ?? 0);
  }, [store, regression, t]);

  return (
    <div className="chart-card inspect-card scatter-card" ref={card}>
      <div className="chart-head">
        <h2>
          {t('views.scatter.title')} <span className="chart-sub">{t('views.common.testSet')}</span>
        </h2>
        {r2 !== null ? (
          <span className="figure" data-testid="scatter-r2" data-value={r2}>
            R² = {r2.toFixed(3)}
          </span>
        ) : null}
      </div>
      {regression !== null ? (
        <div className="scatter-frame">
          <canvas ref={canvasRef} className="scatter-canvas" data-testid="regression-scatter" role="img" aria-label={t('views.scatter.aria')} aria-describedby={descId} />
          <span id={descId} hidden data-testid="canvas-summary">
            {scatterSummary(t, regression.predicted.length, r2)}
          </span>
        </div>
      ) : (
        <div className="chart-empty h260">
          <p>{t('views.scatter.empty')}</p>
        </div>
      )}
      <p className="caption">
        {rich(t('views.scatter.caption', { fit: r2 !== null ? t('views.scatter.now', { fit: fitText(r2, t) }) : '' }), {
          line: <span className="ink-best">{t('views.scatter.dashedLine')}</span>,
        })}
      </p>
    </div>
  );
}
