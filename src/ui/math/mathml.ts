import { createElement, type ReactNode } from 'react';

/**
 * A tiny MathML builder: `mi('w')`, `sub(mi('w'), mi('j'))`, `frac(a, b)`.
 * Chromium, Firefox and Safari render MathML Core natively, so formulas need
 * no font, no script and no library; React creates these elements in the
 * MathML namespace under `<math>`.
 */
type Child = ReactNode;
const tag =
  (name: string) =>
  (...children: Child[]): ReactNode =>
    createElement(name, null, ...children);

export const row = tag('mrow');
export const mi = (text: string): ReactNode => createElement('mi', null, text);
/** An upright identifier (a function name or a multi-letter word such as sign, max). */
export const fn = (text: string): ReactNode => createElement('mi', { mathvariant: 'normal' }, text);
export const mn = (text: string | number): ReactNode => createElement('mn', null, String(text));
export const mo = (text: string): ReactNode => createElement('mo', null, text);
export const mtext = (text: string): ReactNode => createElement('mtext', null, text);
export const sub = (base: Child, index: Child): ReactNode => createElement('msub', null, base, index);
export const sup = (base: Child, power: Child): ReactNode => createElement('msup', null, base, power);
export const subsup = (base: Child, index: Child, power: Child): ReactNode => createElement('msubsup', null, base, index, power);
export const frac = (num: Child, den: Child): ReactNode => createElement('mfrac', null, num, den);
export const under = (base: Child, below: Child): ReactNode => createElement('munder', null, base, below);
export const underover = (base: Child, below: Child, above: Child): ReactNode => createElement('munderover', null, base, below, above);
export const space = (): ReactNode => createElement('mspace', { width: '0.6em' });
/** `( … )` with stretchy fences. */
export const paren = (...children: Child[]): ReactNode => row(mo('('), ...children, mo(')'));
/** `| … |`. */
export const abs = (...children: Child[]): ReactNode => row(mo('|'), ...children, mo('|'));
/** A sum with an index below it: Σ_j. */
export const sum = (index: Child): ReactNode => under(mo('∑'), index);
/** A display block of one formula. */
export const math = (label: string, ...children: Child[]): ReactNode => createElement('math', { display: 'block', 'aria-label': label }, row(...children));
