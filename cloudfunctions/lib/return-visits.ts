/**
 * Key households (Pillar 3) as dispatch touches them, an effect of a step (./effects.ts): a
 * resolved demand about a key household makes a return visit (回访) due for its visitors.
 */
import type { Effect } from '../core/demand';
import { oweReturn, returnVisitDue as owed } from '../core/visits';
import type { Demand } from '../../types/dispatch';
import type { KeyHousehold } from '../../types/visits';
import { _, db } from './cloud';
import { AppError } from './errors';
import { untilSaved } from './retry';

export const ATTEMPTS = 4;

/**
 * Called by lib/effects when a demand linked to a household is resolved. Idempotent: a demand
 * owes one return visit however often it is verified (a reopened demand is verified again), and
 * none once it was made. Nothing happens for a household that is not (or no longer) key, or that
 * belongs to another community than the demand. The write is a compare-and-set on the
 * household's version, retried when a visit was recorded at the same moment; a household that
 * keeps changing fails the step loudly (logged, INTERNAL) rather than owing nothing in silence.
 */
export async function returnVisitDue(effect: Extract<Effect, { kind: 'resolved' }>, now: Date): Promise<void> {
  try {
    await untilSaved(() => owe(effect, now), { attempts: ATTEMPTS });
  } catch (e) {
    if (e instanceof AppError && e.code === 'CONFLICT') {
      throw new Error(`return visit for demand ${effect.demandId} not recorded: household ${effect.householdId} kept changing`);
    }
    throw e;
  }
}

/** One attempt: true when done (owed now, or nothing to owe); undefined when the household changed meanwhile. */
async function owe(effect: Extract<Effect, { kind: 'resolved' }>, now: Date): Promise<true | undefined> {
  const h = (await db.collection('keyHouseholds').doc(effect.householdId).get<KeyHousehold>()).data;
  if (!h || !h.active || h.communityId !== effect.communityId) return true;
  if (h.returnsDone.includes(effect.demandId) || h.returnsDue.some((r) => r.demandId === effect.demandId)) return true;
  const demand = (await db.collection('demands').doc(effect.demandId).get<Pick<Demand, 'category' | 'resolvedAt'>>()).data;
  if (!demand) return true;
  const s = oweReturn(h, owed(effect.demandId, demand.category, demand.resolvedAt ? new Date(demand.resolvedAt) : now));
  if (!s) return true;
  const res = await db
    .collection('keyHouseholds')
    .where({ _id: h._id, version: h.version })
    .update({
      data: {
        returnsDue: _.set(s.returnsDue),
        nextDueFrom: s.nextDueFrom,
        nextDueBy: s.nextDueBy,
        // A new return visit owed is news for the visitors, even inside a window already reminded.
        reminded: false,
        updatedAt: now,
        version: _.inc(1),
      },
    });
  return res.stats.updated === 1 ? true : undefined;
}
