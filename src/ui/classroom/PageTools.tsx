import { LanguageSelect } from '../i18n/LanguageSelect';

/** The page's tools in the header: share, presenter mode, classroom link builder, help, language. */
export function PageTools() {
  return (
    <div className="page-tools">
      <LanguageSelect />
    </div>
  );
}
