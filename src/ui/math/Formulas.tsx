import type { ReactNode } from 'react';
import { useT, type MessageKey } from '../i18n';
import { abs, fn, frac, math, mi, mn, mo, paren, row, space, sub, subsup, sum, sup } from './mathml';
import './formulas.css';

/** A collapsed "Formula" disclosure: the formulas behind a group of controls, then what each symbol means. */
function FormulaBox({ testId, title, notes, children }: { testId: string; title: MessageKey; notes: MessageKey[]; children: ReactNode }) {
  const t = useT();
  return (
    <details className="formula" data-testid={testId}>
      <summary>
        {t('math.formula')}: {t(title)}
      </summary>
      <div className="formula-body">{children}</div>
      <ul className="formula-notes">
        {notes.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
    </details>
  );
}

const w = mi('w');
const wj = sub(w, mi('j'));
const eta = mi('η');
const l1 = sub(mi('λ'), mn(1));
const l2 = sub(mi('λ'), mn(2));

/** The regularised loss (Keras semantics) and the proximal L1 step. */
export function RegularisedLossFormula() {
  const t = useT();
  return (
    <FormulaBox testId="formula-loss" title="math.loss.title" notes={['math.loss.note.data', 'math.loss.note.sums', 'math.loss.note.prox']}>
      {math(t('math.loss.title'), mi('L'), paren(w), mo('='), sub(mi('L'), fn('data')), paren(w), mo('+'), l1, sum(mi('j')), abs(wj), mo('+'), l2, sum(mi('j')), sup(wj, mn(2)))}
      {math(
        t('math.loss.data'),
        sub(mi('L'), fn('data')),
        paren(w),
        mo('='),
        frac(mn(1), mi('N')),
        subsup(mo('∑'), row(mi('i'), mo('='), mn(1)), mi('N')),
        mi('ℓ'),
        paren(mi('f'), paren(sub(mi('x'), mi('i')), mo(';'), w), mo(','), sub(mi('y'), mi('i'))),
      )}
      {math(t('math.loss.prox'), wj, mo('←'), fn('sign'), paren(wj), mo('·'), fn('max'), paren(abs(wj), mo('−'), eta, l1, mo(','), space(), mn(0)))}
    </FormulaBox>
  );
}

/** The pruning mask: θ, target sparsity, Han's q·std; masked gradients; structured keep-ratio. */
export function PruningMaskFormula() {
  const t = useT();
  const m = sub(mi('m'), mi('j'));
  return (
    <FormulaBox testId="formula-mask" title="math.mask.title" notes={['math.mask.note.theta', 'math.mask.note.sparsity', 'math.mask.note.std', 'math.mask.note.finetune', 'math.mask.note.keep']}>
      {math(
        t('math.mask.title'),
        m,
        mo('='),
        mn(1),
        mo('['),
        abs(wj),
        mo('≥'),
        mi('θ'),
        mo(']'),
        mo(','),
        space(),
        sub(mi('w̃'), mi('j')),
        mo('='),
        wj,
        sub(mi('m'), mi('j')),
      )}
      {math(t('math.mask.finetune'), wj, mo('←'), wj, mo('−'), eta, sub(mi('m'), mi('j')), frac(row(mo('∂'), mi('L')), row(mo('∂'), wj)))}
      {math(t('math.mask.std'), sub(mi('θ'), mi('ℓ')), mo('='), mi('q'), mo('·'), fn('std'), paren(sub(mi('W'), mi('ℓ'))))}
    </FormulaBox>
  );
}

/** Zhu & Gupta's polynomial schedule (TF-MOT PolynomialDecay, power 3). */
export function ScheduleFormula() {
  const t = useT();
  const s = (i: ReactNode) => sub(mi('s'), i);
  return (
    <FormulaBox testId="formula-schedule" title="math.schedule.title" notes={['math.schedule.note.symbols', 'math.schedule.note.freq']}>
      {math(
        t('math.schedule.title'),
        s(mi('t')),
        mo('='),
        s(mi('f')),
        mo('+'),
        paren(s(mi('i')), mo('−'), s(mi('f'))),
        sup(paren(mn(1), mo('−'), frac(row(mi('t'), mo('−'), sub(mi('t'), mn(0))), row(sub(mi('t'), mn(1)), mo('−'), sub(mi('t'), mn(0))))), mn(3)),
      )}
    </FormulaBox>
  );
}

/** The augmentation transforms: one geometric map per image, then noise, brightness and contrast, clipped to [0, 1]. */
export function AugmentationFormula() {
  const t = useT();
  const u = mi('u');
  const c = mi('c');
  const xh = mi('x̂');
  return (
    <FormulaBox
      testId="formula-augment"
      title="math.aug.title"
      notes={['math.aug.note.geometry', 'math.aug.note.draws', 'math.aug.note.pixels', 'math.aug.note.test']}
    >
      {math(
        t('math.aug.geometry'),
        sub(mi('p'), fn('in')),
        mo('='),
        c,
        mo('+'),
        mi('m'),
        mo('+'),
        mi('k'),
        mo('·'),
        mi('z'),
        mo('·'),
        mi('F'),
        mi('R'),
        paren(mo('−'), mi('α')),
        paren(u, mo('−'), c, mo('−'), mi('d')),
      )}
      {math(t('math.aug.noise'), mi('x̂'), mo('='), mi('x'), mo('+'), mi('σ'), mi('ε'), mo('+'), mi('b'))}
      {math(t('math.aug.pixels'), mi('x′'), mo('='), fn('clip'), paren(mi('μ'), mo('+'), mi('κ'), paren(xh, mo('−'), mi('μ')), mo(','), space(), mn(0), mo(','), mn(1)))}
    </FormulaBox>
  );
}
