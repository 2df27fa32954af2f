import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { sizeComparison } from '../../state/network';
import { useAppStore } from '../../state/useAppStore';
import { formatCount, formatFlops } from '../format';
import { useT } from '../i18n';
import './network.css';

/**
 * "MLP vs CNN" (image datasets only): parameters and forward FLOPs per digit
 * of the MLP (784 → `layers` → 10) and of the CNN (`conv` → Flatten →
 * `layers` → 10), computed on the main thread from the specs; the network
 * that trains is highlighted. The CNN shares its weights across positions:
 * it can have fewer parameters and still cost far more FLOPs.
 */
export function SizeTable() {
  const c = useAppStore(useShallow((s) => ({ dataset: s.config.dataset, arch: s.config.arch, conv: s.config.conv, pool: s.config.pool, layers: s.config.layers, act: s.config.act })));
  const sizes = useMemo(() => sizeComparison(c), [c]);
  const t = useT();
  if (sizes === null) return null;
  const cell = (arch: 'mlp' | 'cnn', what: 'params' | 'flops') => {
    const size = sizes[arch];
    const value = what === 'params' ? size.params : size.flopsPerSample;
    return (
      <td className={sizes.current === arch ? 'size-current' : undefined} data-testid={`size-${arch}-${what}`} data-value={value}>
        {what === 'params' ? formatCount(value) : formatFlops(value)}
      </td>
    );
  };
  const head = (arch: 'mlp' | 'cnn', label: string) => (
    <th scope="col" className={sizes.current === arch ? 'size-current' : undefined} aria-current={sizes.current === arch ? 'true' : undefined}>
      {label}
      {sizes.current === arch ? <span className="size-mark">{t('controls.size.training')}</span> : null}
    </th>
  );
  return (
    <table className="size-table" data-testid="size-table">
      <caption>{t('controls.size.caption')}</caption>
      <thead>
        <tr>
          <td />
          {head('mlp', 'MLP')}
          {head('cnn', 'CNN')}
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t('controls.size.params')}</th>
          {cell('mlp', 'params')}
          {cell('cnn', 'params')}
        </tr>
        <tr>
          <th scope="row" title={t('controls.size.flopsTitle')}>
            {t('controls.size.flops')}
          </th>
          {cell('mlp', 'flops')}
          {cell('cnn', 'flops')}
        </tr>
      </tbody>
    </table>
  );
}
