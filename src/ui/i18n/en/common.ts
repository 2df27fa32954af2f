/** Words used across the page. Keys are `<namespace>.<name>`; `{name}` marks a parameter. */
export const commonEn = {
  'common.language': 'Language',
  'common.lang.en': 'English',
  'common.lang.zh': '中文 (简体)',
} as const;
