import { useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import { useT } from '../i18n';
import { LanguageSelect } from '../i18n/LanguageSelect';
import { ClassroomDialog } from './ClassroomDialog';
import { copyText } from './clipboard';
import { pageBase, shareLink } from './classroomLink';
import { HelpDialog } from './HelpDialog';
import { setHelpOpen, useHelpOpen } from './helpState';
import { ShareDialog } from './ShareDialog';
import './classroom.css';
import './presenter.css';

/**
 * The page's tools in the header: share (copies the link and shows its QR
 * code), presenter mode, the classroom link builder, the keyboard help, and
 * the language.
 */
export function PageTools() {
  const t = useT();
  const api = useAppStoreApi();
  const present = useAppStore((s) => s.page.present === 1);
  const setPage = useAppStore((s) => s.setPage);
  const helpOpen = useHelpOpen();
  const [share, setShare] = useState<{ link: string; copy: Promise<boolean> } | null>(null);
  const [builderOpen, setBuilderOpen] = useState(false);

  const onShare = (): void => {
    const { config, page } = api.getState();
    const link = shareLink(pageBase(window.location), config, page);
    // Copy inside the click: browsers allow clipboard writes during a user gesture.
    setShare({ link, copy: copyText(link) });
  };

  return (
    <div className="page-tools">
      <button type="button" className="tool" data-testid="btn-share" title={t('classroom.share.buttonTitle')} onClick={onShare}>
        {t('classroom.share.button')}
      </button>
      <button
        type="button"
        className="tool"
        data-testid="btn-presenter"
        aria-pressed={present}
        aria-keyshortcuts="P"
        title={t(present ? 'classroom.presenter.exitTitle' : 'classroom.presenter.enterTitle')}
        onClick={() => setPage('present', present ? 0 : 1)}
      >
        {t('classroom.presenter.button')}
      </button>
      <button type="button" className="tool tool-builder" data-testid="btn-classroom" title={t('classroom.builder.buttonTitle')} onClick={() => setBuilderOpen(true)}>
        {t('classroom.builder.button')}
      </button>
      <button type="button" className="tool tool-help" data-testid="btn-help" aria-keyshortcuts="?" aria-label={t('classroom.help.buttonTitle')} title={t('classroom.help.buttonTitle')} onClick={() => setHelpOpen(true)}>
        ?
      </button>
      <LanguageSelect />
      {share !== null ? <ShareDialog link={share.link} firstCopy={share.copy} onClose={() => setShare(null)} /> : null}
      {builderOpen ? <ClassroomDialog onClose={() => setBuilderOpen(false)} /> : null}
      {helpOpen ? <HelpDialog onClose={() => setHelpOpen(false)} /> : null}
    </div>
  );
}
