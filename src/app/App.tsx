import { useRef } from 'react';
import { useDocumentLang, useT } from '../ui/i18n';
import { ModelIoCard } from '../ui/modelio/ModelIoCard';
import { Header } from '../ui/header/Header';
import { useKeyboardShortcuts } from '../ui/useKeyboard';
import { usePresenting, usePresentingRootClass } from '../ui/classroom/usePresenting';
import { MAIN_ID, SkipLink } from '../ui/a11y/SkipLink';
import { ExperimentsSection } from '../ui/experiments/ExperimentsSection';
import { MoreViews } from '../ui/shell/MoreViews';
import { Sidebar } from '../ui/shell/Sidebar';
import { Stage } from '../ui/shell/Stage';
import { StepBar } from '../ui/shell/StepBar';
import { usePanelSpy } from '../ui/shell/usePanelSpy';
import { useStickyHeight } from '../ui/shell/useStickyHeight';
import './layout.css';

/**
 * The page, laid out like the data flow: the sticky header (play, speed and
 * the live figures), the step bar of groups, then one screen with the
 * controls of every group on the left (the open group at the top; its own
 * scroll) beside the stage — the network, the loss, the output and the open
 * group's view — so every slider is seen together with what it changes.
 * Below: the remaining views and the experiments space, each with its result.
 */
export function App() {
  useKeyboardShortcuts();
  useDocumentLang();
  const t = useT();
  const presenting = usePresenting();
  usePresentingRootClass(presenting);
  const rootRef = useRef<HTMLDivElement>(null);
  useStickyHeight(rootRef);
  const scroller = useRef<HTMLDivElement>(null);
  const goTo = usePanelSpy(scroller);
  return (
    <div ref={rootRef} className={presenting ? 'app presenter' : 'app'}>
      <SkipLink />
      <div className="chrome">
        <Header />
        <StepBar goTo={goTo} />
      </div>
      <div className="workspace">
        <Sidebar scroller={scroller} />
        <main className="main" id={MAIN_ID} tabIndex={-1}>
          <Stage />
        </main>
      </div>
      <div className="below">
        <MoreViews />
        <ExperimentsSection />
        <ModelIoCard />
        <p className="footnote">
          {t('header.keys')} <kbd>{t('header.keys.space')}</kbd> {t('header.keys.play')} · <kbd>s</kbd> {t('header.keys.step')} · <kbd>r</kbd> {t('header.keys.reset')} · <kbd>p</kbd> {t('classroom.keys.presenter')} · <kbd>?</kbd>{' '}
          {t('classroom.keys.help')}
          {t('header.keys.link')}
        </p>
      </div>
    </div>
  );
}
