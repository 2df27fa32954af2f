import type { ExperimentConfig } from '../../protocol/config';
import type { ConfigKey, PageConfig } from '../../state/page';
import { CONFIG_KEYS, formatHash } from '../../state/urlCodec';

/** The page's address without its hash: `origin + pathname + search`. */
export function pageBase(location: Pick<Location, 'origin' | 'pathname' | 'search'>): string {
  return `${location.origin}${location.pathname}${location.search}`;
}

/** `keys` once each, in the URL table's order (what parsing gives back, so a link round-trips). */
export function orderedKeys(keys: Iterable<ConfigKey>): ConfigKey[] {
  const set = new Set(keys);
  return CONFIG_KEYS.filter((key) => set.has(key));
}

/**
 * The link a student opens: this experiment and page, without presenter mode
 * (a phone that scans the projected QR code gets the ordinary page).
 */
export function shareLink(base: string, config: ExperimentConfig, page: PageConfig): string {
  return base + formatHash(config, { ...page, present: 0 });
}

/**
 * The classroom link the builder composes: this experiment, language and
 * lesson, with `hide` and `lock` replaced by the ticked keys (written
 * `hide=lr,batch&lock=dataset`, in table order) and presenter mode off.
 */
export function classroomLink(base: string, config: ExperimentConfig, page: PageConfig, hide: Iterable<ConfigKey>, lock: Iterable<ConfigKey>): string {
  return base + formatHash(config, { ...page, hide: orderedKeys(hide), lock: orderedKeys(lock), present: 0 });
}
