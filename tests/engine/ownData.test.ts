import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_MAX_BYTES, CSV_MAX_LISTED_ERRORS, fitToPlayground, parseCsvPoints } from '../../src/engine/data/csvPoints';
import { customDataset } from '../../src/engine/data/custom';
import { makeDataset } from '../../src/engine/data/index';
import { OWN_EXAMPLE, OWN_MAX_POINTS, classCounts, countPoints, formatPoints, isCanonicalPoints, parsePoints, parsePointsLenient, roundCoord, type OwnPoint } from '../../src/engine/data/ownPoints';

/** Any stored point: coordinates on the 2-decimal grid of [−1, 1]. */
const ownPoint: fc.Arbitrary<OwnPoint> = fc.record({
  x: fc.integer({ min: -100, max: 100 }).map((n) => n / 100),
  y: fc.integer({ min: -100, max: 100 }).map((n) => n / 100),
  label: fc.constantFrom(0 as const, 1 as const),
});

describe('pts text (ownPoints.ts)', () => {
  it('formats x,y,class joined by ; with 2 decimals and no -0', () => {
    expect(formatPoints([])).toBe('');
    expect(formatPoints([{ x: -0.5, y: 0.25, label: 0 }, { x: 0.3, y: -0.12, label: 1 }])).toBe('-0.5,0.25,0;0.3,-0.12,1');
    expect(formatPoints([{ x: 0.126, y: -0.004, label: 1 }])).toBe('0.13,0,1');
    expect(formatPoints([{ x: 3, y: -7, label: 0 }])).toBe('1,-1,0');
    expect(roundCoord(Number.NaN)).toBe(0);
    expect(roundCoord(-Infinity)).toBe(-1);
    expect(Object.is(roundCoord(-0.001), 0)).toBe(true);
  });

  it('round-trips every set of stored points: parse(format(p)) = p, canonical', () => {
    fc.assert(
      fc.property(fc.array(ownPoint, { maxLength: 300 }), (points) => {
        const text = formatPoints(points);
        expect(parsePoints(text)).toEqual({ ok: true, value: points });
        expect(isCanonicalPoints(text)).toBe(true);
        expect(countPoints(text)).toBe(points.length);
      }),
      { numRuns: 500 },
    );
  });

  it('reads spaces, empty items and exponents, rounds to 2 decimals', () => {
    expect(parsePoints(' 0.5 , -.25 , 1 ;; 1e-1,0,0;')).toEqual({ ok: true, value: [{ x: 0.5, y: -0.25, label: 1 }, { x: 0.1, y: 0, label: 0 }] });
    expect(isCanonicalPoints('0.50,0,1')).toBe(false);
    expect(isCanonicalPoints('0.5,0,1;')).toBe(false);
  });

  it('clamps coordinates outside [−1, 1] and rejects anything malformed', () => {
    expect(parsePoints('2,-3,1;0.5,0.5,0')).toEqual({ ok: false, clamped: [{ x: 1, y: -1, label: 1 }, { x: 0.5, y: 0.5, label: 0 }], reason: 'coordinates outside [−1, 1]' });
    expect(parsePoints('0.1,0.2')).toMatchObject({ ok: false, reason: 'point 1 is not x,y,class' });
    expect(parsePoints('0.1,0.2,1;0.1,0.2,1,1')).toMatchObject({ ok: false, reason: 'point 2 is not x,y,class' });
    expect(parsePoints('0.1,0.2,2')).toMatchObject({ ok: false, reason: 'point 1 has a class other than 0 or 1' });
    expect(parsePoints('0.1,0.2,1.0')).toMatchObject({ ok: false });
    expect(parsePoints('0x1,0,1')).toMatchObject({ ok: false, reason: 'point 1 has a coordinate that is not a number' });
    expect(parsePoints('Infinity,0,1')).toMatchObject({ ok: false });
    expect(parsePoints('1e999,0,1')).toMatchObject({ ok: false, reason: 'point 1 has a coordinate that is not finite' });
    expect(parsePoints('0,0,1;'.repeat(OWN_MAX_POINTS))).toMatchObject({ ok: true });
    expect(parsePoints('0,0,1;'.repeat(OWN_MAX_POINTS + 1))).toMatchObject({ ok: false, reason: 'more than 2000 points' });
    expect(parsePoints(' '.repeat(100_000))).toMatchObject({ ok: false, reason: 'longer than 80000 characters' });
    expect(parsePointsLenient('junk')).toEqual([]);
    expect(parsePointsLenient('5,0,1')).toEqual([{ x: 1, y: 0, label: 1 }]);
  });

  it('never throws, and what it accepts is within bounds', () => {
    const check = (text: string): void => {
      const parsed = parsePoints(text);
      const points = parsed.ok ? parsed.value : (parsed.clamped ?? []);
      expect(points.length).toBeLessThanOrEqual(OWN_MAX_POINTS);
      for (const p of points) {
        expect(Math.abs(p.x)).toBeLessThanOrEqual(1);
        expect(Math.abs(p.y)).toBeLessThanOrEqual(1);
        expect([0, 1]).toContain(p.label);
      }
      if (parsed.ok) expect(isCanonicalPoints(formatPoints(parsed.value))).toBe(true);
    };
    fc.assert(fc.property(fc.string({ maxLength: 200 }), check), { numRuns: 2000 });
    const item = fc.tuple(fc.oneof(fc.double().map(String), fc.constantFrom('1', '-0', '.5', 'e', '')), fc.double().map(String), fc.constantFrom('0', '1', '2', '')).map((t) => t.join(','));
    fc.assert(fc.property(fc.array(item, { maxLength: 20 }).map((a) => a.join(';')), check), { numRuns: 2000 });
  });

  it('the example is canonical, 24 points, both classes', () => {
    expect(isCanonicalPoints(OWN_EXAMPLE)).toBe(true);
    expect(classCounts(parsePointsLenient(OWN_EXAMPLE))).toEqual([14, 10]);
  });
});

describe('CSV (csvPoints.ts)', () => {
  it('reads a header, comma rows and two labels; bad rows are reported with their line numbers', () => {
    const csv = ['x,y,label', '1,2,A', '3,4,B', '', 'oops,5,A', '6,,B', '7,8', '9,10,', '11,12,C', '13,14,B', ' "15" ; 16 ; A '].join('\n');
    const r = parseCsvPoints(csv);
    expect(r.header).toBe(true);
    expect(r.fileError).toBeNull();
    expect(r.classes).toEqual(['A', 'B']);
    expect(r.errors).toEqual([
      { line: 5, code: 'x', value: 'oops' },
      { line: 6, code: 'y', value: '' },
      { line: 7, code: 'fields', value: '7,8' },
      { line: 8, code: 'label', value: '' },
      { line: 9, code: 'third-label', value: 'C' },
      { line: 11, code: 'fields', value: '"15" ; 16 ; A' },
    ]);
    expect(r.errorCount).toBe(6);
    // Good rows (1,2) (3,4) (13,14): box x 1–13, y 2–14, centre (7, 8), half-side 6.
    expect(r.rescaled).toBe(true);
    expect(r.points).toEqual([
      { x: -1, y: -1, label: 0 },
      { x: -0.67, y: -0.67, label: 1 },
      { x: 1, y: 1, label: 1 },
    ]);
  });

  it('detects ; and tab separators, decimal commas, quotes and CRLF; keeps coordinates already in [−1, 1]', () => {
    expect(parseCsvPoints('0,5;-0,25;0\r\n-1;1;1\r\n').points).toEqual([
      { x: 0.5, y: -0.25, label: 0 },
      { x: -1, y: 1, label: 1 },
    ]);
    const tab = parseCsvPoints('"x"\t"y"\t"class"\n0.1\t0.2\t"yes"\n0.3\t0.4\t"no"');
    expect(tab).toMatchObject({ header: true, rescaled: false, classes: ['no', 'yes'], errorCount: 0 });
    expect(tab.points).toEqual([
      { x: 0.1, y: 0.2, label: 1 },
      { x: 0.3, y: 0.4, label: 0 },
    ]);
    // 1,5 is not a decimal comma when the separator is a comma.
    // (1, 5) alone is outside the square: centred on itself, it lands on the origin.
    expect(parseCsvPoints('1,5,0').points).toEqual([{ x: 0, y: 0, label: 0 }]);
  });

  it('maps numeric labels in numeric order (−1/1, 2/10) and others in string order', () => {
    expect(parseCsvPoints('0,0,1\n0.5,0.5,-1').classes).toEqual(['-1', '1']);
    expect(parseCsvPoints('0,0,1\n0.5,0.5,-1').points.map((p) => p.label)).toEqual([1, 0]);
    expect(parseCsvPoints('0,0,10\n0.5,0.5,2').classes).toEqual(['2', '10']);
    expect(parseCsvPoints('0,0,dog\n0.5,0.5,cat').classes).toEqual(['cat', 'dog']);
    // A lone label: class B when it is 1 or B, else class A.
    const b = parseCsvPoints('0,0,b\n0.5,0.5,b');
    expect(b.classes).toEqual([null, 'b']);
    expect(b.points.map((p) => p.label)).toEqual([1, 1]);
    expect(parseCsvPoints('0,0,1').points[0].label).toBe(1);
    expect(parseCsvPoints('0,0,0').classes).toEqual(['0', null]);
    expect(parseCsvPoints('0,0,cat').points[0].label).toBe(0);
  });

  it('reports empty and over-large files, lists at most 50 bad rows, and stops at 2,000 points', () => {
    expect(parseCsvPoints('')).toMatchObject({ fileError: 'empty', points: [] });
    expect(parseCsvPoints('x,y,label\n\n')).toMatchObject({ fileError: 'empty', header: true });
    expect(parseCsvPoints('a,b,c\n1,x,A')).toMatchObject({ fileError: 'empty', errorCount: 1 });
    expect(parseCsvPoints('x'.repeat(CSV_MAX_BYTES + 1))).toMatchObject({ fileError: 'too-large', points: [] });
    const bad = parseCsvPoints(`0,0,A\n${'junk\n'.repeat(120)}`);
    expect(bad.errorCount).toBe(120);
    expect(bad.errors).toHaveLength(CSV_MAX_LISTED_ERRORS);
    expect(bad.errors[49]).toEqual({ line: 51, code: 'fields', value: 'junk' });
    const rows = Array.from({ length: 2010 }, (_, i) => `${i},${i % 7},${i % 2 === 0 ? 'A' : 'B'}`).join('\n');
    const big = parseCsvPoints(`x,y,label\n${rows}`);
    expect(big.points).toHaveLength(OWN_MAX_POINTS);
    expect(big.errors).toEqual([{ line: 2002, code: 'limit', value: '10' }]);
    expect(big.errorCount).toBe(1);
  });

  it('never throws on arbitrary text, and every point it returns is stored-valid', () => {
    const check = (text: string): void => {
      const r = parseCsvPoints(text);
      expect(r.points.length).toBeLessThanOrEqual(OWN_MAX_POINTS);
      expect(r.errors.length).toBeLessThanOrEqual(Math.min(r.errorCount, CSV_MAX_LISTED_ERRORS));
      expect(isCanonicalPoints(formatPoints(r.points))).toBe(true);
      expect(formatPoints(parsePointsLenient(formatPoints(r.points)))).toBe(formatPoints(r.points));
      for (const e of r.errors) expect(e.value.length).toBeLessThanOrEqual(24);
    };
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 1000 });
    const cell = fc.oneof(fc.double().map(String), fc.integer().map(String), fc.constantFrom('A', 'B', 'C', '', ' ', '"', '1,5', 'NaN', '-'));
    const line = fc.array(cell, { maxLength: 5 }).chain((cells) => fc.constantFrom(',', ';', '\t').map((sep) => cells.join(sep)));
    fc.assert(fc.property(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), (ls, nl) => check(ls.join(nl))), { numRuns: 2000 });
  });

  it('fitToPlayground keeps proportions: the longer side spans [−1, 1]', () => {
    const { points, rescaled } = fitToPlayground([
      { x: 10, y: 100, label: 0 },
      { x: 30, y: 110, label: 1 },
    ]);
    expect(rescaled).toBe(true);
    expect(points).toEqual([
      { x: -1, y: -0.5, label: 0 },
      { x: 1, y: 0.5, label: 1 },
    ]);
    // All points equal (and outside the square): they land on the origin.
    expect(fitToPlayground([{ x: 5, y: 5, label: 1 }]).points).toEqual([{ x: 0, y: 0, label: 1 }]);
  });
});

describe('the custom dataset (custom.ts)', () => {
  const points = parsePointsLenient(OWN_EXAMPLE);

  it('splits the points by the train share, seeded, each point once', () => {
    const d = customDataset(points, 0, 50, 7);
    expect(d.info).toEqual({ name: 'custom', task: 'classification', inputDim: 2, outputDim: 2, size: 24 });
    expect([d.nTrain, d.nTest]).toEqual([12, 12]);
    const rows = [...Array(d.nTrain).keys()].map((i) => `${d.xTrain[2 * i].toFixed(2)},${d.xTrain[2 * i + 1].toFixed(2)},${d.yTrain[i]}`);
    rows.push(...[...Array(d.nTest).keys()].map((i) => `${d.xTest[2 * i].toFixed(2)},${d.xTest[2 * i + 1].toFixed(2)},${d.yTest[i]}`));
    const expected = points.map((p) => `${p.x.toFixed(2)},${p.y.toFixed(2)},${p.label}`);
    expect(rows.sort()).toEqual(expected.sort());
    expect(customDataset(points, 0, 50, 7)).toEqual(d);
    expect(customDataset(points, 0, 50, 8).xTrain).not.toEqual(d.xTrain);
    expect(customDataset(points, 0, 90, 7).nTrain).toBe(22);
  });

  it('noise flips labels with probability noise/100, keeping the split', () => {
    const clean = customDataset(points, 0, 50, 3);
    const noisy = customDataset(points, 50, 50, 3);
    expect(noisy.xTrain).toEqual(clean.xTrain);
    const flips = [...clean.yTrain, ...clean.yTest].filter((v, i) => v !== [...noisy.yTrain, ...noisy.yTest][i]).length;
    expect(flips).toBeGreaterThan(4);
    expect(flips).toBeLessThan(20);
  });

  it('needs 2 points; makeDataset builds it from the pts text', () => {
    expect(() => customDataset([], 0, 50, 1)).toThrow(/at least 2 points/);
    expect(() => customDataset(points.slice(0, 1), 0, 50, 1)).toThrow(/it has 1/);
    const two = customDataset(points.slice(0, 2), 0, 50, 1);
    expect([two.nTrain, two.nTest]).toEqual([1, 1]);
    expect(makeDataset({ name: 'custom', noisePercent: 0, trainPercent: 50, seed: 7, points: OWN_EXAMPLE })).toEqual(customDataset(points, 0, 50, 7));
    expect(() => makeDataset({ name: 'custom', noisePercent: 0, trainPercent: 50, seed: 7 })).toThrow(/at least 2 points/);
  });
});
