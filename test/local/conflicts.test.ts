/**
 * Transaction conflicts as live CloudBase sends them, injected into the local cloud's database:
 * a write inside the callback answers `[ResourceUnavailable.TransactionConflict] …` (wx-server-sdk
 * wraps it as -501001, not retried by the SDK), a commit answers the raw
 * `{ code: DATABASE_TRANSACTION_CONFLICT }` (retried once by the SDK). The product's one retry
 * policy (lib/retry `inTransaction`) must retry both in the points ledger, the visits
 * transactions and org's role grant, write once, and refuse with CONFLICT when every attempt loses.
 */
import { LIVE_CONFLICT_MESSAGE } from '../../local/db/backend';
import { openHarness, PEOPLE, snapshot, type Harness } from '../functions/harness';
import { HH, keyHousehold } from '../functions/visits.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

const WRITES = ['database.insertDocument', 'database.modifyDocument', 'database.removeDocument'];

/**
 * Makes the next `count` transactional writes (or commits) fail with a live conflict; the write is
 * not applied, and a refused commit ends its transaction, as live. Returns how many were injected.
 */
function injectConflicts(count: number, at: 'write' | 'commit'): { injected: () => number } {
  const db = h.local.db;
  const real = db.handle.bind(db);
  let injected = 0;
  db.handle = (api, p = {}) => {
    const hit = at === 'write' ? typeof p.transactionId === 'string' && WRITES.includes(api) : api === 'database.commitTransaction';
    if (!hit || injected >= count) return real(api, p);
    injected++;
    if (at === 'commit') real('database.abortTransaction', p);
    return { requestId: `conflict-${injected}`, code: 'DATABASE_TRANSACTION_CONFLICT', message: LIVE_CONFLICT_MESSAGE };
  };
  return { injected: () => injected };
}

afterEach(() => {
  // Back to the class's own method.
  delete (h.local.db as unknown as Record<string, unknown>).handle;
});

const entriesOf = (openid: string) => h.local.db.store.all('pointLedger').filter((e) => e.openid === openid);

describe.each(['write', 'commit'] as const)('a conflict at a %s is retried', (at) => {
  test('lib/ledger: a points award posts exactly one entry', async () => {
    const before = entriesOf(PEOPLE.member).length;
    const { injected } = injectConflicts(3, at);
    const entry = await h.ok(PEOPLE.staff, 'points', 'award', { openid: PEOPLE.member, points: 7, reason: `冲突重试 ${at}` });
    expect(injected()).toBe(3);
    expect(entry).toMatchObject({ points: 7 });
    expect(entriesOf(PEOPLE.member)).toHaveLength(before + 1);
  });

  test('visits: marking a key household and recording a visit each save once', async () => {
    const household = at === 'write' ? HH.b : HH.c;
    const marking = injectConflicts(2, at);
    await keyHousehold(h, household, [PEOPLE.member]);
    expect(marking.injected()).toBe(2);
    delete (h.local.db as unknown as Record<string, unknown>).handle;

    const visitsBefore = h.local.db.store.all('visits').length;
    const recording = injectConflicts(3, at);
    const visit = await h.ok(PEOPLE.member, 'visits', 'recordVisit', { householdId: household, method: 'door', outcome: 'contact', wellbeing: 'good' });
    expect(recording.injected()).toBe(3);
    expect(visit.household.dueStatus).toBe('notDue');
    expect(h.local.db.store.all('visits')).toHaveLength(visitsBefore + 1);
  });

  test('org/roles: a grant lands once', async () => {
    const [openid, communityId] = at === 'write' ? [PEOPLE.resident, 'c-dongjie'] : [PEOPLE.residentXimen, 'c-ximen'];
    const { injected } = injectConflicts(3, at);
    await h.ok(PEOPLE.admin, 'org', 'grantRole', { openid, role: 'gridWorker', communityId });
    expect(injected()).toBe(3);
    const user = h.local.db.store.get('users', openid) as unknown as { roles: { role: string; communityId?: string }[] };
    expect(user.roles.filter((r) => r.role === 'gridWorker' && r.communityId === communityId)).toHaveLength(1);
  });
});

test('when every attempt conflicts the answer is CONFLICT, not INTERNAL, and nothing is written', async () => {
  const before = snapshot(h.local);
  injectConflicts(1000, 'write');
  const res = await h.call(PEOPLE.staff, 'points', 'award', { openid: PEOPLE.member, points: 3, reason: '一直冲突' });
  expect(res).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.any(String) } });
  expect(snapshot(h.local)).toBe(before);
});
