/**
 * Bad input to every visits action → INVALID_INPUT (or the typed refusal named) with a Chinese
 * message, and nothing changed; then what a visit may not say or claim.
 */
import type { ErrorCode } from '../../types/errors';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';
import { FIELDS, HH, keyHousehold } from './visits.fixtures';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  await keyHousehold(h, HH.a, [PEOPLE.member]);
});
afterAll(() => h.close());

const CHINESE = /[\u4e00-\u9fa5]/;
const base = { householdId: HH.a, method: 'door', outcome: 'contact', wellbeing: 'good' } as const;
const day = 86_400_000;

// action, who, payload, why it is wrong, the code (default INVALID_INPUT)
const CASES: [string, string, Record<string, unknown>, string, ErrorCode?][] = [
  ['markKey', PEOPLE.staff, { householdId: HH.b, ...FIELDS, categories: [] }, 'no category'],
  ['markKey', PEOPLE.staff, { householdId: HH.b, ...FIELDS, categories: ['diabetes'] }, 'an uncoded category'],
  ['markKey', PEOPLE.staff, { householdId: HH.b, ...FIELDS, categories: ['disabled', 'disabled'] }, 'a category twice'],
  ['markKey', PEOPLE.staff, { householdId: HH.b, ...FIELDS, careLevel: 'daily' }, 'an unknown care level'],
  ['markKey', PEOPLE.staff, { householdId: HH.b, ...FIELDS, contactPhone: '12345' }, 'not a phone number'],
  ['markKey', PEOPLE.staff, { householdId: HH.b, ...FIELDS, notes: '很长'.repeat(51) }, 'notes over 100 characters'],
  ['recordVisit', PEOPLE.member, { ...base, notes: '很长'.repeat(101) }, 'visit notes over 200 characters'],
  ['recordVisit', PEOPLE.member, { ...base, needs: [{ category: 'other', text: '很长'.repeat(101) }] }, 'a need over 200 characters'],
  ['markKey', PEOPLE.staff, { householdId: HH.b, ...FIELDS, notes: '患有帕金森，手抖' }, 'a diagnosis in the notes'],
  ['markKey', PEOPLE.staff, { householdId: HH.b, ...FIELDS, diagnosis: '高血压' }, 'an unexpected field'],
  ['markKey', PEOPLE.staff, { householdId: 'h-nowhere', ...FIELDS }, 'a household that does not exist', 'NOT_FOUND'],
  ['markKey', PEOPLE.staff, { householdId: HH.a, ...FIELDS }, 'a household already key', 'INVALID_STATE'],
  ['updateKey', PEOPLE.staff, { householdId: HH.a }, 'nothing to change'],
  ['updateKey', PEOPLE.staff, { householdId: HH.a, contactName: '' }, 'an empty name'],
  ['unmarkKey', PEOPLE.staff, { householdId: HH.a }, 'no reason'],
  ['list', PEOPLE.staff, { scope: 'everyone' }, 'an unknown scope'],
  ['list', PEOPLE.staff, { scope: 'community', pageSize: 51 }, 'a page too large'],
  ['list', PEOPLE.staff, { scope: 'community', category: 'disabled' }, 'a category filter (lists never filter by category)'],
  ['list', PEOPLE.member, { scope: 'mine', visitorOpenid: PEOPLE.gridWorker }, 'a visitor filter on 我的包户'],
  ['detail', PEOPLE.staff, { householdId: '../etc' }, 'a malformed id'],
  ['detail', PEOPLE.staff, {}, 'no id'],
  ['pair', PEOPLE.staff, { householdId: HH.a }, 'no visitor'],
  ['coverage', PEOPLE.staff, { communityId: 'c-dongjie', month: '2026-13' }, 'no such month'],
  ['sensitiveReads', PEOPLE.secretary, { communityId: 'c-dongjie', page: 0 }, 'page 0'],
  ['recordVisit', PEOPLE.member, { ...base, method: 'letter' }, 'an unknown method'],
  ['recordVisit', PEOPLE.member, { householdId: HH.a, method: 'door', outcome: 'contact' }, 'contact without wellbeing'],
  ['recordVisit', PEOPLE.member, { ...base, outcome: 'noContact' }, '敲门未遇 with a wellbeing'],
  ['recordVisit', PEOPLE.member, { householdId: HH.a, method: 'door', outcome: 'noContact', needs: [{ category: 'other', text: '要米' }] }, 'a need without contact'],
  ['recordVisit', PEOPLE.member, { ...base, wellbeing: 'fine' }, 'an uncoded wellbeing'],
  ['recordVisit', PEOPLE.member, { ...base, at: new Date(Date.now() + 2 * 3600_000).toISOString() }, 'in the future'],
  ['recordVisit', PEOPLE.member, { ...base, at: new Date(Date.now() - 8 * day).toISOString() }, 'more than 7 days back'],
  ['recordVisit', PEOPLE.member, { ...base, at: '2026-11-01 10:00' }, 'a time without an offset'],
  ['recordVisit', PEOPLE.member, { ...base, notes: '老人有抑郁症' }, 'a diagnosis in the notes'],
  ['recordVisit', PEOPLE.member, { ...base, needs: [{ category: 'health', text: '需要透析时有人陪同' }] }, 'a diagnosis in a need'],
  ['recordVisit', PEOPLE.member, { ...base, needs: Array(4).fill({ category: 'other', text: '帮忙买米' }) }, 'more than 3 needs'],
  ['recordVisit', PEOPLE.member, { ...base, needs: [{ category: 'other' }] }, 'a need without words'],
  ['recordVisit', PEOPLE.member, { ...base, photos: ['cloud://local/demands/demo-staff-dongjie/abc.png'] }, 'someone else’s photo'],
  ['recordVisit', PEOPLE.member, { ...base, photos: ['https://example.com/a.png'] }, 'a photo that is not a cloud file'],
  ['recordVisit', PEOPLE.member, { ...base, returnForDemandId: 'no-such-demand' }, 'a return visit nobody owes', 'INVALID_STATE'],
  ['recordVisit', PEOPLE.member, { ...base, householdId: HH.c }, 'a household that is not key', 'NOT_FOUND'],
];

test.each(CASES)('%s as %s: %j (%s)', async (action, who, payload, _why, code = 'INVALID_INPUT') => {
  const before = snapshot(h.local);
  const res = await h.call(who, 'visits', action as never, payload);
  expect(res).toMatchObject({ ok: false, error: { code } });
  if (!res.ok) expect(res.error.message).toMatch(CHINESE);
  expect(snapshot(h.local)).toBe(before);
});

test('an unknown action → UNKNOWN_ACTION, nothing changed', async () => {
  const before = snapshot(h.local);
  expect(await h.raw(PEOPLE.staff, 'visits', { action: 'deleteAll' })).toMatchObject({ result: { ok: false, error: { code: 'UNKNOWN_ACTION' } } });
  expect(snapshot(h.local)).toBe(before);
});

test('a retried request (same requestId) records the visit and its demands once', async () => {
  const payload = { ...base, needs: [{ category: 'facilities' as const, text: '门锁坏了' }], requestId: 'form-7f3a' };
  const first = await h.ok(PEOPLE.member, 'visits', 'recordVisit', payload);
  const before = snapshot(h.local);
  const again = await h.ok(PEOPLE.member, 'visits', 'recordVisit', payload);
  expect(again.visit._id).toBe(first.visit._id);
  expect(again.demandIds).toEqual(first.demandIds);
  expect(snapshot(h.local)).toBe(before);
});

test('two visitors recording at the same moment are both recorded, counted once each', async () => {
  await h.ok(PEOPLE.staff, 'visits', 'pair', { householdId: HH.a, visitorOpenid: PEOPLE.gridWorker });
  const before = h.local.db.store.all('visits').length;
  const [a, b] = await Promise.all([
    h.call(PEOPLE.member, 'visits', 'recordVisit', base),
    h.call(PEOPLE.gridWorker, 'visits', 'recordVisit', { ...base, method: 'phone' }),
  ]);
  expect([a.ok, b.ok]).toEqual([true, true]);
  expect(h.local.db.store.all('visits').length).toBe(before + 2);
});
