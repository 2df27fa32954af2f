/** The controls namespace: keys 'controls.…'. */
export const controlsEn = {} as const;
