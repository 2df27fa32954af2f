import { useAppStore } from '../../state/useAppStore';

/** Whether presenter mode is on (`present=1`): App adds the `presenter` class that presenter.css scopes under. */
export function usePresenting(): boolean {
  return useAppStore((s) => s.page.present === 1);
}
