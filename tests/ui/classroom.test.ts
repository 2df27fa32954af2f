import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/state/lessons';
import { defaultPage, type PageConfig } from '../../src/state/page';
import { CONFIG_KEYS, defaultConfig, parseHash } from '../../src/state/urlCodec';
import { classroomLink, orderedKeys, shareLink } from '../../src/ui/classroom/classroomLink';
import { qrFor, qrPath, type QrMatrix } from '../../src/ui/classroom/qr';
import { CONTROL_GROUPS, CONTROL_SECTIONS } from '../../src/ui/classroom/sections';
import { accessOf, controlKeyOf } from '../../src/ui/classroom/visibility';

const BASE = 'https://example.org/playground/';
const page = (over: Partial<PageConfig> = {}): PageConfig => ({ ...defaultPage(), ...over });

describe('classroom link composition', () => {
  it('writes hide and lock in table order after the experiment, without presenter mode', () => {
    const link = classroomLink(BASE, defaultConfig(), page({ present: 1, lang: 'zh' }), ['batch', 'lr'], ['dataset']);
    expect(link.startsWith(`${BASE}#dataset=circle&`)).toBe(true);
    expect(link.endsWith('&lang=zh&hide=lr,batch&lock=dataset')).toBe(true);
    expect(link).not.toContain('present=');
  });

  it('with nothing ticked is the plain experiment link', () => {
    const plain = classroomLink(BASE, defaultConfig(), page({ hide: ['lr'], lock: ['seed'] }), [], []);
    expect(plain).not.toMatch(/hide=|lock=/);
    expect(plain).toBe(shareLink(BASE, defaultConfig(), defaultPage()));
  });

  it('round-trips: the link parses back to the ticked keys, the same experiment and the lesson', () => {
    const keyList = fc.uniqueArray(fc.constantFrom(...CONFIG_KEYS), { maxLength: CONFIG_KEYS.length });
    fc.assert(
      fc.property(keyList, keyList, fc.constantFrom('', ...LESSONS.map((l) => l.id)), (hide, lock, lesson) => {
        const config = { ...defaultConfig(), dataset: 'spiral' as const, lr: 0.1 };
        const link = classroomLink(BASE, config, page({ lesson, present: 1 }), hide, lock);
        const parsed = parseHash(link.slice(BASE.length));
        expect(parsed.rejected).toEqual([]);
        expect(parsed.page.hide).toEqual(orderedKeys(hide));
        expect(parsed.page.lock).toEqual(orderedKeys(lock));
        expect(parsed.page.lesson).toBe(lesson);
        expect(parsed.page.present).toBe(0);
        expect(parsed.config).toEqual(config);
      }),
      { numRuns: 200 },
    );
  });

  it('the share link is the current link without present=1', () => {
    const config = { ...defaultConfig(), noise: 20 };
    expect(shareLink(BASE, config, page({ present: 1, hide: ['lr'] }))).toBe(shareLink(BASE, config, page({ hide: ['lr'] })));
    const link = shareLink(BASE, config, page({ hide: ['lr'] }));
    expect(link).toContain('&noise=20&');
    expect(link.endsWith('&hide=lr')).toBe(true);
  });

  it('the builder lists every experiment key once, in the URL table order', () => {
    const listed = CONTROL_SECTIONS.flatMap((s) => s.keys);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...CONFIG_KEYS].sort());
    expect(orderedKeys(listed)).toEqual(CONFIG_KEYS);
  });
});

describe('control access', () => {
  it('hides the keys of hide=, locks those of lock=', () => {
    const p = page({ hide: ['lr', 'batch'], lock: ['dataset'] });
    expect(accessOf(p, 'lr')).toEqual({ hidden: true, locked: false });
    expect(accessOf(p, 'dataset')).toEqual({ hidden: false, locked: true });
    expect(accessOf(p, 'seed')).toEqual({ hidden: false, locked: false });
  });

  it('a control of several keys is hidden only when all are, locked when any is (or any key it also sets)', () => {
    expect(accessOf(page({ hide: ['l1'] }), CONTROL_GROUPS.penalty).hidden).toBe(false);
    expect(accessOf(page({ hide: ['l1', 'l2'] }), CONTROL_GROUPS.penalty).hidden).toBe(true);
    expect(accessOf(page({ lock: ['l2'] }), CONTROL_GROUPS.penalty).locked).toBe(true);
    expect(accessOf(page({ lock: ['layers'] }), 'arch', ['conv', 'layers'])).toEqual({ hidden: false, locked: true });
    expect(accessOf(page({ hide: ['lr'] }), [])).toEqual({ hidden: false, locked: false });
  });

  it('presenter mode with a lesson open shows only its controls; without presenter mode or lesson, all', () => {
    const lesson = LESSONS[0];
    const other = CONFIG_KEYS.find((k) => !lesson.controls.includes(k))!;
    const inLesson = lesson.controls[0];
    expect(accessOf(page({ lesson: lesson.id, present: 1 }), other).hidden).toBe(true);
    expect(accessOf(page({ lesson: lesson.id, present: 1 }), inLesson).hidden).toBe(false);
    expect(accessOf(page({ lesson: lesson.id, present: 1, hide: [inLesson] }), inLesson).hidden).toBe(true);
    expect(accessOf(page({ lesson: lesson.id, present: 0 }), other).hidden).toBe(false);
    expect(accessOf(page({ present: 1 }), other).hidden).toBe(false);
  });

  it('reads the URL key from a control test id', () => {
    expect(controlKeyOf('control-lr')).toBe('lr');
    expect(controlKeyOf('control-s_init')).toBe('s_init');
    expect(controlKeyOf('control-penalty')).toBeUndefined();
    expect(controlKeyOf('control-lr-exact')).toBeUndefined();
    expect(controlKeyOf('aug-preset')).toBeUndefined();
    expect(controlKeyOf('control-')).toBeUndefined();
  });
});

/** Whether the 7×7 finder pattern (dark ring, light ring, dark 3×3 core) sits at (row, col). */
function hasFinder(m: QrMatrix, row: number, col: number): boolean {
  for (let r = 0; r < 7; r += 1) {
    for (let c = 0; c < 7; c += 1) {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
      if (m.dark[(row + r) * m.size + col + c] !== (ring !== 2)) return false;
    }
  }
  return true;
}

describe('QR code', () => {
  it('picks the smallest version at level M (byte capacity 14 at version 1, 26 at version 2)', () => {
    expect(qrFor('a'.repeat(14))).toMatchObject({ version: 1, level: 'M', size: 21 });
    expect(qrFor('a'.repeat(15))).toMatchObject({ version: 2, level: 'M', size: 25 });
  });

  it('is a QR code: finder patterns in three corners, timing pattern between them', () => {
    const m = qrFor(`${BASE}#dataset=spiral&layers=8,8&hide=lr,batch`)!;
    expect(m.size).toBe(17 + 4 * m.version);
    expect(hasFinder(m, 0, 0) && hasFinder(m, 0, m.size - 7) && hasFinder(m, m.size - 7, 0)).toBe(true);
    expect(hasFinder(m, m.size - 7, m.size - 7)).toBe(false);
    for (let i = 8; i < m.size - 8; i += 1) expect(m.dark[6 * m.size + i]).toBe(i % 2 === 0);
  });

  it('falls back to level L above version 15, and gives up past version 40 (2,953 bytes at L)', () => {
    const long = qrFor('a'.repeat(1000))!;
    expect(long.level).toBe('L');
    expect(long.version).toBeGreaterThan(15);
    expect(qrFor('a'.repeat(2953))).toMatchObject({ version: 40, level: 'L' });
    expect(qrFor('a'.repeat(2954))).toBeNull();
  });

  it('draws each run of dark modules in a row as one rectangle, offset by the quiet zone', () => {
    const m: QrMatrix = { size: 3, version: 1, level: 'M', dark: [true, true, false, false, false, false, true, false, true] };
    expect(qrPath(m, 4)).toBe('M4 4h2v1h-2zM4 6h1v1h-1zM6 6h1v1h-1z');
  });
});

