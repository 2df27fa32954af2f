import { useMemo } from 'react';
import { useT } from '../i18n';
import { qrFor, qrPath } from './qr';

/** Quiet zone around the code, in modules (the standard asks for 4). */
const QUIET = 4;

/**
 * The QR code of `text` as a crisp, scalable SVG (black on white, whatever
 * the theme), or a clear message when the text is too long for a QR code.
 * `data-version` and `data-level` tell tests and curious teachers what was picked.
 */
export function QrCode({ text }: { text: string }) {
  const t = useT();
  const matrix = useMemo(() => qrFor(text), [text]);
  if (matrix === null) {
    return (
      <p className="qr-too-long" role="note" data-testid="share-qr-too-long">
        {t('classroom.share.tooLong', { n: text.length })}
      </p>
    );
  }
  const side = matrix.size + 2 * QUIET;
  return (
    <figure className="qr">
      <svg
        className="qr-code"
        data-testid="share-qr"
        data-version={matrix.version}
        data-level={matrix.level}
        viewBox={`0 0 ${side} ${side}`}
        shapeRendering="crispEdges"
        role="img"
        aria-label={t('classroom.share.qrLabel')}
      >
        <rect width={side} height={side} fill="#ffffff" />
        <path d={qrPath(matrix, QUIET)} fill="#000000" />
      </svg>
      <figcaption className="hint">{matrix.version > 15 ? t('classroom.share.qrDense') : t('classroom.share.qrCaption')}</figcaption>
    </figure>
  );
}
