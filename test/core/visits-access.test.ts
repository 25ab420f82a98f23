/**
 * Who sees and does what with a key household, as a table of readers; coverage arithmetic on a
 * hand-made counter document; the no-diagnosis rule for free text.
 */
import { allowedActions, canReadCoverage, canReadLog, canRecordVisit, canSeeHousehold, careAccess, visitorKind, type Caller } from '../../cloudfunctions/core/visits-access';
import { coverageOf, newCoverageDoc, visitCoverageChange, type CoverageDoc } from '../../cloudfunctions/core/visits-coverage';
import { diagnosisTerm } from '../../cloudfunctions/core/visits-text';
import type { KeyHousehold } from '../../types/visits';

const C = 'c-dongjie';
const household = (active = true): Pick<KeyHousehold, 'communityId' | 'visitors' | 'active'> => ({
  communityId: C,
  active,
  visitors: [{ openid: 'paired', name: '张伟', kind: 'member', since: '2026-11-01' }],
});

const READERS: Record<string, Caller> = {
  paired: { openid: 'paired', roles: [{ role: 'resident' }, { role: 'member', unitId: 'u1' }] },
  unpairedMember: { openid: 'm2', roles: [{ role: 'member', unitId: 'u1' }] },
  resident: { openid: 'r', roles: [{ role: 'resident' }] },
  staff: { openid: 's', roles: [{ role: 'staff', communityId: C }] },
  gridWorker: { openid: 'g', roles: [{ role: 'gridWorker', communityId: C }] },
  secretary: { openid: 'sec', roles: [{ role: 'secretary', communityId: C }] },
  otherStaff: { openid: 's2', roles: [{ role: 'staff', communityId: 'c-ximen' }] },
  otherSecretary: { openid: 'sec2', roles: [{ role: 'secretary', communityId: 'c-ximen' }] },
  liaison: { openid: 'l', roles: [{ role: 'liaison', unitId: 'u1' }] },
  admin: { openid: 'a', roles: [{ role: 'admin' }] },
};

// reader, sensitive access (and why), sees the household, records visits, coverage, read log, actions
const TABLE: [string, string | null, boolean, boolean, boolean, boolean, string[]][] = [
  ['paired', 'visitor', true, true, false, false, ['recordVisit']],
  ['unpairedMember', null, false, false, false, false, []],
  ['resident', null, false, false, false, false, []],
  ['staff', 'staff', true, true, true, false, ['recordVisit', 'updateKey', 'unmarkKey', 'pair', 'unpair']],
  ['gridWorker', 'gridWorker', true, true, true, false, ['recordVisit', 'updateKey', 'unmarkKey', 'pair', 'unpair']],
  ['secretary', 'secretary', true, true, true, true, ['recordVisit', 'secretaryVisit', 'updateKey', 'unmarkKey', 'pair', 'unpair']],
  ['otherStaff', null, false, false, false, false, []],
  ['otherSecretary', null, false, false, false, false, []],
  ['liaison', null, false, false, false, false, []],
  ['admin', null, true, false, true, false, []],
];

test.each(TABLE)('%s: sensitive %s, sees %s, records %s, coverage %s, log %s, actions %j', (reader, access, sees, records, coverage, log, actions) => {
  const c = READERS[reader];
  expect(careAccess(household(), c)).toBe(access);
  expect(canSeeHousehold(household(), c)).toBe(sees);
  expect(canRecordVisit(household(), c)).toBe(records);
  expect(canReadCoverage(c.roles, C)).toBe(coverage);
  expect(canReadLog(c.roles, C)).toBe(log);
  expect(allowedActions(household(), c)).toEqual(actions);
});

test('an unmarked household takes no visits and offers no actions; its staff still see it', () => {
  expect(canRecordVisit(household(false), READERS.paired)).toBe(false);
  expect(allowedActions(household(false), READERS.staff)).toEqual([]);
  expect(careAccess(household(false), READERS.staff)).toBe('staff');
});

describe('who may be paired with a household of 东街社区', () => {
  test.each([
    ['a grid worker of 东街', { roles: [{ role: 'gridWorker' as const, communityId: C }], communityId: null }, [], 'gridWorker'],
    ['a member living in 东街', { roles: [{ role: 'member' as const, unitId: 'u9' }], communityId: C }, [], 'member'],
    ['a member of a paired unit living elsewhere', { roles: [{ role: 'member' as const, unitId: 'u1' }], communityId: 'c-ximen' }, ['u1'], 'member'],
    ['a member of an unpaired unit living elsewhere', { roles: [{ role: 'member' as const, unitId: 'u2' }], communityId: 'c-ximen' }, ['u1'], null],
    ['a resident of 东街', { roles: [{ role: 'resident' as const }], communityId: C }, ['u1'], null],
    ['staff of 西门', { roles: [{ role: 'staff' as const, communityId: 'c-ximen' }], communityId: 'c-ximen' }, ['u1'], null],
  ])('%s → %s', (_label, p, units, kind) => {
    expect(visitorKind({ openid: 'x', ...p }, C, units as string[])).toBe(kind);
  });
});

describe('coverage arithmetic', () => {
  // Five active households h1..h5; h6 was unmarked after a visit this month.
  const doc: CoverageDoc = {
    _id: 'c-dongjie_2026-11',
    communityId: C,
    month: '2026-11',
    visits: 9,
    contacts: 6,
    noContacts: 3,
    secretaryVisits: 1,
    returnVisits: 1,
    needsFound: 2,
    visited: { h1: true, h2: true, h3: true, h6: true },
    covered: { h1: true, h2: true, h6: true },
    byVisitor: { a: { name: '张伟', visits: 4, contacts: 3 }, b: { name: '吴强', visits: 5, contacts: 3 } },
  };
  test('covered ÷ active households; an unmarked household leaves numerator and denominator', () => {
    const c = coverageOf(doc, C, '2026-11', ['h1', 'h2', 'h3', 'h4', 'h5'], 2);
    expect(c).toMatchObject({ keyHouseholds: 5, coveredHouseholds: 2, visitedHouseholds: 3, coverageRate: 0.4, overdueNow: 2, visits: 9, contacts: 6, noContacts: 3 });
    expect(c.byVisitor).toEqual([
      { openid: 'b', name: '吴强', visits: 5, contacts: 3 },
      { openid: 'a', name: '张伟', visits: 4, contacts: 3 },
    ]);
  });
  test('no key households: no rate rather than a division by zero; no document: zeros', () => {
    expect(coverageOf(null, C, '2026-11', [], 0)).toMatchObject({ keyHouseholds: 0, coverageRate: null, visits: 0, byVisitor: [] });
  });
  test('a visit adds its counts; only an on-time contact covers, 敲门未遇 only counts as a visit', () => {
    const late = visitCoverageChange({ householdId: 'h1', visitor: { openid: 'a', name: '张伟' }, outcome: 'contact', secretaryVisit: false, returnForDemandId: null, needs: [], onTime: false });
    expect(late.sets).toEqual({ 'byVisitor.a.name': '张伟', 'visited.h1': true });
    const miss = visitCoverageChange({ householdId: 'h1', visitor: { openid: 'a', name: '张伟' }, outcome: 'noContact', secretaryVisit: true, returnForDemandId: null, needs: [], onTime: null });
    expect(miss.incs).toEqual({ visits: 1, noContacts: 1, 'byVisitor.a.visits': 1, 'byVisitor.a.contacts': 0, secretaryVisits: 1 });
    const first = newCoverageDoc(C, '2026-11', late);
    expect(first).toMatchObject({ visits: 1, contacts: 1, visited: { h1: true }, covered: {}, byVisitor: { a: { name: '张伟', visits: 1, contacts: 1 } } });
  });
});

describe('no free-text diagnoses', () => {
  test.each([
    ['耳背，敲门要用力', null],
    ['需要有人陪同去医院复查', null],
    ['确诊肺癌晚期', '确诊'],
    ['有糖尿病，需要控制饮食', '糖尿病'],
    ['hiv阳性', 'HIV'],
    ['二级残疾，行动不便', '二级残疾'],
  ])('%s → %s', (text, term) => {
    expect(diagnosisTerm(text)).toBe(term);
  });
});
