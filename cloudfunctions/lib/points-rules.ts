/** The point rules in force: the admin's saved rules (collection `pointRules`, one document) over the defaults. */
import { DEFAULT_POINT_RULES } from '../core/points';
import type { PointRules } from '../../types/points';
import { db } from './cloud';

export const RULES_DOC = 'current';

export async function loadRules(): Promise<PointRules> {
  const saved = (await db.collection('pointRules').doc(RULES_DOC).get<Partial<PointRules>>()).data;
  const rules = { ...DEFAULT_POINT_RULES };
  for (const key of Object.keys(DEFAULT_POINT_RULES) as (keyof PointRules)[]) {
    if (typeof saved?.[key] === 'number') rules[key] = saved[key];
  }
  return rules;
}

export async function saveRules(change: Partial<PointRules>, by: string, now: Date): Promise<PointRules> {
  const next = { ...(await loadRules()), ...change };
  await db.collection('pointRules').doc(RULES_DOC).set({ data: { ...next, updatedBy: by, updatedAt: now } });
  return next;
}
