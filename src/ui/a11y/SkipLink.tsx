import type { MouseEvent } from 'react';
import { useT } from '../i18n';

/** The id of the page's main area (the charts), the skip link's target. */
export const MAIN_ID = 'main';

/**
 * "Skip to the charts": the first Tab stop, shown only while focused, so a
 * keyboard user need not Tab through every setting to reach the charts. It
 * moves focus itself rather than following `#main`: the URL hash holds the
 * experiment and must not change.
 */
export function SkipLink() {
  const t = useT();
  const skip = (e: MouseEvent<HTMLAnchorElement>): void => {
    e.preventDefault();
    const main = document.getElementById(MAIN_ID);
    if (main === null) return;
    main.focus({ preventScroll: true });
    main.scrollIntoView({ block: 'start' });
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} data-testid="skip-link" onClick={skip}>
      {t('a11y.skip')}
    </a>
  );
}
