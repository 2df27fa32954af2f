import type { owndataEn } from '../en/owndata';

export const owndataZh: Record<keyof typeof owndataEn, string> = {};
