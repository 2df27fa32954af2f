/** The owndata namespace: keys 'owndata.…'. */
export const owndataEn = {} as const;
