import { useEffect, useMemo, useRef } from 'react';
import { NEGATIVE_RGB, POSITIVE_RGB } from './colour';
import { cellShade, confusionTotals, digitPixels, rowShares, topConfusions } from './confusion';
import { useViewField } from './useView';
import { useT } from '../i18n';
import { rich } from '../charts/richText';

/** One 28×28 test digit, dark ink on white, drawn from its pixels (ImageData; CSS enlarges it). */
function DigitCanvas({ pixels }: { pixels: Uint8Array }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx === null || ctx === undefined) return;
    ctx.putImageData(new ImageData(digitPixels(pixels) as Uint8ClampedArray<ArrayBuffer>, 28, 28), 0, 0);
  }, [pixels]);
  return <canvas ref={ref} width={28} height={28} className="digit-canvas" aria-hidden="true" />;
}

/**
 * Classification with many classes (MNIST): the test set's confusion matrix —
 * a row per true class, a column per predicted class, counts shaded by their
 * share of the row — and a strip of misclassified test digits labelled
 * "true → predicted". Re-renders once per test-set evaluation.
 */
export function ConfusionCard() {
  const card = useRef<HTMLDivElement>(null);
  const confusion = useViewField('confusion', card);
  const t = useT();
  const summary = useMemo(() => {
    if (confusion === null) return null;
    const { counts, classes } = confusion;
    return { shares: rowShares(counts, classes), ...confusionTotals(counts, classes), top: topConfusions(counts, classes, 3) };
  }, [confusion]);

  if (confusion === null || summary === null) {
    return (
      <div className="chart-card inspect-card confusion-card" ref={card}>
        <div className="chart-head">
          <h2>{t('views.confusion.title')}</h2>
        </div>
        <div className="chart-empty h260">
          <p>{t('views.confusion.empty')}</p>
        </div>
      </div>
    );
  }
  const { classes, counts, misclassified } = confusion;
  const classIndex = Array.from({ length: classes }, (_, k) => k);
  const withPixels = misclassified.filter((m) => m.pixels !== undefined);
  const worst = summary.top[0];
  return (
    <div className="chart-card inspect-card confusion-card" ref={card}>
      <div className="chart-head">
        <h2>
          {t('views.confusion.title')} <span className="chart-sub">{t('views.common.testSet')}</span>
        </h2>
        <span className="figure">{t('views.confusion.right', { correct: summary.correct.toLocaleString('en-US'), total: summary.total.toLocaleString('en-US') })}</span>
      </div>
      <div className="confusion-layout">
        <div className="confusion-main">
          <div className="confusion-scroll">
            <table className="confusion" data-testid="confusion-matrix" data-classes={classes} data-total={summary.total} data-correct={summary.correct}>
              <thead>
                <tr>
                  <td className="confusion-blank" />
                  <th className="confusion-axis" scope="colgroup" colSpan={classes}>
                    {t('views.confusion.predicted')}
                  </th>
                </tr>
                <tr>
                  <th className="confusion-corner" scope="col">
                    {t('views.confusion.true')}
                  </th>
                  {classIndex.map((p) => (
                    <th key={p} scope="col">
                      {p}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {classIndex.map((a) => (
                  <tr key={a}>
                    <th scope="row">{a}</th>
                    {classIndex.map((p) => {
                      const count = counts[a * classes + p];
                      const diagonal = a === p;
                      const alpha = cellShade(summary.shares[a * classes + p], diagonal);
                      return (
                        <td
                          key={p}
                          className={diagonal ? 'diag' : count > 0 ? 'miss' : undefined}
                          style={count > 0 ? { background: `rgb(${(diagonal ? POSITIVE_RGB : NEGATIVE_RGB).join(' ')} / ${(alpha * 100).toFixed(0)}%)`, color: alpha > 0.62 ? '#ffffff' : undefined } : undefined}
                          title={t('views.confusion.cellTitle', { actual: a, predicted: p, count, share: `${(summary.shares[a * classes + p] * 100).toFixed(1)} %` })}
                        >
                          {count > 0 ? count : ''}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="caption">
            {rich(t('views.confusion.caption'), {
              diagonal: <span className="ink-positive">{t('views.confusion.diagonal')}</span>,
              off: <span className="ink-negative">{t('views.confusion.offIt')}</span>,
              worst:
                worst !== undefined
                  ? rich(t('views.confusion.worst', { count: worst.count }), { actual: <strong>{worst.actual}</strong>, predicted: <strong>{worst.predicted}</strong> })
                  : null,
            })}
          </p>
        </div>
        {withPixels.length > 0 ? (
          <div className="confusion-side">
            <h3 className="inspect-subtitle">{t('views.confusion.misTitle')}</h3>
            <ul className="digit-strip" data-testid="misclassified" aria-label={t('views.confusion.misTitle')}>
              {withPixels.map((m) => (
                <li key={m.index} className="digit" title={t('views.confusion.digitTitle', { index: m.index, label: m.label, predicted: m.predicted })}>
                  <DigitCanvas pixels={m.pixels as Uint8Array} />
                  <span className="digit-label">
                    {m.label} → <strong>{m.predicted}</strong>
                  </span>
                </li>
              ))}
            </ul>
            <p className="caption">{t('views.confusion.misCaption', { n: withPixels.length })}</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
