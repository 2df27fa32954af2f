/**
 * The in-view rule, measured from bounding boxes: can a set of elements all be
 * seen at one scroll position of the page? An element inside a sticky or fixed
 * box (the header's figures, a sticky sidebar) counts as in view wherever the
 * page is scrolled, as long as it is on screen; the others must fit, together,
 * in the band of the viewport that the sticky bars at its top leave free.
 * A candidate position is then really scrolled to and each element checked: on
 * screen, inside the free band, and not covered (the point at its centre hits
 * the element itself, something inside it, or another part of the same card).
 */
import type { Page } from '@playwright/test';

/** What {@link canSeeTogether} found. */
export interface InViewResult {
  ok: boolean;
  /** Why not, per element test id (empty when ok). */
  why: string[];
}

/**
 * Whether the elements with these test ids (the first one is scrolled into
 * view first, as a student would scroll to a slider) can all be in view at one
 * scroll position. Leaves the page scrolled to that position.
 */
export async function canSeeTogether(page: Page, testIds: readonly string[]): Promise<InViewResult> {
  return page.evaluate((ids) => {
    const why: string[] = [];
    const els = ids.map((id) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`));
    els.forEach((el, i) => {
      if (el === null) why.push(`${ids[i]}: not on the page`);
      else if (el.getClientRects().length === 0) why.push(`${ids[i]}: not displayed`);
    });
    if (why.length > 0) return { ok: false, why };
    const present = els as HTMLElement[];
    /** Inside a sticky or fixed box: moves with the viewport, not with the page. */
    const pinned = (el: HTMLElement): boolean => {
      for (let e: HTMLElement | null = el; e !== null; e = e.parentElement) {
        const pos = getComputedStyle(e).position;
        if (pos === 'fixed' || pos === 'sticky') return true;
      }
      return false;
    };
    // The slider first, the way a student finds it (this also scrolls a sidebar of its own).
    present[0].scrollIntoView({ block: 'center', inline: 'nearest' });
    const vh = window.innerHeight;
    const vw = window.innerWidth;
    /** The height the sticky or fixed bars across the top of the viewport cover. */
    const topInset = (): number => {
      let inset = 0;
      for (const bar of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
        const pos = getComputedStyle(bar).position;
        if (pos !== 'sticky' && pos !== 'fixed') continue;
        const r = bar.getBoundingClientRect();
        if (r.top <= 1 && r.bottom > 0 && r.width >= vw * 0.5 && r.height < vh * 0.5) inset = Math.max(inset, r.bottom);
      }
      return inset;
    };
    const free = present.filter((el) => !pinned(el));
    if (free.length > 0) {
      const tops = free.map((el) => el.getBoundingClientRect().top + window.scrollY);
      const bottoms = free.map((el) => el.getBoundingClientRect().bottom + window.scrollY);
      const top = Math.min(...tops);
      const bottom = Math.max(...bottoms);
      const inset = topInset();
      if (bottom - top > vh - inset + 1) {
        return { ok: false, why: [`the unpinned elements span ${Math.round(bottom - top)} px; the viewport leaves ${Math.round(vh - inset)} px below the sticky bars`] };
      }
      // The lowest position that shows the span's top under the bars (or as close as the page allows).
      window.scrollTo({ top: top - inset, behavior: 'instant' as ScrollBehavior });
    }
    const inset = topInset();
    present.forEach((el, i) => {
      const r = el.getBoundingClientRect();
      const band = pinned(el) ? 0 : inset;
      if (r.top < band - 1 || r.bottom > vh + 1 || r.left < -1 || r.right > vw + 1) {
        why.push(`${ids[i]}: at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}, outside ${band}–${vh}`);
        return;
      }
      const x = Math.min(Math.max(r.left + r.width / 2, 0), vw - 1);
      const y = Math.min(Math.max(r.top + r.height / 2, 0), vh - 1);
      const hit = document.elementFromPoint(x, y);
      // What covers it may be part of the same view (the graph's neurons are an SVG over its canvas of links).
      const own = el.closest('.chart-card, .metric, .field') ?? el;
      if (hit === null || !(own.contains(hit) || hit.contains(el))) why.push(`${ids[i]}: covered by ${hit?.tagName.toLowerCase() ?? 'nothing'}${hit?.className ? `.${String(hit.className).split(' ')[0]}` : ''}`);
    });
    return { ok: why.length === 0, why };
  }, testIds);
}

/** For each effect: whether `slider` and that effect can be in view together (the slider–effect pairs the in-view rule counts). */
export async function pairsInView(page: Page, slider: string, effects: readonly string[]): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const effect of effects) out[effect] = (await canSeeTogether(page, [slider, effect])).ok;
  return out;
}
