/** The classroom namespace: keys 'classroom.…'. */
export const classroomEn = {} as const;
