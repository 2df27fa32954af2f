import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/state/store';
import { defaultPage, type Lang } from '../../src/state/page';
import { StoreProvider } from '../../src/state/useAppStore';
import { defaultConfig } from '../../src/state/urlCodec';
import { AugmentationFormula, PruningMaskFormula, RegularisedLossFormula, ScheduleFormula } from '../../src/ui/math/Formulas';

function render(lang: Lang): string {
  const store = createAppStore(defaultConfig(), [], { ...defaultPage(), lang });
  const children = [RegularisedLossFormula, PruningMaskFormula, ScheduleFormula, AugmentationFormula].map((c, i) => createElement(c, { key: i }));
  return renderToStaticMarkup(createElement(StoreProvider, { store, children }));
}

describe('the formulas behind the controls', () => {
  it('render as MathML blocks with an accessible name, in a disclosure each', () => {
    const html = render('en');
    for (const id of ['formula-loss', 'formula-mask', 'formula-schedule', 'formula-augment']) expect(html).toContain(`data-testid="${id}"`);
    expect(html.match(/<math display="block" aria-label="[^"]+">/g)).toHaveLength(10);
    // The regularised loss: 1/N Σ ℓ + λ₁ Σ|w_j| + λ₂ Σ w_j².
    expect(html).toContain('<mfrac><mn>1</mn><mi>N</mi></mfrac>');
    expect(html).toContain('<msub><mi>λ</mi><mn>1</mn></msub><munder><mo>∑</mo><mi>j</mi></munder><mrow><mo>|</mo><msub><mi>w</mi><mi>j</mi></msub><mo>|</mo></mrow>');
    expect(html).toContain('<msup><msub><mi>w</mi><mi>j</mi></msub><mn>2</mn></msup>');
    // The schedule's cube.
    expect(html).toMatch(/<msup><mrow><mo>\(<\/mo><mn>1<\/mn><mo>−<\/mo><mfrac>.*<\/mfrac><mo>\)<\/mo><\/mrow><mn>3<\/mn><\/msup>/);
    expect(html).toContain('<mi mathvariant="normal">sign</mi>');
  });

  it('caption in the page language', () => {
    expect(render('en')).toContain('Formula: the regularised loss');
    expect(render('zh')).toContain('公式: 带正则项的损失');
  });
});
