import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../state/useAppStore';
import { digitPixels } from '../inspect/confusion';
import { previewPairs, previewReading } from './augPreviewView';
import { useT } from '../i18n';
import './images.css';

/** One 28×28 digit, dark ink on white (ImageData; CSS enlarges it without blur). */
function PreviewCanvas({ pixels, kind, label }: { pixels: Uint8Array; kind: 'original' | 'augmented'; label: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (ctx === null || ctx === undefined) return;
    ctx.putImageData(new ImageData(digitPixels(pixels) as Uint8ClampedArray<ArrayBuffer>, 28, 28), 0, 0);
  }, [pixels]);
  const t = useT();
  return (
    <canvas
      ref={ref}
      width={28}
      height={28}
      className="digit-canvas"
      data-kind={kind}
      data-label={label}
      role="img"
      aria-label={t(kind === 'original' ? 'views.aug.original' : 'views.aug.augmented', { label })}
    />
  );
}

/**
 * mnist: what augmentation does to the training digits — 16 of them as the
 * network would see them without augmentation (top) and in one random draw of
 * the current `aug` (below), with a button for a fresh draw. Nothing for other datasets.
 */
export function AugPreviewCard() {
  const { mnist, aug, preview } = useAppStore(useShallow((s) => ({ mnist: s.config.dataset === 'mnist', aug: s.config.aug, preview: s.augPreview })));
  const requestAugPreview = useAppStore((s) => s.requestAugPreview);
  const pairs = useMemo(() => (preview === null ? [] : previewPairs(preview)), [preview]);
  const t = useT();
  if (!mnist) return null;
  return (
    <div className="chart-card aug-card" data-testid="aug-preview" data-count={pairs.length}>
      <div className="chart-head">
        <h2>
          {t('views.aug.title')} <span className="chart-sub">{t('views.aug.sub')}</span>
        </h2>
        <button type="button" data-testid="btn-aug-resample" onClick={requestAugPreview} title={t('views.aug.newDrawTitle')}>
          {t('views.aug.newDraw')}
        </button>
      </div>
      {pairs.length === 0 ? (
        <div className="chart-empty">
          <p>{t('views.aug.empty')}</p>
        </div>
      ) : (
        <ul className="aug-grid" aria-label={t('views.aug.grid')}>
          {pairs.map((p) => (
            <li key={p.index} className="aug-pair" title={t('views.aug.pairTitle', { index: p.index, label: p.label })}>
              <PreviewCanvas pixels={p.original} kind="original" label={p.label} />
              <PreviewCanvas pixels={p.augmented} kind="augmented" label={p.label} />
              <span className="digit-label">{p.label}</span>
            </li>
          ))}
        </ul>
      )}
      <p className="caption">
        {pairs.length > 0 ? `${previewReading(aug, pairs, t)}${t('views.common.sentenceGap')}` : null}
        {t('views.aug.caption')}
      </p>
    </div>
  );
}
