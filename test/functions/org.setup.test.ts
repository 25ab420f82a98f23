/**
 * 初始化 from an empty deploy: the setup code (JINLIN_SETUP_CODE) makes the first registered
 * person who enters it admin, exactly once — under 20 concurrent attempts exactly one caller wins
 * — and never again, even while the variable stays set. Wrong codes are refused and limited.
 */
import type { AuditEntry, SetupRecord } from '../../types/admin';
import type { User } from '../../types/domain';
import type { Envelope } from '../../types/errors';
import type { FunctionModule, LocalCloud } from '../../local/runtime';
import { db } from '../../cloudfunctions/lib/cloud';
import { openTestCloud } from '../local/helpers';
import { snapshot } from './harness';

const CODE = 'JL-first-admin-2026';

let local: LocalCloud;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const load = (): FunctionModule => require('../../cloudfunctions/org/index');

async function call(openid: string, action: string, payload: Record<string, unknown> = {}, fn = load()): Promise<Envelope<Record<string, unknown>>> {
  return (await local.invoke(fn, { action, ...payload }, openid)).result as Envelope<Record<string, unknown>>;
}

const users = () => local.db.store.all('users') as unknown as User[];
const admins = () => users().filter((u) => u.roles.some((g) => g.role === 'admin'));

beforeAll(() => {
  delete process.env.JINLIN_SETUP_CODE;
  local = openTestCloud();
});
afterAll(() => {
  delete process.env.JINLIN_SETUP_CODE;
  local.close();
});

describe('an empty deploy', () => {
  test('the database is empty: nobody is registered, nobody is admin', () => {
    expect(users()).toEqual([]);
  });

  test('without a configured code: me does not offer setup, and setup is refused', async () => {
    await call('first', 'register', { name: '林海' });
    const me = await call('first', 'me');
    expect(me).toMatchObject({ ok: true });
    expect((me as { data: Record<string, unknown> }).data).not.toHaveProperty('setupOpen');
    const before = snapshot(local);
    expect(await call('first', 'setup', { code: CODE })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(snapshot(local)).toBe(before);
  });

  test.each([
    ['too short', 'abc1234'],
    ['the CLI placeholder left unfilled', '{{env.JINLIN_SETUP_CODE}}'],
    ['blank', '   '],
  ])('a code %s counts as none', async (_label, value) => {
    process.env.JINLIN_SETUP_CODE = value;
    expect((await call('first', 'me')) as { data: Record<string, unknown> }).not.toHaveProperty('data.setupOpen');
    expect(await call('first', 'setup', { code: value })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(admins()).toEqual([]);
  });

  test('with a code configured and no admin: me says setupOpen', async () => {
    process.env.JINLIN_SETUP_CODE = CODE;
    expect(await call('first', 'me')).toMatchObject({ ok: true, data: { setupOpen: true } });
  });

  test('the setup record alone closes setup: the database, not the instance, remembers', async () => {
    const write = (body: () => Promise<unknown>) => local.invoke({ main: body }, {}, 'test');
    await write(() => db.collection('setup').doc('first-admin').set({ data: { openid: 'someone', name: '某人', at: new Date() } }));
    expect(await call('first', 'setup', { code: CODE })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(admins()).toEqual([]);
    await write(() => db.collection('setup').doc('first-admin').remove());
    expect(await call('first', 'me')).toMatchObject({ ok: true, data: { setupOpen: true } });
  });

  test('an unregistered caller must register first', async () => {
    expect(await call('nobody', 'setup', { code: CODE })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  });
});

describe('wrong codes', () => {
  test('a wrong code is refused with a Chinese message and makes nobody admin', async () => {
    await call('guesser', 'register', { name: '猜码人' });
    const res = await call('guesser', 'setup', { code: 'wrong-code' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '设置码不正确' } });
    expect(admins()).toEqual([]);
  });

  test('five tries an hour: the sixth is refused even with the right code, and changes nothing', async () => {
    for (let i = 2; i <= 5; i++) expect(await call('guesser', 'setup', { code: `wrong-${i}` })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const before = snapshot(local);
    const res = await call('guesser', 'setup', { code: CODE });
    expect(res).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    if (!res.ok) expect(res.error.message).toMatch(/分钟后再试/);
    expect(snapshot(local)).toBe(before);
    expect(admins()).toEqual([]);
  });

  test('concurrent wrong tries by one person are counted one by one: never more than five pass', async () => {
    await call('racer', 'register', { name: '抢码人' });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => call('racer', 'setup', { code: `bad-${i}` })));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes.filter((c) => c === 'FORBIDDEN')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(7);
  });

  test('the guesser is limited, not everyone: another person may still try', async () => {
    expect(await call('first', 'setup', { code: 'nope' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('the right code, once', () => {
  const contenders = Array.from({ length: 20 }, (_, i) => `contender-${i}`);

  test('20 registered people enter the right code at once: exactly one becomes admin', async () => {
    for (const [i, openid] of contenders.entries()) await call(openid, 'register', { name: `候选${i}` });
    const results = await Promise.all(contenders.map((openid) => call(openid, 'setup', { code: ` ${CODE} ` })));
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(admins()).toHaveLength(1);
    const admin = admins()[0];
    expect(winners[0]).toMatchObject({ ok: true, data: { openid: admin._id } });
    expect(admin.roles).toEqual([{ role: 'resident' }, { role: 'admin' }]);
    const record = local.db.store.get('setup', 'first-admin') as unknown as SetupRecord;
    expect(record).toMatchObject({ openid: admin._id, name: admin.name });
    const audit = local.db.store.all('auditLog') as unknown as AuditEntry[];
    expect(audit.filter((e) => e.action === 'setup')).toEqual([
      expect.objectContaining({ actor: { openid: admin._id, name: admin.name }, target: expect.objectContaining({ kind: 'setup' }), after: { roles: admin.roles } }),
    ]);
  });

  test('afterwards the code never works again, and me no longer offers setup', async () => {
    await call('latecomer', 'register', { name: '后来者' });
    const before = snapshot(local);
    expect(await call('latecomer', 'setup', { code: CODE })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const me = await call('latecomer', 'me');
    expect((me as { data: Record<string, unknown> }).data).not.toHaveProperty('setupOpen');
    expect(snapshot(local)).toBe(before);
  });

  test('the first admin can now grant roles: the county can start', async () => {
    const admin = admins()[0];
    const res = await call(admin._id, 'grantRole', { openid: 'latecomer', role: 'admin' });
    expect(res).toMatchObject({ ok: true });
    expect(admins()).toHaveLength(2);
  });
});
