import type { ResolvedConfig, State } from '../types';

/** Switch positions by optional purpose id. */
export type Switches = { [id: string]: boolean };

/** Whether a Global Privacy Control signal keeps `id` off (docs/contract.md §6 `gpc`, docs/compliance.md F25). */
export function gpcLocked(config: ResolvedConfig, state: State, id: string): boolean {
  return state.gpc && !!config.gpc && config.gpc.includes(id);
}

/**
 * The switches to show: every optional purpose off until a decision (no pre-ticked boxes, docs/compliance.md B8;
 * `decided` is false again after a re-prompt), the current choices afterwards.
 */
export function initialSwitches(config: ResolvedConfig, state: State): Switches {
  const switches: Switches = {};
  for (const p of config.purposes) {
    if (!p.required) switches[p.id] = state.decided && !!state.purposes[p.id] && !gpcLocked(config, state, p.id);
  }
  return switches;
}
