/** Only the county admin imports: every action of `imports` refuses everyone else, before reading anything. */
import { openHarness, PEOPLE, type Harness } from './harness';
import { dryRun, writeWorkbook, COUNTY } from './imports.fixtures';

let h: Harness;
let importId = '';
beforeAll(async () => {
  h = await openHarness();
  importId = (await dryRun(h, await writeWorkbook(COUNTY))).importId;
});
afterAll(() => h.close());

const NOT_ADMIN = [PEOPLE.resident, PEOPLE.member, PEOPLE.liaison, PEOPLE.staff, PEOPLE.gridWorker, PEOPLE.secretary];

describe.each(NOT_ADMIN)('%s', (openid) => {
  it.each([
    ['template', {}],
    ['upload', { base64: 'UEsDBAoAAAAAAA==' }],
    ['dryRun', { fileId: `cloud://local/imports/${PEOPLE.admin}/x.xlsx` }],
    ['apply', { importId: '' }],
    ['status', { importId: '' }],
  ] as const)('%s → FORBIDDEN', async (action, payload) => {
    const res = await h.call(openid, 'imports', action, action === 'apply' || action === 'status' ? { importId } : payload);
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '只有县委组织部可以导入组织架构' } });
  });
});

it('an unregistered caller is NOT_REGISTERED, and nothing was applied by the refused calls', async () => {
  expect(await h.call('stranger', 'imports', 'template', {})).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  expect(await h.ok(PEOPLE.admin, 'imports', 'status', { importId })).toMatchObject({ status: 'planned', done: 0, calls: 0 });
});

it('an unknown import is NOT_FOUND; fields beyond the schema are INVALID_INPUT', async () => {
  expect(await h.call(PEOPLE.admin, 'imports', 'apply', { importId: 'nosuch' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await h.call(PEOPLE.admin, 'imports', 'apply', { importId, budgetMs: 1 } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
});
