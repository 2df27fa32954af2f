import { useT } from '../i18n';
import { CopyLink } from './CopyLink';
import { Modal } from './Modal';
import { QrCode } from './QrCode';

/**
 * The share dialog: the link (already being copied by the share button), a
 * Copy button, and the link's QR code large enough to scan from a projector.
 */
export function ShareDialog({ link, firstCopy, onClose }: { link: string; firstCopy: Promise<boolean>; onClose: () => void }) {
  const t = useT();
  return (
    <Modal title={t('classroom.share.title')} testId="share-dialog" className="share-dialog" onClose={onClose}>
      <p className="hint">{t('classroom.share.intro')}</p>
      <CopyLink link={link} testId="share" label={t('classroom.share.linkLabel')} firstCopy={firstCopy} />
      <QrCode text={link} />
    </Modal>
  );
}
