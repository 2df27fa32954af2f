import { useId } from 'react';
import { formatConv, MAX_CONV_LAYERS, parseConv } from '../../engine/model/convSpec';
import { useAppStore } from '../../state/useAppStore';
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
  return (
    <div className="field">
      <div className="field-head">
        <label htmlFor={id}>Conv layers</label>
        <span className="field-aside">filters:kernel[:stride]</span>
      </div>
      <DraftTextInput id={id} testId="control-conv" field={field} />
      <p className="hint" id={`${id}-hint`}>
        {parsed.ok ? (
          <span className="shape" data-testid="conv-shape">
            {convStackText(parsed.value, pool)}
          </span>
        ) : (
          <span className="prune-reason" role="note" data-testid="conv-text-reason">
            {parsed.reason} (1–{MAX_CONV_LAYERS} layers, e.g. 32:3,64:3)
          </span>
        )}
      </p>
    </div>
  );
}
