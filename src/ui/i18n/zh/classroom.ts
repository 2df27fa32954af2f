import type { classroomEn } from '../en/classroom';

export const classroomZh: Record<keyof typeof classroomEn, string> = {};
