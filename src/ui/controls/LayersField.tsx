import { useId } from 'react';
import { datasetInfo } from '../../engine/data/catalog';
import { useAppStore } from '../../state/useAppStore';
import { MAX_LAYERS, parseLayers } from '../../state/urlCodec';
import { useDraft } from './fields';

const formatLayers = (v: number[]): string => v.join(',');
const parse = (text: string): number[] | null => {
  const r = parseLayers(text);
  return r.ok ? r.value : null;
};

/**
 * Hidden layer widths as text (`300,100`), with buttons to add or remove a
 * layer, and the whole architecture spelled out (`784 → 300 → 100 → 10`).
 */
export function LayersField() {
  const id = useId();
  const layers = useAppStore((s) => s.config.layers);
  const dataset = useAppStore((s) => s.config.dataset);
  const setConfig = useAppStore((s) => s.setConfig);
  const commit = (v: number[]): void => setConfig('layers', v);
  const field = useDraft(layers, formatLayers, parse, commit, 500);
  const info = datasetInfo(dataset);
  const shape = [info.inputDim, ...layers, info.outputDim].join(' → ');
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>Hidden layers</label>
        <span className="field-aside">
          <button type="button" className="mini" data-testid="btn-layer-remove" aria-label="Remove the last hidden layer" disabled={layers.length === 0} onClick={() => commit(layers.slice(0, -1))}>
            −
          </button>
          <button
            type="button"
            className="mini"
            data-testid="btn-layer-add"
            aria-label="Add a hidden layer"
            disabled={layers.length >= MAX_LAYERS}
            onClick={() => commit([...layers, layers.length > 0 ? layers[layers.length - 1] : 8])}
          >
            +
          </button>
        </span>
      </div>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        spellCheck={false}
        autoComplete="off"
        data-testid="control-layers"
        value={field.draft}
        aria-invalid={field.invalid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => field.onChange(e.target.value)}
        onBlur={field.onBlur}
        onKeyDown={(e) => {
          if (e.key === 'Enter') field.onCommit();
        }}
      />
      <p className="hint" id={`${id}-hint`}>
        {field.invalid ? `Widths 1–1024, comma-separated, at most ${MAX_LAYERS} layers.` : <span className="shape">{shape}</span>}
      </p>
    </div>
  );
}
