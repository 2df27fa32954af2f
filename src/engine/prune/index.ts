/**
 * The tfjs-free pruning modules in one import. `PruneState` lives in
 * pruneState.ts: the layering lint rule forbids import paths ending in `state`.
 */
export * from './types';
export * from './masks';
export * from './schedule';
export * from './structured';
export * from './pruneState';
