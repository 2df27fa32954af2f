import type { runtimeEn } from '../en/runtime';

export const runtimeZh: Record<keyof typeof runtimeEn, string> = {};
