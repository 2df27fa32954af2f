/** The a11y namespace: keys 'a11y.…'. */
export const a11yEn = {} as const;
