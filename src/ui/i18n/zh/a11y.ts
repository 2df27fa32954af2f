import type { a11yEn } from '../en/a11y';

export const a11yZh: Record<keyof typeof a11yEn, string> = {};
