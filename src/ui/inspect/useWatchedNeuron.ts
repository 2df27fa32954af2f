import { useEffect, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../../state/useAppStore';
import type { NeuronRef } from './BoundaryCard';

/** A neuron remembered together with the run it belongs to (a new run forgets it). */
interface Held {
  runId: number;
  neuron: NeuronRef;
}

/** What the network graph and the boundary share: the watched neuron and how the graph changes it. */
export interface WatchedNeuron {
  /** The neuron whose map the boundary shows: the hovered one, else the pinned one. */
  watched: NeuronRef | null;
  pinned: NeuronRef | null;
  onHover(neuron: NeuronRef | null): void;
  onPin(neuron: NeuronRef | null): void;
}

/**
 * The hidden neuron the boundary shows instead of the output (2-D sets):
 * hovering a neuron in the graph previews its map, clicking keeps it. The
 * worker is asked for that neuron's map (store.watchNeuron) whenever the
 * choice changes, and told to stop when nothing is watched or on unmount.
 */
export function useWatchedNeuron(planar: boolean): WatchedNeuron {
  const store = useAppStoreApi();
  const runId = useAppStore((s) => s.run.runId);
  const [hovered, setHovered] = useState<Held | null>(null);
  const [pinnedHeld, setPinned] = useState<Held | null>(null);
  // Held neurons of an older run are forgotten (derived, so no effect resets them).
  const hover = hovered !== null && hovered.runId === runId ? hovered.neuron : null;
  const pinned = pinnedHeld !== null && pinnedHeld.runId === runId ? pinnedHeld.neuron : null;
  const watched = hover ?? pinned;
  const watchedLayer = watched?.layer ?? -1;
  const watchedUnit = watched?.unit ?? -1;

  // What the worker was last asked for ('' = nothing): a new run already forgets it there, so only changes are sent.
  const sent = useRef('');
  useEffect(() => {
    const want = planar && watchedLayer >= 0 ? `${runId}:${watchedLayer}:${watchedUnit}` : '';
    if (want === sent.current) return;
    const sameRun = sent.current.startsWith(`${runId}:`);
    sent.current = want;
    if (want !== '') store.getState().watchNeuron({ layer: watchedLayer, unit: watchedUnit });
    else if (sameRun) store.getState().watchNeuron(null);
  }, [store, planar, runId, watchedLayer, watchedUnit]);
  // Unmounting stops the worker's extra pass.
  useEffect(
    () => () => {
      if (sent.current !== '') store.getState().watchNeuron(null);
    },
    [store],
  );
  return {
    watched,
    pinned,
    onHover: (neuron) => setHovered(neuron === null ? null : { runId, neuron }),
    onPin: (neuron) => setPinned(neuron === null ? null : { runId, neuron }),
  };
}
