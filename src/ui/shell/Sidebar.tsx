import type { RefObject } from 'react';
import { SectionGate } from '../classroom/ControlGate';
import { sectionKeys } from '../classroom/sections';
import { DataGroup } from '../data/DataGroup';
import { useT } from '../i18n';
import { ImagesGroup } from '../images/ImagesGroup';
import { LessonsPanel } from '../lessons/LessonsPanel';
import { PruneGroup } from '../prune/PruneGroup';
import { RegulariseGroup } from '../regularise/RegulariseGroup';
import { TrainGroup } from '../train/TrainGroup';

/**
 * The controls, beside the stage: the lessons (the open one with its current
 * step) on top, then every group of controls in the order of the step bar, in
 * a column that scrolls on its own so the stage never moves. Every control is
 * always on the page (`data-testid="control-<URL key>"`); a classroom link's
 * `hide` leaves a group out when it hides all of its keys.
 */
export function Sidebar({ scroller }: { scroller: RefObject<HTMLDivElement | null> }) {
  const t = useT();
  return (
    <aside className="panel sidebar" aria-label={t('layout.sidebar')}>
      <LessonsPanel />
      <div className="sidebar-scroll" ref={scroller}>
        <SectionGate controls={[...sectionKeys('data'), ...sectionKeys('model')]}>
          <DataGroup />
        </SectionGate>
        <SectionGate controls={sectionKeys('training')}>
          <TrainGroup />
        </SectionGate>
        <SectionGate controls={sectionKeys('pruning')}>
          <PruneGroup />
        </SectionGate>
        <SectionGate controls={sectionKeys('regularisation')}>
          <RegulariseGroup />
        </SectionGate>
        <SectionGate controls={sectionKeys('augmentation')}>
          <ImagesGroup />
        </SectionGate>
        <div className="sidebar-end" aria-hidden="true" />
      </div>
    </aside>
  );
}
