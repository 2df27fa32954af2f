import { useId } from 'react';
import { formatConv, MAX_CONV_LAYERS, parseConv } from '../../engine/model/convSpec';
import { useAppStore } from '../../state/useAppStore';
import { useT } from '../i18n';
import { useRuntimeText } from '../i18n/runtime';
import { DraftTextInput, useDraft } from './fields';
import { convStackText } from './networkShape';
import './pruning.css';

const formatText = (v: string): string => v;

/** The text as stored: canonical when it parses, null otherwise. */
const canonicalConv = (text: string): string | null => {
  const r = parseConv(text);
  return r.ok ? formatConv(r.value) : null;
};

/**
 * The CNN's conv layers as text (`32:3,64:3`: filters:kernel[:stride] per
 * layer, input side first), validated as typed: a valid stack commits in its
 * canonical form after a short pause (a new run), an invalid one shows why
 * and reverts on blur. The hint spells out the feature maps (H×W×C).
 */
export function ConvField() {
  const id = useId();
  const conv = useAppStore((s) => s.config.conv);
  const pool = useAppStore((s) => s.config.pool);
  const setConfig = useAppStore((s) => s.setConfig);
  const field = useDraft(conv, formatText, canonicalConv, (v) => setConfig('conv', v), 500);
  const parsed = parseConv(field.draft);
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
        {parsed.ok ? (
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
