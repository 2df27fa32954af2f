import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng';

describe('Rng (mulberry32)', () => {
  it('pins the first values of seed 42', () => {
    const r = new Rng(42);
    expect([r.next(), r.next(), r.next(), r.next()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693,
    ]);
  });

  it('is deterministic per seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new Rng(seed);
      return Array.from({ length: 100 }, () => r.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const r = new Rng(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });

  it('normal() is Box–Muller over two draws, with mean ≈ 0 and variance ≈ 1', () => {
    const u = new Rng(42);
    const u1 = 1 - u.next();
    const u2 = u.next();
    expect(new Rng(42).normal()).toBe(Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
    const r = new Rng(3);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
  });

  it('int(n) and uniform(a, b) map next() linearly', () => {
    expect(new Rng(42).int(10)).toBe(6); // ⌊0.601… · 10⌋
    expect(new Rng(42).uniform(-2, 3)).toBe(-2 + 5 * 0.6011037519201636);
    const r = new Rng(9);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(r.int(5));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('shuffle is an in-place, seeded permutation for arrays and typed arrays', () => {
    const a = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    new Rng(42).shuffle(a);
    expect(a).toEqual([0, 7, 3, 5, 2, 1, 8, 9, 4, 6]);
    const t = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    new Rng(42).shuffle(t);
    expect(Array.from(t)).toEqual(a);
    const u = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    new Rng(43).shuffle(u);
    expect(Array.from(u).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Array.from(u)).not.toEqual(a);
  });
});
