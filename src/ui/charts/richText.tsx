import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence with elements inside it: each `{name}` of `text` that
 * `parts` names is replaced by that node (a coloured word, an emphasis), the
 * rest stays text. Translate first (`t(key, params)` fills the plain
 * parameters and leaves the others), then call this, so each language keeps
 * its own word order around the elements.
 */
export function rich(text: string, parts: Record<string, ReactNode>): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\{(\w+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const name = m[1];
    if (!Object.prototype.hasOwnProperty.call(parts, name)) continue;
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(<Fragment key={`${name}:${m.index}`}>{parts[name]}</Fragment>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
