/** Planning rows against what exists, by natural keys: create, change, unchanged, or a reason. */
import { newRun, planRow, remember, World, type WorldData } from '../../cloudfunctions/core/import-plan';
import type { ImportRecord, RegionRecord } from '../../cloudfunctions/core/import-rows';
import type { ImportedRegion } from '../../types/imports';

const NOW = new Date('2026-11-20T10:00:00+08:00');
const ctx = { importId: 'imp1', now: NOW, by: { openid: 'demo-admin', name: '林海' } };
const r = (_id: string, level: ImportedRegion['level'], name: string, path: string[], code?: string): ImportedRegion => ({
  _id, level, name, parentId: path.at(-1) ?? null, path, depth: path.length, ...(code ? { divisionCode: code } : {}),
});

function world(extra: Partial<WorldData> = {}): World {
  return new World({
    regions: [
      r('cty', 'county', '青山县', []),
      r('t1', 'town', '城关镇', ['cty'], '350622103000'),
      r('c1', 'community', '东街社区', ['cty', 't1'], '350622103001'),
      r('c2', 'community', '西门社区', ['cty', 't1']),
    ],
    households: [], units: [{ _id: 'u1', name: '县人社局', description: '就业' }], pairings: [], users: [{ _id: 'o1', name: '王秀英', phone: '13800001001', roles: [{ role: 'resident' }], communityId: 'c1' }],
    pending: [], keys: [], care: [],
    ...extra,
  });
}

const region = (town: [string, string | null], community: [string, string | null], rest: Partial<RegionRecord> = {}): RegionRecord => ({
  sheet: 'regions', row: 2, county: null, town: { name: town[0], code: town[1] }, community: { name: community[0], code: community[1] }, estate: null, building: null, room: null, ...rest,
});

const plan = (w: World, rec: ImportRecord, run = newRun()) => planRow(w, rec, run, ctx);

describe('towns and communities by division code, else by name under their parent', () => {
  it.each([
    ['known by code', region(['城关镇', '350622103000'], ['东街社区', '350622103001']), 'unchanged'],
    ['known by name (no code given)', region(['城关镇', null], ['西门社区', null]), 'unchanged'],
    ['renamed: the code is the key', region(['城关镇', '350622103000'], ['东街新社区', '350622103001']), 'change'],
    ['a code for one that had none', region(['城关镇', null], ['西门社区', '350622103002']), 'change'],
    ['new under a known town', region(['城关镇', null], ['南山社区', '350622103003']), 'create'],
  ] as const)('%s → %s', (_label, rec, outcome) => {
    expect(plan(world(), rec)).toMatchObject({ ok: true, outcome });
  });

  it('a new coded community gets rg-<code> as its id, the seed\'s shape and its code', () => {
    const p = plan(world(), region(['城关镇', null], ['南山社区', '350622103003']));
    expect(p.ok && p.writes).toEqual([{ op: 'set', coll: 'regions', doc: { _id: 'rg-350622103003', level: 'community', name: '南山社区', parentId: 't1', path: ['cty', 't1'], depth: 2, divisionCode: '350622103003' } }]);
  });

  it.each([
    ['a code that names a town, given for a community', region(['城关镇', null], ['东街社区', '350622103000']), '社区代码'],
    ['a known name with another code', region(['城关镇', '350622109000'], ['东街社区', null]), '镇街代码'],
  ])('%s → refused on %s', (_label, rec, column) => {
    const p = plan(world(), rec);
    expect(p).toMatchObject({ ok: false, problem: { column } });
  });

  it('the same household twice in a file: the second is refused with the first row', () => {
    const w = world();
    const run = newRun();
    const rec = region(['城关镇', null], ['东街社区', null], { estate: '幸福小区', building: '幸福小区1号楼', room: '101' });
    const first = plan(w, rec, run);
    expect(first).toMatchObject({ ok: true, outcome: 'create' });
    if (first.ok) remember(w, first.writes);
    expect(plan(w, { ...rec, row: 9 }, run)).toMatchObject({ ok: false, problem: { column: '房号', reason: expect.stringMatching(/与第 2 行是同一户/) } });
    // Planned again after it was written (a second import): nothing to do.
    expect(plan(w, rec)).toMatchObject({ ok: true, outcome: 'unchanged', writes: [] });
  });
});

describe('people by phone', () => {
  const person = (phone: string, role: 'member' | 'gridWorker', extra: object = {}): ImportRecord => ({
    sheet: 'people', row: 3, name: '王秀英', phone, role, unit: role === 'member' ? '县人社局' : null, community: role === 'gridWorker' ? { name: '东街社区' } : null, ...extra,
  });

  it('someone in the app gets the role directly; held already → unchanged', () => {
    const w = world();
    const p = plan(w, person('13800001001', 'gridWorker'));
    expect(p).toMatchObject({ ok: true, outcome: 'change', writes: [{ op: 'grant', id: 'o1', grant: { role: 'gridWorker', communityId: 'c1' } }] });
    if (p.ok) remember(w, p.writes);
    expect(plan(w, person('13800001001', 'gridWorker'))).toMatchObject({ ok: true, outcome: 'unchanged' });
  });

  it('someone not in the app yet: a pending grant by phone, then more roles join it', () => {
    const w = world();
    const p = plan(w, person('13900000001', 'member'));
    expect(p).toMatchObject({ ok: true, outcome: 'create', writes: [{ coll: 'pendingGrants', doc: { _id: '13900000001', grants: [{ role: 'member', unitId: 'u1' }], claimedBy: null, source: { kind: 'import', importId: 'imp1', sheet: 'people', row: 3 } } }] });
    if (p.ok) remember(w, p.writes);
    expect(plan(w, person('13900000001', 'gridWorker'))).toMatchObject({ ok: true, outcome: 'change', writes: [{ op: 'update', fields: { grants: [{ role: 'member', unitId: 'u1' }, { role: 'gridWorker', communityId: 'c1' }] } }] });
  });

  it('an unknown unit and a community of an ambiguous name are refused', () => {
    expect(plan(world(), person('13900000001', 'member', { unit: '县不存在局' }))).toMatchObject({ ok: false, problem: { column: '单位' } });
    const twice = world({ regions: [r('cty', 'county', '青山县', []), r('t1', 'town', '城关镇', ['cty']), r('t2', 'town', '城南街道', ['cty']), r('a', 'community', '新村', ['cty', 't1']), r('b', 'community', '新村', ['cty', 't2'])] });
    expect(plan(twice, person('13900000001', 'gridWorker', { community: { name: '新村' } }))).toMatchObject({ ok: false, problem: { column: '社区', reason: expect.stringMatching(/请改填 12 位社区代码/) } });
  });
});

describe('an empty deploy', () => {
  it('needs the county named once; then the county is created with the row', () => {
    const empty = new World({ regions: [], households: [], units: [], pairings: [], users: [], pending: [], keys: [], care: [] });
    expect(plan(empty, region(['城关镇', null], ['东街社区', null]))).toMatchObject({ ok: false, problem: { column: '县' } });
    const p = plan(empty, { ...region(['城关镇', '350622103000'], ['东街社区', '350622103001']), county: '青山县' });
    expect(p.ok && p.writes.map((x) => x.op === 'set' && (x.doc as ImportedRegion).level)).toEqual(['county', 'town', 'community']);
  });
});
