import type { CsvResult, CsvRowError } from '../../engine/data/csvPoints';
import { OWN_MAX_POINTS } from '../../engine/data/ownPoints';
import { useT, type Translate } from '../i18n';

/** What the last upload gave: the parse result, or a file that could not be read at all. */
export interface UploadReport {
  file: string;
  result: CsvResult | null;
}

/** One bad row as the student reads it: "Line 4: x “abc” is not a number". */
function rowText(t: Translate, e: CsvRowError): string {
  const params = { value: e.value, max: OWN_MAX_POINTS.toLocaleString('en') };
  const reason =
    e.code === 'fields'
      ? t('owndata.error.fields')
      : e.code === 'x'
        ? t(e.value === '' ? 'owndata.error.xMissing' : 'owndata.error.x', params)
        : e.code === 'y'
          ? t(e.value === '' ? 'owndata.error.yMissing' : 'owndata.error.y', params)
          : e.code === 'label'
            ? t('owndata.error.label')
            : e.code === 'third-label'
              ? t('owndata.error.third-label', params)
              : t('owndata.error.limit', params);
  return t('owndata.report.line', { line: e.line, reason });
}

/** The summary of an upload: what loaded (or why nothing did), then whether it was rescaled. */
function summary(t: Translate, { file, result }: UploadReport): string[] {
  return [loadedText(t, { file, result }), ...(result?.rescaled === true ? [t('owndata.report.rescaled')] : [])];
}

function loadedText(t: Translate, { file, result }: UploadReport): string {
  if (result === null) return t('owndata.report.unreadable', { file });
  if (result.fileError === 'too-large') return t('owndata.report.tooLarge', { file });
  if (result.fileError === 'empty') return t('owndata.report.empty', { file });
  const n = result.points.length;
  const [a, b] = result.classes;
  return a !== null && b !== null
    ? t('owndata.report.loaded', { n, file, a, b })
    : t('owndata.report.oneLabel', { n, file, label: a ?? b ?? '', cls: a !== null ? t('owndata.classA') : t('owndata.classB') });
}

/**
 * The report of the last CSV upload: what loaded (how labels map to the
 * classes, whether coordinates were rescaled) and every bad row with its line
 * number and reason (the first CSV_MAX_LISTED_ERRORS = 50, then a count).
 */
export function CsvReport({ report, onDismiss }: { report: UploadReport; onDismiss: () => void }) {
  const t = useT();
  const { result } = report;
  const failed = result === null || result.fileError !== null;
  const bad = result?.errorCount ?? 0;
  return (
    <div className={`owndata-report ${failed || bad > 0 ? 'is-warn' : 'is-ok'}`} role="status" data-testid="owndata-report">
      <button type="button" className="icon owndata-dismiss" aria-label={t('owndata.report.dismiss')} title={t('owndata.report.dismiss')} onClick={onDismiss}>
        ×
      </button>
      <div data-testid="owndata-summary" data-loaded={result?.points.length ?? 0}>
        {summary(t, report).map((line) => (
          <p key={line}>{line}</p>
        ))}
      </div>
      {bad > 0 && result !== null ? (
        <div data-testid="owndata-errors" data-count={bad} data-lines={result.errors.map((e) => e.line).join(',')}>
          <p>{bad === 1 ? t('owndata.report.skippedOne') : t('owndata.report.skippedMany', { n: bad })}</p>
          <ul>
            {result.errors.map((e) => (
              <li key={e.line}>{rowText(t, e)}</li>
            ))}
          </ul>
          {bad > result.errors.length ? <p>{t('owndata.report.more', { n: bad - result.errors.length })}</p> : null}
        </div>
      ) : null}
    </div>
  );
}
