import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatConv, MAX_CONV_LAYERS, parseConv } from '../../engine/model/convSpec';
import { MAX_PARAMS, groupDigits, networkParams } from '../../state/urlCodec';
import { useAppStore } from '../../state/useAppStore';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import { DraftTextInput, useDraft } from '../controls/fields';
import { convStackText } from './networkShape';
import '../prune/pruning.css';

const formatText = (v: string): string => v;


/**
 * The CNN's conv layers as text (`32:3,64:3`: filters:kernel[:stride] per
 * layer, input side first), validated as typed: a valid stack commits in its
 * canonical form after a short pause (a new run), an invalid one shows why
 * and reverts on blur. The hint spells out the feature maps (H×W×C). A stack
 * whose network would exceed MAX_PARAMS is not applied: the hint gives the count.
 */
export function ConvField() {
  const id = useId();
  const conv = useAppStore((s) => s.config.conv);
  const pool = useAppStore((s) => s.config.pool);
  const c = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, arch: s.config.arch, layers: s.config.layers, pool: s.config.pool, act: s.config.act })));
  const setConfig = useAppStore((s) => s.setConfig);
  const paramsOf = (text: string): number => networkParams({ ...c, conv: text });
  /** The text as stored: canonical when it parses and fits MAX_PARAMS, null otherwise. */
  const canonical = (text: string): string | null => {
    const r = parseConv(text);
    return r.ok && paramsOf(formatConv(r.value)) <= MAX_PARAMS ? formatConv(r.value) : null;
  };
  const field = useDraft(conv, formatText, canonical, (v) => setConfig('conv', v), 500);
  const parsed = parseConv(field.draft);
  const draftParams = parsed.ok ? paramsOf(formatConv(parsed.value)) : 0;
  const tooBig = draftParams > MAX_PARAMS ? draftParams : null;
  const t = useT();
  const rt = useRuntimeText();
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>{t('controls.conv')}</label>
        <span className="field-aside">{t('controls.conv.syntax')}</span>
      </div>
      <DraftTextInput id={id} testId="control-conv" field={field} />
      <p className="hint" id={`${id}-hint`}>
        {tooBig !== null ? (
          <span className="prune-reason" role="note" data-testid="conv-too-big">
            {t('controls.layers.tooBig', { count: groupDigits(tooBig), max: groupDigits(MAX_PARAMS) })}
          </span>
        ) : parsed.ok ? (
          <span className="shape" data-testid="conv-shape">
            {convStackText(parsed.value, pool, undefined, { pool: t('controls.shape.pool'), flatten: t('controls.shape.flatten') })}
          </span>
        ) : (
          <span className="prune-reason" role="note" data-testid="conv-text-reason">
            {t('controls.conv.invalid', { reason: rt(parsed.reason), max: MAX_CONV_LAYERS })}
          </span>
        )}
      </p>
    </div>
  );
}
