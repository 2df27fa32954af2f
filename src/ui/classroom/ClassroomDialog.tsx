import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ConfigKey } from '../../state/page';
import { useAppStore } from '../../state/useAppStore';
import { useT } from '../i18n';
import { classroomLink, pageBase } from './classroomLink';
import { CopyLink } from './CopyLink';
import { Modal } from './Modal';
import { CONTROL_SECTIONS, type ControlSection } from './sections';

type Mark = 'hide' | 'lock';

/** `set` with `keys` in (`on`) or out. */
function toggled(set: ReadonlySet<ConfigKey>, keys: readonly ConfigKey[], on: boolean): Set<ConfigKey> {
  const next = new Set(set);
  for (const key of keys) {
    if (on) next.add(key);
    else next.delete(key);
  }
  return next;
}

/**
 * The classroom link builder: one row per control (by URL key), grouped by
 * the settings card it sits in, with two boxes, Hide (absent from the
 * student's page) and Lock (shown, not changeable), a live preview of the
 * resulting link (this experiment + `hide=…&lock=…`), Copy and Open.
 * Starts from the page's own hide and lock.
 */
export function ClassroomDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { config, page } = useAppStore(useShallow((s) => ({ config: s.config, page: s.page })));
  const [hide, setHide] = useState<ReadonlySet<ConfigKey>>(() => new Set(page.hide));
  const [lock, setLock] = useState<ReadonlySet<ConfigKey>>(() => new Set(page.lock));
  const link = useMemo(() => classroomLink(pageBase(window.location), config, page, hide, lock), [config, page, hide, lock]);
  const sets: Record<Mark, [ReadonlySet<ConfigKey>, (next: Set<ConfigKey>) => void]> = { hide: [hide, setHide], lock: [lock, setLock] };
  const clear = (): void => {
    setHide(new Set());
    setLock(new Set());
  };
  const mark = (which: Mark, keys: readonly ConfigKey[], on: boolean): void => {
    const [set, save] = sets[which];
    save(toggled(set, keys, on));
  };
  return (
    <Modal title={t('classroom.builder.title')} testId="classroom-dialog" className="classroom-dialog" onClose={onClose}>
      <p className="hint">{t('classroom.builder.intro')}</p>
      <div className="builder-sections">
        {CONTROL_SECTIONS.map((section) => (
          <SectionRows key={section.id} section={section} hide={hide} lock={lock} onMark={mark} />
        ))}
      </div>
      <div className="builder-foot">
        <h3 className="builder-preview-title">{t('classroom.builder.preview')}</h3>
        <CopyLink link={link} testId="classroom" label={t('classroom.builder.linkLabel')} multiline />
        <div className="builder-actions">
          <a className="button-link" href={link} target="_blank" rel="noopener" data-testid="classroom-open">
            {t('classroom.builder.open')}
          </a>
          <button type="button" data-testid="classroom-clear" disabled={hide.size === 0 && lock.size === 0} onClick={clear}>
            {t('classroom.builder.clear')}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** One card's rows, with a box per column that marks the whole card (mixed when only some rows are). */
function SectionRows({
  section,
  hide,
  lock,
  onMark,
}: {
  section: ControlSection;
  hide: ReadonlySet<ConfigKey>;
  lock: ReadonlySet<ConfigKey>;
  onMark: (which: Mark, keys: readonly ConfigKey[], on: boolean) => void;
}) {
  const t = useT();
  const name = t(`classroom.section.${section.id}`);
  const all = (set: ReadonlySet<ConfigKey>): boolean => section.keys.every((k) => set.has(k));
  const some = (set: ReadonlySet<ConfigKey>): boolean => section.keys.some((k) => set.has(k));
  return (
    <table className="builder-table" data-testid={`classroom-section-${section.id}`}>
      <caption>{name}</caption>
      <thead>
        <tr>
          <th scope="col">{t('classroom.builder.control')}</th>
          {(['hide', 'lock'] as const).map((which) => {
            const set = which === 'hide' ? hide : lock;
            return (
              <th scope="col" key={which} className="builder-check">
                <label>
                  <input
                    type="checkbox"
                    data-testid={`classroom-${which}-section-${section.id}`}
                    aria-label={t(which === 'hide' ? 'classroom.builder.hideAll' : 'classroom.builder.lockAll', { section: name })}
                    checked={all(set)}
                    ref={(el) => {
                      if (el !== null) el.indeterminate = some(set) && !all(set);
                    }}
                    onChange={(e) => onMark(which, section.keys, e.target.checked)}
                  />
                  {t(which === 'hide' ? 'classroom.builder.hide' : 'classroom.builder.lock')}
                </label>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {section.keys.map((key) => {
          const label = t(`classroom.key.${key}`);
          return (
            <tr key={key}>
              <th scope="row">
                {label} <code>{key}</code>
              </th>
              <td className="builder-check">
                <input
                  type="checkbox"
                  data-testid={`classroom-hide-${key}`}
                  aria-label={t('classroom.builder.hideOne', { control: label })}
                  checked={hide.has(key)}
                  onChange={(e) => onMark('hide', [key], e.target.checked)}
                />
              </td>
              <td className="builder-check">
                <input
                  type="checkbox"
                  data-testid={`classroom-lock-${key}`}
                  aria-label={t('classroom.builder.lockOne', { control: label })}
                  checked={lock.has(key)}
                  onChange={(e) => onMark('lock', [key], e.target.checked)}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
