import type { viewsEn } from '../en/views';

export const viewsZh: Record<keyof typeof viewsEn, string> = {};
