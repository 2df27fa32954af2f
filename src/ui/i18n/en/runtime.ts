/** The runtime namespace: keys 'runtime.…'. */
export const runtimeEn = {} as const;
