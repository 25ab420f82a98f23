/** Factories for the points tests: activities at a given moment, catalogue items, funds, direct reads. */
import { db } from '../../cloudfunctions/lib/cloud';
import { postEntry } from '../../cloudfunctions/lib/ledger';
import type { ActivityDetail, CatalogueItemView } from '../../types/points';
import { PEOPLE, type Harness } from './harness';

export const HOUR = 3600_000;

let seq = 0;

/** Writes straight to the store (time travel), outside any function. */
export async function patch(h: Harness, collection: string, id: string, data: Record<string, unknown>): Promise<void> {
  await h.local.invoke({ main: () => db.collection(collection).doc(id).update({ data }) }, {}, 'test');
}

export async function read<T>(h: Harness, collection: string, id: string): Promise<T | null> {
  return (await h.local.invoke({ main: async () => (await db.collection(collection).doc(id).get()).data }, {}, 'test')).result as T | null;
}

/** Gives a person points through the ledger (a staff award needs a community; this works for anyone). */
export async function fund(h: Harness, openid: string, points: number): Promise<void> {
  seq += 1;
  await h.local.invoke(
    {
      main: () =>
        postEntry(
          {
            key: `award_fixture_${seq}_${openid}`,
            openid,
            name: openid,
            points,
            hours: 0,
            source: { type: 'award', id: `fixture_${seq}`, label: '测试' },
            reason: '测试资金',
            actor: 'test',
            actorName: '测试',
            communityId: null,
            unitId: null,
          },
          new Date(),
        ),
    },
    {},
    'test',
  );
}

/**
 * A fixed-hours activity of 东街 created by 周芳, running now (start an hour ago, end in two
 * hours), or moved into the past with `ended`.
 */
export async function activity(h: Harness, { capacity = 10, ended = false, upcoming = false } = {}): Promise<ActivityDetail> {
  const now = Date.now();
  const start = upcoming ? now + 24 * HOUR : now - HOUR;
  const a = await h.ok(PEOPLE.staff, 'points', 'createActivity', {
    title: '社区义诊',
    place: '东街社区服务中心',
    startAt: new Date(start).toISOString(),
    endAt: new Date(start + 3 * HOUR).toISOString(),
    capacity,
    hoursRule: 'fixed',
    fixedHours: 2,
  });
  if (ended) await patch(h, 'activities', a._id, { startAt: new Date(now - 5 * HOUR), endAt: new Date(now - 3 * HOUR) });
  return a;
}

/** Moves an activity into the past (so it has ended). */
export const endActivity = (h: Harness, id: string) => patch(h, 'activities', id, { startAt: new Date(Date.now() - 5 * HOUR), endAt: new Date(Date.now() - 3 * HOUR) });

/** A catalogue item of 东街社区 (by 周芳) or 县人社局 (by 赵敏), open now. */
export async function item(h: Harness, { owner = 'community', stock = 10, cost = 10, perPersonLimit = 5 }: { owner?: 'community' | 'unit'; stock?: number; cost?: number; perPersonLimit?: number } = {}): Promise<CatalogueItemView> {
  const now = Date.now();
  return h.ok(owner === 'community' ? PEOPLE.staff : PEOPLE.liaison, 'points', 'createItem', {
    ownerScope: owner,
    ownerId: owner === 'community' ? 'c-dongjie' : 'unit-renshe',
    title: owner === 'community' ? '社区理发券' : '就业指导一次',
    cost,
    stock,
    perPersonLimit,
    validFrom: new Date(now - HOUR).toISOString(),
    validUntil: new Date(now + 30 * 24 * HOUR).toISOString(),
  });
}
