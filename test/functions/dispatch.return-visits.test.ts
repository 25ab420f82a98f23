/**
 * The return visit a resolved household demand owes (lib/return-visits.ts): a compare-and-set
 * on the household, retried while a visit is recorded at the same moment (lib/retry untilSaved),
 * and a loud failure — never a silent nothing — when the household keeps changing.
 */
import type { KeyHousehold } from '../../types/visits';
import { ATTEMPTS, returnVisitDue } from '../../cloudfunctions/lib/return-visits';
import { _, db } from '../../cloudfunctions/lib/cloud';
import type { Collection } from '../../cloudfunctions/lib/database';
import { openHarness, PEOPLE, type Harness } from './harness';
import { HH, keyHousehold } from './visits.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());
afterEach(() => jest.restoreAllMocks());

const household = (id: string) => h.local.db.store.get('keyHouseholds', id) as unknown as KeyHousehold;

/** A household demand handled by the community and resolved, so that it owes a return visit. */
async function resolvedDemand(householdId: string): Promise<string> {
  const d = await h.ok(PEOPLE.staff, 'dispatch', 'submit', { category: 'facilities', text: '水龙头漏水', householdId, onBehalfOf: PEOPLE.resident });
  await h.ok(PEOPLE.staff, 'dispatch', 'handle', { id: d._id });
  return d._id;
}

/**
 * Makes a visit land on the household just before each of the next `times` conditional writes of
 * the return visit, as if recorded at the same moment; returns how many writes were attempted.
 */
function racingVisits(times: number): { attempts: () => number } {
  const collection = db.collection.bind(db);
  let attempts = 0;
  jest.spyOn(db, 'collection').mockImplementation((name: string) => {
    const real = collection(name);
    if (name !== 'keyHouseholds') return real;
    return new Proxy(real, {
      get(target, key) {
        if (key !== 'where') return Reflect.get(target, key, target);
        return (condition: { _id: string }) => {
          const query = target.where(condition);
          return {
            async update(options: { data: object }) {
              attempts++;
              if (attempts <= times) await collection('keyHouseholds').doc(condition._id).update({ data: { version: _.inc(1), updatedAt: new Date() } });
              return query.update(options);
            },
          };
        };
      },
    }) as Collection;
  });
  return { attempts: () => attempts };
}

const owe = (demandId: string, householdId: string) =>
  h.local.invoke({ main: () => returnVisitDue({ kind: 'resolved', demandId, householdId, communityId: 'c-dongjie' }, new Date()) }, {}, 'test');

test('a visit recorded at the same moment: the return visit is owed on the next attempt', async () => {
  await keyHousehold(h, HH.a, [PEOPLE.member]);
  const id = await resolvedDemand(HH.a);
  const race = racingVisits(2);
  await owe(id, HH.a);
  expect(race.attempts()).toBe(3);
  expect(household(HH.a).returnsDue.map((r) => r.demandId)).toEqual([id]);
});

test('a household that keeps changing: after the attempts the effect fails loudly, and nothing is half-written', async () => {
  await keyHousehold(h, HH.b, [PEOPLE.member]);
  const id = await resolvedDemand(HH.b);
  const race = racingVisits(Number.POSITIVE_INFINITY);
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  await expect(owe(id, HH.b)).rejects.toThrow(`return visit for demand ${id} not recorded: household ${HH.b} kept changing`);
  expect(race.attempts()).toBe(ATTEMPTS);
  expect(household(HH.b).returnsDue).toEqual([]);
  error.mockRestore();
});

test('as a step effect, the loud failure reaches the caller as INTERNAL (logged), not as success', async () => {
  await keyHousehold(h, HH.c, [PEOPLE.member]);
  const id = await resolvedDemand(HH.c);
  racingVisits(Number.POSITIVE_INFINITY);
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const res = await h.call(PEOPLE.staff, 'dispatch', 'complete', { id, notes: '已修好' });
  expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  expect(error).toHaveBeenCalledWith('[dispatch.complete]', expect.objectContaining({ message: expect.stringContaining('kept changing') }));
  error.mockRestore();
});
