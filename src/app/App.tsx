import { ChartsPanel } from '../ui/charts/ChartsPanel';
import { useDocumentLang } from '../ui/i18n';
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

/** The page: header figures, settings on the left, notices, the training curves, the augmentation preview (mnist), inside the network, the pruning and the regularisation pictures in the middle. */
export function App() {
  useKeyboardShortcuts();
  useDocumentLang();
  return (
    <div className="app">
      <Header />
      <div className="layout">
        <ControlPanel />
        <main className="main">
          <UrlNotice />
          <RunBanner />
          <LessonsPanel />
          <OwnDataCard />
          <ChartsPanel />
          <AugPreviewCard />
          <InsidePanel />
          <PruningArea />
          <RegularisationArea />
          <ModelIoCard />
          <p className="footnote">
            Keys: <kbd>space</kbd> play/pause · <kbd>s</kbd> one step · <kbd>r</kbd> reset. The link in the address bar reproduces this experiment.
          </p>
        </main>
      </div>
    </div>
  );
}
