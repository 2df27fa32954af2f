import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { datasetInfo } from '../../engine/data/catalog';
import { convLayersOf, trainsCnn } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { MAX_LAYERS, MAX_PARAMS, groupDigits, networkParams, parseLayers } from '../../state/urlCodec';
import type { ExperimentConfig } from '../../protocol/config';
import { useT } from '../i18n';
import { DraftTextInput, useDraft } from '../controls/fields';
import { flattenWidth } from './networkShape';

const formatLayers = (v: number[]): string => v.join(',');

/** The network keys besides the widths: what the parameter count of a typed `layers` depends on. */
type Shape = Pick<ExperimentConfig, 'dataset' | 'arch' | 'conv' | 'pool' | 'act'>;

/** Whether hidden widths `layers` on `c` stay within MAX_PARAMS (the store refuses a larger network). */
const fits = (c: Shape, layers: number[]): boolean => networkParams({ ...c, layers }) <= MAX_PARAMS;

/** The width the dense layers read: the flattened conv maps for a CNN, else the inputs. */
function denseInput(c: Pick<ExperimentConfig, 'dataset' | 'arch' | 'conv' | 'pool'>): number {
  const conv = convLayersOf(c);
  return conv.length > 0 ? flattenWidth(conv, c.pool) : datasetInfo(c.dataset).inputDim;
}

/**
 * Hidden layer widths as text (`300,100`), with buttons to add or remove a
 * layer, and the whole architecture spelled out (`784 → 300 → 100 → 10`).
 * For a CNN these are the dense layers after Flatten (`flatten 1600 → 128 → 10`).
 * Widths whose network would exceed MAX_PARAMS are not applied: the hint gives
 * the count and the limit, and + / − are disabled where they would cross it.
 */
export function LayersField() {
  const id = useId();
  const layers = useAppStore((s) => s.config.layers);
  const c = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, arch: s.config.arch, conv: s.config.conv, pool: s.config.pool, act: s.config.act })));
  const setConfig = useAppStore((s) => s.setConfig);
  const commit = (v: number[]): void => setConfig('layers', v);
  // Widths that parse but make the network larger than MAX_PARAMS are invalid too: the hint says why.
  const parse = (text: string): number[] | null => {
    const r = parseLayers(text);
    return r.ok && fits(c, r.value) ? r.value : null;
  };
  const field = useDraft(layers, formatLayers, parse, commit, 500);
  const t = useT();
  const typed = parseLayers(field.draft);
  const tooBig = typed.ok && !fits(c, typed.value) ? networkParams({ ...c, layers: typed.value }) : null;
  const added = [...layers, layers.length > 0 ? layers[layers.length - 1] : 8];
  const cnn = trainsCnn(c);
  const widths = [denseInput(c), ...layers, datasetInfo(c.dataset).outputDim].join(' → ');
  const shape = cnn ? `${t('controls.shape.flatten')} ${widths}` : widths;
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>{cnn ? t('controls.layers.dense') : t('controls.layers.hidden')}</label>
        <span className="field-aside">
          <button type="button" className="mini" data-testid="btn-layer-remove" aria-label={cnn ? t('controls.layers.removeDense') : t('controls.layers.removeHidden')} disabled={layers.length === 0 || !fits(c, layers.slice(0, -1))} onClick={() => commit(layers.slice(0, -1))}>
            −
          </button>
          <button
            type="button"
            className="mini"
            data-testid="btn-layer-add"
            aria-label={cnn ? t('controls.layers.addDense') : t('controls.layers.addHidden')}
            disabled={layers.length >= MAX_LAYERS || !fits(c, added)}
            onClick={() => commit(added)}
          >
            +
          </button>
        </span>
      </div>
      <DraftTextInput id={id} testId="control-layers" field={field} numeric />
      <p className="hint" id={`${id}-hint`}>
        {tooBig !== null ? (
          <span data-testid="layers-too-big">{t('controls.layers.tooBig', { count: groupDigits(tooBig), max: groupDigits(MAX_PARAMS) })}</span>
        ) : field.invalid ? (
          t('controls.layers.invalid', { max: MAX_LAYERS })
        ) : (
          <span className="shape">{shape}</span>
        )}
      </p>
    </div>
  );
}
