/** The point rules in force: the admin's saved rules (collection `pointRules`, one document) over the defaults. */
import { DEFAULT_POINT_RULES } from '../core/points';
import type { PointRules } from '../../types/points';
import type { Actor } from '../core/actor';
import { auditIn } from './audit';
import { db } from './cloud';
import { inTransaction } from './retry';

export const RULES_DOC = 'current';

export async function loadRules(): Promise<PointRules> {
  return withDefaults((await db.collection('pointRules').doc(RULES_DOC).get<Partial<PointRules>>()).data);
}

function withDefaults(saved: Partial<PointRules> | null): PointRules {
  const rules = { ...DEFAULT_POINT_RULES };
  for (const key of Object.keys(DEFAULT_POINT_RULES) as (keyof PointRules)[]) {
    if (typeof saved?.[key] === 'number') rules[key] = saved[key];
  }
  return rules;
}

/** A rule change (the county's, in 规则) and its audit entry, in one transaction. */
export async function saveRules(change: Partial<PointRules>, by: Actor, now: Date): Promise<PointRules> {
  return inTransaction(async (t) => {
    const before = withDefaults((await t.collection('pointRules').doc(RULES_DOC).get<Partial<PointRules>>()).data);
    const next = { ...before, ...change };
    await t.collection('pointRules').doc(RULES_DOC).set({ data: { ...next, updatedBy: by.openid, updatedAt: now } });
    const changed = (Object.keys(change) as (keyof PointRules)[]).filter((k) => before[k] !== next[k]);
    await auditIn(
      t,
      {
        actor: { openid: by.openid, name: by.name },
        action: 'setRules',
        target: { kind: 'rules', id: 'pointRules', name: '积分规则' },
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        scope: {},
      },
      now,
    );
    return next;
  });
}
