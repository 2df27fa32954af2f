import type { headerEn } from '../en/header';

export const headerZh: Record<keyof typeof headerEn, string> = {};
