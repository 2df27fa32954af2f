import type { modelioEn } from '../en/modelio';

export const modelioZh: Record<keyof typeof modelioEn, string> = {};
