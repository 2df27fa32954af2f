import { useId } from 'react';
import { LANGS, type Lang } from '../../state/page';
import { useAppStore } from '../../state/useAppStore';
import { useT } from './index';

/** The language switch (`lang` URL key): English or Simplified Chinese. */
export function LanguageSelect() {
  const t = useT();
  const id = useId();
  const lang = useAppStore((s) => s.page.lang);
  const setPage = useAppStore((s) => s.setPage);
  return (
    <span className="lang-select">
      <label htmlFor={id}>{t('common.language')}</label>
      <select id={id} data-testid="control-lang" value={lang} onChange={(e) => setPage('lang', e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`common.lang.${l}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
