import { useCallback, useEffect } from 'react';
import type { Lang } from '../../state/page';
import { useAppStore } from '../../state/useAppStore';
import { en } from './en';
import { zh } from './zh';

/**
 * The UI's two languages. Every string a student reads comes from a catalogue
 * (`en/<namespace>.ts`, `zh/<namespace>.ts`) by key; the Chinese catalogue
 * must have exactly the English keys (a compile error otherwise, and a unit
 * test compares keys and `{placeholders}`). Components call {@link useT};
 * code outside React (canvas painters) takes a {@link Translate} argument.
 */
export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, zh };

/** Fills `{name}` placeholders; a missing parameter stays visible as `{name}`. */
export function fill(template: string, params?: Params): string {
  if (params === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole));
}

/** The text of `key` in `lang`. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return fill(CATALOGUES[lang][key] ?? en[key] ?? key, params);
}

/** A translator for `lang`. */
export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}

/** The current language (re-renders when it changes). */
export function useLang(): Lang {
  return useAppStore((s) => s.page.lang);
}

/** `t(key, params)` in the current language; re-renders on a language switch. */
export function useT(): Translate {
  const lang = useLang();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}

/** Keeps `<html lang>` (and the document title) in step with the UI language. */
export function useDocumentLang(): void {
  const lang = useLang();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
}
