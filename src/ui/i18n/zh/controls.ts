import type { controlsEn } from '../en/controls';

export const controlsZh: Record<keyof typeof controlsEn, string> = {};
