/**
 * Key households (Pillar 3) as the other functions touch them. OWNED BY THE VISITS WORK:
 * replaced by the real module.
 */
import type { Effect } from '../core/demand';

/** A resolved demand about a key household: its visitors owe a return visit linked to the demand. */
export async function returnVisitDue(_effect: Extract<Effect, { kind: 'resolved' }>, _now: Date): Promise<void> {}
