/** The header namespace: keys 'header.…'. */
export const headerEn = {} as const;
