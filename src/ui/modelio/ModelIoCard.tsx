import { useState, useSyncExternalStore, type ChangeEvent } from 'react';
import { parameterCount } from '../../engine/model/spec';
import type { ModelSpec } from '../../engine/types';
import { formatConv } from '../../engine/model/convSpec';
import { useAppStoreApi } from '../../state/useAppStore';
import { downloadBlob } from '../download';
import { formatCount } from '../format';
import { useT, type MessageKey, type Params, type Translate } from '../i18n';
import { exportSnapshot, MODEL_FILE, readPickedFiles, WEIGHTS_FILE, type PickError } from './modelFiles';
import { useOfflineState, type OfflineState } from './offline';
import './modelio.css';

/** How a model is loaded back in TensorFlow.js (shown as code, not translated). */
const LOAD_CODE = 'tf.loadLayersModel(tf.io.browserFiles([jsonFile, binFile]))';

/** The message line: what the last export or import did. */
interface Message {
  kind: 'info' | 'error' | 'busy';
  key: MessageKey;
  params?: Params;
}

const ERROR_KEYS: Record<PickError['code'], MessageKey> = {
  noJson: 'modelio.error.noJson',
  manyJson: 'modelio.error.manyJson',
  readFailed: 'modelio.error.readFailed',
  weightsTooLarge: 'modelio.error.weightsTooLarge',
  jsonTooLarge: 'modelio.error.jsonTooLarge',
  notJson: 'modelio.error.notJson',
  notLayersModel: 'modelio.error.notLayersModel',
  notSequential: 'modelio.error.notSequential',
  unsupportedLayer: 'modelio.error.unsupportedLayer',
  unsupportedOption: 'modelio.error.unsupportedOption',
  badNumber: 'modelio.error.badNumber',
  unsupportedActivation: 'modelio.error.unsupportedActivation',
  mixedActivations: 'modelio.error.mixedActivations',
  inputShape: 'modelio.error.inputShape',
  structure: 'modelio.error.structure',
  outputLayer: 'modelio.error.outputLayer',
  noDense: 'modelio.error.noDense',
  tooLarge: 'modelio.error.tooLarge',
  noManifest: 'modelio.error.noManifest',
  dtype: 'modelio.error.dtype',
  missingWeight: 'modelio.error.missingWeight',
  weightShape: 'modelio.error.weightShape',
  missingFile: 'modelio.error.missingFile',
  byteLength: 'modelio.error.byteLength',
  notFinite: 'modelio.error.notFinite',
  noDataset: 'modelio.error.noDataset',
  cnnInput: 'modelio.error.cnnInput',
  bounds: 'modelio.error.bounds',
};

const OFFLINE_KEYS: Record<Exclude<OfflineState, 'unsupported'>, MessageKey> = {
  pending: 'modelio.offline.pending',
  ready: 'modelio.offline.ready',
  failed: 'modelio.offline.failed',
};

/** A network in one line: `2-8-8-2 tanh`, or `784 → conv 32:3,64:3 pool 2 → 128-10 relu`. */
export function describeSpec(spec: ModelSpec): string {
  const dense = [...spec.hidden, spec.outputDim].join('-');
  if (!spec.conv) return `${spec.inputDim}-${dense} ${spec.activation}`;
  const pool = spec.conv.pool > 1 ? ` pool ${spec.conv.pool}` : '';
  return `${spec.inputDim} → conv ${formatConv(spec.conv.layers)}${pool} → ${dense} ${spec.activation}`;
}

/** The message of a failed import, its parameters worded (numbers grouped, reasons and tasks translated). */
function errorMessage(error: PickError, t: Translate): Message {
  const params: Params = {};
  if ('params' in error) {
    for (const [name, value] of Object.entries(error.params)) params[name] = typeof value === 'number' ? formatCount(value) : value;
    if (error.code === 'structure') params.reason = t(`modelio.structure.${error.params.reason}`);
    if (error.code === 'noDataset') params.task = t(error.params.task === 'regression' ? 'modelio.task.regression' : 'modelio.task.classification');
  }
  return { kind: 'error', key: ERROR_KEYS[error.code], params };
}

/**
 * Save or load the model: "Export model" downloads the network as it computes
 * now (the latest snapshot's weights with the masks applied) as a TensorFlow.js
 * layers model, two files; "Import model…" reads such files back, picks the
 * dataset that fits, starts a new run with the model's network and loads its
 * weights (the header then shows their test figures). Also the offline note.
 */
export function ModelIoCard() {
  const t = useT();
  const api = useAppStoreApi();
  const [message, setMessage] = useState<Message | null>(null);
  const hasSnapshot = useSyncExternalStore(api.snapshot.subscribe, () => api.snapshot.get() !== null);
  const offline = useOfflineState();

  const onExport = (): void => {
    const snapshot = api.snapshot.get();
    if (snapshot === null) {
      setMessage({ kind: 'error', key: 'modelio.noSnapshot' });
      return;
    }
    const exported = exportSnapshot(api.getState().config, snapshot);
    if (exported === null) {
      setMessage({ kind: 'error', key: 'modelio.exportMismatch' });
      return;
    }
    downloadBlob(MODEL_FILE, new Blob([JSON.stringify(exported.modelJson)], { type: 'application/json' }));
    downloadBlob(WEIGHTS_FILE, new Blob([exported.weightData], { type: 'application/octet-stream' }));
    const params = snapshot.layers.reduce((n, l) => n + l.kernel.length + l.bias.length, 0);
    setMessage({ kind: 'info', key: 'modelio.exported', params: { step: formatCount(snapshot.step), params: formatCount(params) } });
  };

  const onImport = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget;
    const files = Array.from(input.files ?? []);
    // Cleared at once, so picking the same files again is a change too.
    input.value = '';
    if (files.length === 0) return;
    setMessage({ kind: 'busy', key: 'modelio.reading', params: { file: files.map((f) => f.name).join(', ') } });
    const read = await readPickedFiles(files, api.getState().config);
    if (!read.ok) {
      setMessage(errorMessage(read.error, t));
      return;
    }
    const { model, config } = read.picked;
    api.getState().importModel(config, model.layers);
    setMessage({ kind: 'info', key: 'modelio.imported', params: { shape: describeSpec(model.spec), params: formatCount(parameterCount(model.spec)), dataset: config.dataset } });
  };

  const [howtoBefore, howtoAfter] = t('modelio.exportHowto', { code: '\u0001' }).split('\u0001');
  return (
    <section className="chart-card modelio-card" data-testid="modelio-card" aria-labelledby="modelio-title">
      <div className="chart-head">
        <h2 id="modelio-title">{t('modelio.title')}</h2>
      </div>
      <div className="modelio-actions">
        <button type="button" data-testid="btn-export-model" disabled={!hasSnapshot} title={t('modelio.exportTitle')} onClick={onExport}>
          {t('modelio.export')}
        </button>
        <label className="modelio-import" title={t('modelio.importTitle')}>
          <input type="file" multiple accept=".json,.bin,application/json,application/octet-stream" data-testid="control-import-model" onChange={(e) => void onImport(e)} />
          <span>{t('modelio.import')}</span>
        </label>
      </div>
      <p className="caption">
        {howtoBefore}
        <code>{LOAD_CODE}</code>
        {howtoAfter}
      </p>
      <p className="caption">{t('modelio.importHowto')}</p>
      <p className="modelio-message" data-testid="modelio-message" data-kind={message?.kind ?? ''} role="status" aria-live="polite">
        {message === null ? null : t(message.key, message.params)}
      </p>
      <p className="caption modelio-offline" data-testid="offline-note" data-state={offline}>
        {offline === 'unsupported' ? t('modelio.offline.note') : t('modelio.offline.withState', { note: t('modelio.offline.note'), state: t(OFFLINE_KEYS[offline]) })}
      </p>
    </section>
  );
}
