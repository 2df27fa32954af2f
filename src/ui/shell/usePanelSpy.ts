import { useCallback, useEffect, useRef, type RefObject } from 'react';
import { PANELS, type PanelId } from '../../state/page';
import { currentLessonStep } from '../../state/lessons';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';

/** How far below the top of the sidebar's scroll area a group's heading may sit and still count as the open group, px. */
const SPY_MARGIN_PX = 56;

/** The element of group `panel` (`data-panel`), if on the page. */
function groupElement(panel: PanelId): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-panel="${panel}"]`);
}

/** Whether `el` scrolls on its own (the desktop sidebar) rather than with the page (phones). */
function scrollsItself(el: HTMLElement): boolean {
  return el.scrollHeight > el.clientHeight + 1 && getComputedStyle(el).overflowY !== 'visible';
}

/** The top of the page area the sticky header and step bar leave free, px from the viewport's top. */
function stickyInset(): number {
  const bar = document.querySelector<HTMLElement>('.step-bar');
  return bar === null ? 0 : Math.max(0, bar.getBoundingClientRect().bottom);
}

/**
 * Scrolls `box` as little as needed to show every element inside it with one
 * of these test ids (top first when they do not all fit); others are ignored.
 */
function revealTogether(box: HTMLElement, testIds: readonly string[]): void {
  const rects = testIds.flatMap((id) => {
    const el = box.querySelector(`[data-testid="${id}"]`);
    return el === null ? [] : [el.getBoundingClientRect()];
  });
  if (rects.length === 0) return;
  const view = box.getBoundingClientRect();
  const top = Math.min(...rects.map((r) => r.top));
  const bottom = Math.max(...rects.map((r) => r.bottom));
  const margin = 8;
  if (top >= view.top && bottom <= view.bottom) return;
  const down = bottom - top + 2 * margin <= view.height ? bottom + margin - view.bottom : top - margin - view.top;
  box.scrollTop += top < view.top ? top - margin - view.top : down;
}

/**
 * The group the student is in, read from where the sidebar is scrolled:
 * the last group whose heading is at or above the top of the sidebar's view
 * (the last one at the bottom of the scroll); `experiments` while the page
 * is scrolled down to that space.
 */
function spiedPanel(scroller: HTMLElement): PanelId {
  const experiments = groupElement('experiments');
  if (experiments !== null && experiments.getBoundingClientRect().top < window.innerHeight * 0.5) return 'experiments';
  const own = scrollsItself(scroller);
  const top = own ? scroller.getBoundingClientRect().top : stickyInset();
  const atEnd = own ? scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2 : false;
  let current: PanelId = PANELS[0];
  for (const panel of PANELS) {
    if (panel === 'experiments') continue;
    const el = groupElement(panel);
    if (el === null) continue;
    if (atEnd || el.getBoundingClientRect().top <= top + SPY_MARGIN_PX) current = panel;
  }
  return current;
}

/**
 * Keeps the open group (`page.panel`, in the URL) and the scroll positions in
 * step, both ways: scrolling the sidebar (or, on a phone, the page) opens the
 * group in view, and a new `panel` from a link, a lesson step or the step bar
 * scrolls its group to the top of the sidebar (`experiments`: the page down to
 * that space; any other group: the page back up to the stage), and a lesson
 * step's named controls into view. Returns `goTo`, which scrolls to a group
 * even when it is open already (the step bar).
 */
export function usePanelSpy(scroller: RefObject<HTMLElement | null>): (panel: PanelId) => void {
  const store = useAppStoreApi();
  const panel = useAppStore((s) => s.page.panel);
  /** The panel the scroll position stands for, as last read or set: a store change equal to it needs no scroll. */
  const shown = useRef<PanelId | null>(null);

  // Jumps, not smooth scrolls: a smooth scroll would pass every group between, and each would briefly open.
  const scrollTo = useCallback(
    (target: PanelId): void => {
      const box = scroller.current;
      const el = groupElement(target);
      if (box === null || el === null) return;
      const behavior: ScrollBehavior = 'instant';
      shown.current = target;
      if (target === 'experiments') {
        window.scrollTo({ top: window.scrollY + el.getBoundingClientRect().top - stickyInset(), behavior });
        return;
      }
      if (scrollsItself(box)) {
        if (window.scrollY > 0) window.scrollTo({ top: 0, behavior });
        box.scrollTo({ top: box.scrollTop + el.getBoundingClientRect().top - box.getBoundingClientRect().top, behavior });
      } else {
        window.scrollTo({ top: window.scrollY + el.getBoundingClientRect().top - stickyInset(), behavior });
      }
    },
    [scroller],
  );

  // A panel from outside (a link, a lesson step): bring its group to the top of the sidebar. On a phone the
  // page is one column with the stage first: it is not scrolled away from under the student (the step bar
  // still marks the group, and a tap on it scrolls).
  useEffect(() => {
    const box = scroller.current;
    if (box !== null && !scrollsItself(box) && panel !== 'experiments') shown.current = panel;
    if (panel !== shown.current) scrollTo(panel);
  }, [scroller, panel, scrollTo]);

  // A lesson's step: the controls it names come into view in the sidebar (after the scroll to its group above).
  const stepNames = useAppStore((s) => currentLessonStep(s.page.lesson, s.lessonStep)?.names.join(' ') ?? '');
  useEffect(() => {
    const box = scroller.current;
    if (box === null || stepNames === '') return;
    const reveal = (): void => {
      if (scrollsItself(box)) revealTogether(box, stepNames.split(' '));
    };
    reveal();
    // Again once the step's text, its views and fonts have settled (the sidebar's visible height follows the lesson card's).
    const frame = requestAnimationFrame(reveal);
    const later = setTimeout(reveal, 250);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(later);
    };
  }, [scroller, stepNames, panel]);

  // Scrolling (by the student, or to reach a control) opens the group in view.
  useEffect(() => {
    const box = scroller.current;
    if (box === null) return;
    let frame = 0;
    const onScroll = (): void => {
      if (frame !== 0) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const next = spiedPanel(box);
        if (next === shown.current) return;
        shown.current = next;
        if (store.getState().page.panel !== next) store.getState().setPage('panel', next);
      });
    };
    box.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      box.removeEventListener('scroll', onScroll);
      window.removeEventListener('scroll', onScroll);
    };
  }, [scroller, store]);

  return useCallback(
    (target: PanelId) => {
      store.getState().setPage('panel', target);
      scrollTo(target);
    },
    [store, scrollTo],
  );
}
