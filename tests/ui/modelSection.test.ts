import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../../src/protocol/config';
import { createAppStore } from '../../src/state/store';
import { StoreProvider } from '../../src/state/useAppStore';
import { defaultConfig } from '../../src/state/urlCodec';
import { ModelSection } from '../../src/ui/data/ModelSection';
import { ConvFiltersCard } from '../../src/ui/inspect/ConvFiltersCard';

/** The server-rendered markup of the model controls (and the filter card) for a config. */
function render(patch: Partial<ExperimentConfig>): string {
  const store = createAppStore({ ...defaultConfig(), ...patch });
  const children = [createElement(ModelSection, { key: 'model' }), createElement(ConvFiltersCard, { key: 'filters' })];
  return renderToString(createElement(StoreProvider, { store, children }));
}

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const value = (html: string, testId: string): string | undefined => new RegExp(`data-testid="${testId}" data-value="([^"]*)"`).exec(html)?.[1];

describe('the model controls', () => {
  it('on a 2-D dataset: the network select is disabled with a hint; no CNN fields, no size table', () => {
    const html = render({ dataset: 'spiral' });
    expect(html).toMatch(/data-testid="control-arch" disabled=""/);
    expect(text(html)).toContain('CNNs need image data: pick MNIST.');
    expect(html).not.toMatch(/control-conv|control-pool|btn-seed-cnn|size-table/);
    expect(text(html)).toContain('Hidden layers');
  });

  it('on MNIST with an MLP: the preset button and the size table, the MLP highlighted', () => {
    const html = render({ dataset: 'mnist', layers: [128] });
    expect(html).toContain('data-testid="btn-seed-cnn"');
    expect(html).not.toMatch(/control-conv|control-pool/);
    expect(value(html, 'size-mlp-params')).toBe('101770');
    expect(value(html, 'size-cnn-params')).toBe('225034');
    expect(html).toMatch(/<td class="size-current" data-testid="size-mlp-params"/);
  });

  it('on MNIST with a CNN: conv and pool fields, the dense-layers label, the WASM hint, the CNN highlighted', () => {
    const html = render({ dataset: 'mnist', arch: 'cnn', conv: '32:3,64:3', pool: 2, layers: [128] });
    const t = text(html);
    expect(html).toMatch(/data-testid="control-conv"[^>]*value="32:3,64:3"/);
    expect(html).toContain('data-testid="control-pool"');
    expect(t).toContain('28×28×1 → 26×26×32 → pool 13×13×32 → 11×11×64 → pool 5×5×64 → flatten 1600');
    expect(t).toContain('Dense layers after Flatten');
    expect(t).toContain('flatten 1600 → 128 → 10');
    expect(t).toContain('Trains on WebGL, WebGPU or CPU: tfjs WASM has no kernel for conv gradients (Conv2DBackpropFilter).');
    expect(value(html, 'size-cnn-flops')).toBe('5262080');
    expect(html).toMatch(/<td class="size-current" data-testid="size-cnn-flops"/);
    // Before the first snapshot the filter card says so and has no canvas.
    expect(html).toMatch(/data-testid="conv-filters" data-filters="0"/);
    expect(html).not.toContain('<canvas');
  });
});
