import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { currentLessonStep } from '../../state/lessons';
import { trainsCnn } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { stagePlan, type StagePlan } from './stagePlan';

/** The stage for the current dataset, network, open group and lesson step (see {@link stagePlan}). */
export function useStagePlan(): StagePlan {
  const s = useAppStore(
    useShallow((st) => ({
      dataset: st.config.dataset,
      cnn: trainsCnn(st.config),
      scheduled: st.config.sched !== 'off',
      panel: st.page.panel,
      lesson: st.page.lesson,
      step: st.lessonStep,
    })),
  );
  return useMemo(() => stagePlan(datasetInfo(s.dataset), s.cnn, s.panel, s.scheduled, currentLessonStep(s.lesson, s.step)?.shows), [s]);
}
