/**
 * The points ledger (Pillar 2) as the other functions write to it. OWNED BY THE POINTS WORK:
 * replaced by the real ledger module.
 */
import type { Effect } from '../core/demand';

/** Credits each member's verified hours of a demand exactly once (source key: demand + member). */
export async function creditServiceHours(_effect: Extract<Effect, { kind: 'credit' }>, _now: Date): Promise<void> {}
