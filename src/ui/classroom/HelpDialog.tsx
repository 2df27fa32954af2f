import { useT, type MessageKey } from '../i18n';
import { Modal } from './Modal';
import { SHORTCUTS } from './shortcuts';

/** The keyboard-shortcut help (`?`): every shortcut with its key, and how classroom links work in two lines. */
export function HelpDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Modal title={t('classroom.help.title')} testId="help-dialog" className="help-dialog" onClose={onClose}>
      <table className="shortcut-table" data-testid="help-shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.action}>
              <th scope="row">
                <kbd>{s.keyLabel.startsWith('classroom.') ? t(s.keyLabel as MessageKey) : s.keyLabel}</kbd>
              </th>
              <td>{t(s.action)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('classroom.help.typing')}</p>
      <p className="hint">{t('classroom.help.links')}</p>
    </Modal>
  );
}
