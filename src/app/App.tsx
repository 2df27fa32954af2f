import { ChartsPanel } from '../ui/charts/ChartsPanel';
import { useDocumentLang, useT } from '../ui/i18n';
import { LessonsPanel } from '../ui/lessons/LessonsPanel';
import { ModelIoCard } from '../ui/modelio/ModelIoCard';
import { OwnDataCard } from '../ui/owndata/OwnDataCard';
import { ControlPanel } from '../ui/controls/ControlPanel';
import { Header } from '../ui/header/Header';
import { AugPreviewCard } from '../ui/images/AugPreviewCard';
import { InsidePanel } from '../ui/inspect/InsidePanel';
import { PruningArea } from '../ui/pruning/PruningArea';
import { RegularisationArea } from '../ui/regularise/RegularisationArea';
import { RunBanner } from '../ui/notices/RunBanner';
import { UrlNotice } from '../ui/notices/UrlNotice';
import { useKeyboardShortcuts } from '../ui/useKeyboard';
import { ControlGate } from '../ui/classroom/ControlGate';
import { usePresenting, usePresentingRootClass } from '../ui/classroom/usePresenting';
import { MAIN_ID, SkipLink } from '../ui/a11y/SkipLink';

/** The page: header figures, settings on the left, notices, the training curves, the augmentation preview (mnist), inside the network, the pruning and the regularisation pictures in the middle. */
export function App() {
  useKeyboardShortcuts();
  useDocumentLang();
  const t = useT();
  const presenting = usePresenting();
  usePresentingRootClass(presenting);
  return (
    <div className={presenting ? 'app presenter' : 'app'}>
      <SkipLink />
      <Header />
      <div className="layout">
        <ControlPanel />
        <main className="main" id={MAIN_ID} tabIndex={-1}>
          <UrlNotice />
          <RunBanner />
          <LessonsPanel />
          <ControlGate control="pts">
            <OwnDataCard />
          </ControlGate>
          <ChartsPanel />
          <AugPreviewCard />
          <InsidePanel />
          <PruningArea />
          <RegularisationArea />
          <ModelIoCard />
          <p className="footnote">
            {t('header.keys')} <kbd>{t('header.keys.space')}</kbd> {t('header.keys.play')} · <kbd>s</kbd> {t('header.keys.step')} · <kbd>r</kbd> {t('header.keys.reset')} · <kbd>p</kbd> {t('classroom.keys.presenter')} · <kbd>?</kbd>{' '}
            {t('classroom.keys.help')}
            {t('header.keys.link')}
          </p>
        </main>
      </div>
    </div>
  );
}
