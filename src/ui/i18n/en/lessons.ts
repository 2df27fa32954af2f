/** The lessons namespace: keys 'lessons.…'. */
export const lessonsEn = {} as const;
