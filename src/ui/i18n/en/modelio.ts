/** The modelio namespace: keys 'modelio.…'. */
export const modelioEn = {} as const;
