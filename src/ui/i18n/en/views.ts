/** The views namespace: keys 'views.…'. */
export const viewsEn = {} as const;
