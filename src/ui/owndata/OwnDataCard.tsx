import { useEffect, useMemo, useRef, useState, type ChangeEvent, type DragEvent, type MouseEvent } from 'react';
import { CSV_MAX_BYTES, csvTooLarge, parseCsvPoints } from '../../engine/data/csvPoints';
import { OWN_EXAMPLE, OWN_MAX_POINTS, OWN_MIN_POINTS, OWN_URL_MAX_POINTS, classCounts, formatPoints, parsePointsLenient, type OwnPoint } from '../../engine/data/ownPoints';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { downloadText } from '../download';
import { useT } from '../i18n';
import { CLASS_RGB, rgbHex } from '../inspect/colour';
import { subscribeVisible } from '../subscribeVisible';
import { CsvReport, type UploadReport } from './CsvReport';
import { drawOwnData, fromPixel, nearestPoint, pointsCsv, type OwnScratch } from './ownCanvas';
import './owndata.css';

/**
 * Edits to the points reach the store (a cold change: a new run) this long
 * after the last click, so clicking twenty points starts one run, not twenty.
 * Clear, Example and an upload apply at once.
 */
export const COMMIT_DELAY_MS = 500;
/** Side of the canvas in CSS pixels at full size (the canvas holds this × devicePixelRatio). */
const SIDE = 360;
/** The file name of "Download CSV". */
const CSV_NAME = 'my-points.csv';

/**
 * "Your own data" (dataset = custom): draw 2-D points as in ConvNetJS (click:
 * class A, shift-click: class B, alt- or right-click: remove the nearest),
 * upload a CSV (with a report of the rows it could not read), see the latest
 * decision boundary behind the points, and where the points are kept. Shown
 * only while the dataset is custom; the dataset control is the way in.
 */
export function OwnDataCard() {
  const custom = useAppStore((s) => s.config.dataset === 'custom');
  return custom ? <OwnDataEditor /> : null;
}

function OwnDataEditor() {
  const t = useT();
  const api = useAppStoreApi();
  const committed = useAppStore((s) => s.config.pts);
  const committedPoints = useMemo(() => parsePointsLenient(committed), [committed]);
  // Edits not yet in the store, made on top of the config's `base` text (dropped if the config moves on without them).
  const [local, setLocal] = useState<{ base: string; points: OwnPoint[] } | null>(null);
  const points = local !== null && local.base === committed ? local.points : committedPoints;
  const [plainClass, setPlainClass] = useState<0 | 1>(0);
  const [report, setReport] = useState<UploadReport | null>(null);
  const [dragging, setDragging] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const scratch = useRef<OwnScratch>({ canvas: null, pixels: undefined });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  // Redraw when the points change and whenever a new boundary arrives (only while on screen).
  useEffect(() => {
    const draw = (): void => {
      const canvas = canvasRef.current;
      if (canvas === null) return;
      const dpr = window.devicePixelRatio || 1;
      const px = Math.round(SIDE * dpr);
      if (canvas.width !== px || canvas.height !== px) {
        canvas.width = px;
        canvas.height = px;
      }
      const ctx = canvas.getContext('2d');
      if (ctx === null) return;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const view = api.view.get();
      drawOwnData(ctx, SIDE, points, view?.boundary ?? null, scratch.current);
      canvas.dataset.points = String(points.length);
      canvas.dataset.boundary = view?.boundary ? String(view.step) : '';
    };
    return subscribeVisible(canvasRef.current, api.view, draw);
  }, [api, points]);

  /** Shows `next` at once and sends it to the store after `delayMs` (0: now), unless the config changed meanwhile. */
  const edit = (next: OwnPoint[], delayMs: number): void => {
    clearTimeout(timer.current);
    const base = api.getState().config.pts;
    setLocal({ base, points: next });
    const send = (): void => {
      if (api.getState().config.pts === base) api.getState().setConfig('pts', formatPoints(next));
    };
    if (delayMs > 0) timer.current = setTimeout(send, delayMs);
    else send();
  };

  const onClick = (e: MouseEvent<HTMLCanvasElement>): void => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    if (e.altKey) {
      remove(px, py, rect.width);
      return;
    }
    if (points.length >= OWN_MAX_POINTS) return;
    const label: 0 | 1 = e.shiftKey ? ((1 - plainClass) as 0 | 1) : plainClass;
    edit([...points, { ...fromPixel(px, py, rect.width), label }], COMMIT_DELAY_MS);
  };
  const remove = (px: number, py: number, side: number): void => {
    const i = nearestPoint(points, px, py, side);
    if (i >= 0) edit(points.filter((_, j) => j !== i), COMMIT_DELAY_MS);
  };
  const onContextMenu = (e: MouseEvent<HTMLCanvasElement>): void => {
    e.preventDefault();
    const rect = e.currentTarget.getBoundingClientRect();
    remove(e.clientX - rect.left, e.clientY - rect.top, rect.width);
  };

  const load = async (file: File): Promise<void> => {
    if (file.size > CSV_MAX_BYTES) {
      setReport({ file: file.name, result: csvTooLarge() });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setReport({ file: file.name, result: null });
      return;
    }
    const result = parseCsvPoints(text);
    setReport({ file: file.name, result });
    if (result.points.length > 0) edit(result.points, 0);
  };
  const onFile = (e: ChangeEvent<HTMLInputElement>): void => {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file may be chosen again after editing it
    if (file) void load(file);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void load(file);
  };

  const [a, b] = classCounts(points);
  const n = points.length;
  const swatch = (label: 0 | 1) => <span className="owndata-swatch" style={{ background: rgbHex(CLASS_RGB[label]) }} aria-hidden="true" />;
  return (
    <section className="chart-card owndata-card" data-testid="owndata" aria-labelledby="owndata-title">
      <div className="chart-head">
        <h2 id="owndata-title">{t('owndata.title')}</h2>
        <span className="owndata-counts">
          <span data-testid="owndata-count-a" data-value={a}>
            {swatch(0)} {t('owndata.count', { cls: t('owndata.classA'), n: a })}
          </span>
          <span data-testid="owndata-count-b" data-value={b}>
            {swatch(1)} {t('owndata.count', { cls: t('owndata.classB'), n: b })}
          </span>
        </span>
      </div>
      <div className="owndata-body">
        <div
          className={`owndata-frame${dragging ? ' is-dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <canvas ref={canvasRef} className="owndata-canvas" data-testid="owndata-canvas" role="img" aria-label={t('owndata.canvasLabel', { a, b })} onClick={onClick} onContextMenu={onContextMenu} />
        </div>
        <div className="owndata-side">
          <p className="owndata-howto">{t('owndata.howto')}</p>
          <fieldset className="owndata-plain" data-testid="owndata-add-class">
            <legend>{t('owndata.addWith')}</legend>
            {([0, 1] as const).map((c) => (
              <label key={c}>
                <input type="radio" name="owndata-plain" value={c} checked={plainClass === c} onChange={() => setPlainClass(c)} />
                {swatch(c)} {c === 0 ? t('owndata.classA') : t('owndata.classB')}
              </label>
            ))}
          </fieldset>
          <div className="owndata-buttons">
            <button type="button" data-testid="btn-owndata-clear" title={t('owndata.clearTitle')} disabled={n === 0} onClick={() => edit([], 0)}>
              {t('owndata.clear')}
            </button>
            <button type="button" data-testid="btn-owndata-example" title={t('owndata.exampleTitle')} onClick={() => edit(parsePointsLenient(OWN_EXAMPLE), 0)}>
              {t('owndata.example')}
            </button>
            <button type="button" data-testid="btn-owndata-download" title={t('owndata.downloadTitle')} disabled={n === 0} onClick={() => downloadText(CSV_NAME, pointsCsv(points))}>
              {t('owndata.download')}
            </button>
            <label className="owndata-upload">
              <span>{t('owndata.upload')}</span>
              <input type="file" data-testid="owndata-upload" accept=".csv,.tsv,.txt,text/csv,text/plain" onChange={onFile} />
            </label>
          </div>
          <p className="hint">{t('owndata.csvHelp', { rows: OWN_MAX_POINTS.toLocaleString('en') })}</p>
          {report !== null ? <CsvReport report={report} onDismiss={() => setReport(null)} /> : null}
          {n < OWN_MIN_POINTS ? (
            <p className="owndata-warn" data-testid="owndata-too-few">
              {t('owndata.tooFew', { min: OWN_MIN_POINTS })}
            </p>
          ) : null}
          {n >= OWN_MAX_POINTS ? <p className="owndata-warn">{t('owndata.full', { max: OWN_MAX_POINTS.toLocaleString('en') })}</p> : null}
          <div className="hint owndata-storage" data-testid="owndata-link-note" data-in-link={n > 0 && n <= OWN_URL_MAX_POINTS ? 1 : 0}>
            <p>{t('owndata.storage', { max: OWN_URL_MAX_POINTS })}</p>
            {n > 0 ? <p>{n <= OWN_URL_MAX_POINTS ? t('owndata.inLink', { n }) : t('owndata.notInLink', { n })}</p> : null}
          </div>
        </div>
      </div>
    </section>
  );
}
