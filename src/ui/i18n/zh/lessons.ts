import type { lessonsEn } from '../en/lessons';

export const lessonsZh: Record<keyof typeof lessonsEn, string> = {};
