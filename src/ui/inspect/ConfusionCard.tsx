import { useEffect, useMemo, useRef } from 'react';
import { NEGATIVE_RGB, POSITIVE_RGB } from './colour';
import { cellShade, confusionTotals, digitPixels, rowShares, topConfusions } from './confusion';
import { useViewField } from './useView';

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
  const summary = useMemo(() => {
    if (confusion === null) return null;
    const { counts, classes } = confusion;
    return { shares: rowShares(counts, classes), ...confusionTotals(counts, classes), top: topConfusions(counts, classes, 3) };
  }, [confusion]);

  if (confusion === null || summary === null) {
    return (
      <div className="chart-card inspect-card confusion-card" ref={card}>
        <div className="chart-head">
          <h2>Confusion matrix</h2>
        </div>
        <div className="chart-empty h260">
          <p>The confusion matrix appears after the first evaluation of the test set.</p>
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
          Confusion matrix <span className="chart-sub">(test set)</span>
        </h2>
        <span className="figure">
          {summary.correct.toLocaleString('en-US')} of {summary.total.toLocaleString('en-US')} right
        </span>
      </div>
      <div className="confusion-layout">
        <div className="confusion-main">
          <div className="confusion-scroll">
            <table className="confusion" data-testid="confusion-matrix" data-classes={classes} data-total={summary.total} data-correct={summary.correct}>
              <thead>
                <tr>
                  <td className="confusion-blank" />
                  <th className="confusion-axis" scope="colgroup" colSpan={classes}>
                    predicted →
                  </th>
                </tr>
                <tr>
                  <th className="confusion-corner" scope="col">
                    true ↓
                  </th>
                  {classIndex.map((p) => (
                    <th key={p} scope="col">
                      {p}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {classIndex.map((t) => (
                  <tr key={t}>
                    <th scope="row">{t}</th>
                    {classIndex.map((p) => {
                      const count = counts[t * classes + p];
                      const diagonal = t === p;
                      const alpha = cellShade(summary.shares[t * classes + p], diagonal);
                      return (
                        <td
                          key={p}
                          className={diagonal ? 'diag' : count > 0 ? 'miss' : undefined}
                          style={count > 0 ? { background: `rgb(${(diagonal ? POSITIVE_RGB : NEGATIVE_RGB).join(' ')} / ${(alpha * 100).toFixed(0)}%)`, color: alpha > 0.62 ? '#ffffff' : undefined } : undefined}
                          title={`true ${t}, predicted ${p}: ${count} (${(summary.shares[t * classes + p] * 100).toFixed(1)} % of the ${t}s)`}
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
            Each row is one true digit; its cells count what the network called it. Right answers fill the <span className="ink-positive">diagonal</span>, mistakes light up{' '}
            <span className="ink-negative">off it</span>
            {worst !== undefined ? (
              <>
                {' '}
                — the commonest now: <strong>{worst.actual}</strong> taken for <strong>{worst.predicted}</strong> ({worst.count} times)
              </>
            ) : null}
            . Prune hard and watch the mistakes spread from the look-alike pairs.
          </p>
        </div>
        {withPixels.length > 0 ? (
          <div className="confusion-side">
            <h3 className="inspect-subtitle">Misclassified test digits</h3>
            <ul className="digit-strip" data-testid="misclassified" aria-label="Misclassified test digits">
              {withPixels.map((m) => (
                <li key={m.index} className="digit" title={`test sample ${m.index}: a ${m.label}, taken for ${m.predicted}`}>
                  <DigitCanvas pixels={m.pixels as Uint8Array} />
                  <span className="digit-label">
                    {m.label} → <strong>{m.predicted}</strong>
                  </span>
                </li>
              ))}
            </ul>
            <p className="caption">The first {withPixels.length} test digits the network gets wrong, as “true → predicted”. Many are ones a person would hesitate over too.</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
