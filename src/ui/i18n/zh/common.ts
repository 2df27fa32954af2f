import type { commonEn } from '../en/common';

export const commonZh: Record<keyof typeof commonEn, string> = {
  'common.language': '语言',
  'common.lang.en': 'English',
  'common.lang.zh': '中文 (简体)',
};
