import { PANELS, type PanelId } from '../../state/page';
import { useAppStore } from '../../state/useAppStore';
import { useT, type MessageKey } from '../i18n';

const label = (panel: PanelId): MessageKey => `layout.panel.${panel}`;
const title = (panel: PanelId): MessageKey => `layout.panel.${panel}Title`;

/**
 * The groups of the experiment in the order a student meets them — Data &
 * network · Train · Prune · Regularise · Images · Experiments — as a step bar
 * under the header: the open one is marked (it follows the sidebar's scroll),
 * and a click brings that group's controls to the top of the sidebar (for
 * Experiments, the page down to that space). Test ids: `panel-<id>`.
 */
export function StepBar({ goTo }: { goTo: (panel: PanelId) => void }) {
  const open = useAppStore((s) => s.page.panel);
  const images = useAppStore((s) => s.config.dataset === 'mnist');
  const t = useT();
  return (
    <nav className="step-bar" aria-label={t('layout.steps')}>
      <ol>
        {PANELS.map((panel, i) => (
          <li key={panel} className={panel === 'images' && !images ? 'step-quiet' : undefined}>
            <button type="button" data-testid={`panel-${panel}`} aria-current={panel === open ? 'step' : undefined} title={t(title(panel))} onClick={() => goTo(panel)}>
              {panel === 'experiments' ? null : <span className="step-num" aria-hidden="true">{i + 1}</span>}
              {t(label(panel))}
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
