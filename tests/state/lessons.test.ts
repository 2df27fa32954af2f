import { describe, expect, it } from 'vitest';
import { LESSONS, LESSON_IDS, lessonById } from '../../src/state/lessons';
import { PANELS, STAGE_VIEWS } from '../../src/state/page';
import { CONFIG_KEYS, formatHash, parseHash } from '../../src/state/urlCodec';
import { en } from '../../src/ui/i18n/en';
import { zh } from '../../src/ui/i18n/zh';

describe('lessons', () => {
  it('has exactly one lesson per id, in teaching order', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([...LESSON_IDS]);
    for (const id of LESSON_IDS) expect(lessonById(id)?.id).toBe(id);
    expect(lessonById('nope')).toBeUndefined();
    expect(lessonById('')).toBeUndefined();
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: the preset is a full, canonical link the codec takes whole', (_id, lesson) => {
    const parsed = parseHash(lesson.hash);
    expect(parsed.rejected).toEqual([]);
    // Canonical and full: formatting the parsed config gives the preset back, key for key.
    expect(formatHash(parsed.config)).toBe(lesson.hash);
    // No page keys: starting a lesson keeps the page's language and classroom settings.
    expect(lesson.hash).not.toMatch(/[#&](lang|hide|lock|lesson|present)=/);
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: lists known, distinct control keys and a sane training budget', (_id, lesson) => {
    expect(lesson.controls.length).toBeGreaterThan(0);
    for (const key of lesson.controls) expect(CONFIG_KEYS).toContain(key);
    expect(new Set(lesson.controls).size).toBe(lesson.controls.length);
    if (lesson.trainSteps !== undefined) {
      expect(Number.isInteger(lesson.trainSteps)).toBe(true);
      expect(lesson.trainSteps).toBeGreaterThanOrEqual(10);
      expect(lesson.trainSteps).toBeLessThanOrEqual(2000);
    }
  });

  it.each(LESSONS.map((l) => [l.id] as const))('%s: has a title, a short name, a goal and 2–4 steps in both languages', (id) => {
    const keys = Object.keys(en).filter((k) => k.startsWith(`lessons.${id}.`));
    const steps = keys.filter((k) => /\.step\d$/.test(k)).sort();
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps.length).toBeLessThanOrEqual(4);
    // Numbered 1…n without gaps.
    expect(steps).toEqual(steps.map((_, i) => `lessons.${id}.step${i + 1}`));
    for (const part of ['title', 'short', 'goal']) expect(keys).toContain(`lessons.${id}.${part}`);
    for (const key of keys) {
      const k = key as keyof typeof en;
      expect(en[k].trim().length).toBeGreaterThan(0);
      expect(zh[k].trim().length).toBeGreaterThan(0);
      // The Chinese text is a translation, not the English copied over.
      expect(zh[k]).not.toBe(en[k]);
    }
  });

  it.each(LESSONS.map((l) => [l.id, l] as const))('%s: one step entry per catalogue step, each naming a group and what it shows', (id, lesson) => {
    const texts = Object.keys(en).filter((k) => k.startsWith(`lessons.${id}.step`));
    expect(lesson.steps.length).toBe(texts.length);
    for (const step of lesson.steps) {
      expect(PANELS).toContain(step.panel);
      for (const view of step.shows ?? []) expect(STAGE_VIEWS).toContain(view);
      expect(step.names.length).toBeGreaterThan(0);
      expect(new Set(step.names).size).toBe(step.names.length);
      for (const name of step.names) expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
    }
  });

  it('a step names the controls of its lesson it uses: every control-<key> it names is one of the lesson\'s controls (presenter mode shows only those)', () => {
    for (const lesson of LESSONS) {
      for (const step of lesson.steps) {
        for (const name of step.names) {
          const key = name.startsWith('control-') ? name.slice('control-'.length) : null;
          if (key === null || !(CONFIG_KEYS as readonly string[]).includes(key)) continue;
          expect(lesson.controls, `${lesson.id}: ${name}`).toContain(key);
        }
      }
    }
  });
});
