/**
 * A county from an empty deploy, over the local cloud's HTTP API as the app would drive it: with
 * seeding off (JINLIN_SEED=0) the database is empty; the setup code from the server's own
 * environment reaches the org function; the first admin builds the tree and hands a role over by
 * invitation, and a resident binds to a building from its 楼栋码.
 */
import type http from 'node:http';
import * as org from '../../cloudfunctions/org/index';
import type { LocalCloud } from '../../local/runtime';
import { startServer } from '../../local/server';
import { tempDir } from './helpers';

let server: http.Server;
let base: string;
let local: LocalCloud;

beforeAll(async () => {
  process.env.JINLIN_SETUP_CODE = 'qingshan-setup-0001';
  const started = await startServer({ port: 0, host: '127.0.0.1', dataDir: tempDir(), webDir: tempDir('jinlin-web-'), functionsDir: '', functions: { org }, seed: false });
  server = started.server;
  local = started.local;
  base = started.url.replace(/\/$/, '');
});
afterAll(async () => {
  delete process.env.JINLIN_SETUP_CODE;
  await new Promise<void>((r) => server.close(() => r()));
  local.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function post(openid: string, action: string, payload: Record<string, unknown> = {}): Promise<any> {
  const res = await fetch(`${base}/api/org`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify({ action, ...payload }) });
  const body = await res.json();
  if (!body.ok) throw new Error(`${action} as ${openid}: ${body.error.code} ${body.error.message}`);
  return body.data;
}

test('empty → setup → region tree → invitation → a community worker; a resident binds by 楼栋码', async () => {
  for (const c of local.db.store.collectionNames()) expect(local.db.store.all(c)).toEqual([]);

  await post('lin', 'register', { name: '林海', phone: '13800000001' });
  expect(await post('lin', 'me')).toMatchObject({ setupOpen: true, roles: [{ role: 'resident' }] });
  expect((await post('lin', 'setup', { code: 'qingshan-setup-0001' })).roles).toContainEqual({ role: 'admin' });
  expect(await post('lin', 'me')).not.toHaveProperty('setupOpen');

  const county = await post('lin', 'addRegion', { name: '青山县', divisionCode: '350100000000' });
  await expect(post('lin', 'addRegion', { name: '另一个县' })).rejects.toThrow(/CONFLICT/);
  const town = await post('lin', 'addRegion', { parentId: county._id, name: '城关镇', divisionCode: '350100100000' });
  const community = await post('lin', 'addRegion', { parentId: town._id, name: '东街社区', divisionCode: '350100100001' });
  const estate = await post('lin', 'addRegion', { parentId: community._id, name: '幸福小区' });
  const building = await post('lin', 'addRegion', { parentId: estate._id, name: '幸福小区1号楼' });
  await post('lin', 'addHousehold', { buildingId: building._id, room: '101' });
  const [tree] = await post('lin', 'regionTree');
  expect(tree.children[0].children[0].children[0].children[0]).toMatchObject({ _id: building._id, depth: 4 });

  const invitation = await post('lin', 'createInvitation', { role: 'staff', communityId: community._id, days: 7, maxUses: 3 });
  await post('zhou', 'register', { name: '周芳' });
  expect((await post('zhou', 'previewInvitation', { code: invitation.code })).scopeName).toBe('东街社区');
  expect((await post('zhou', 'acceptInvitation', { code: invitation.code })).granted).toEqual([{ role: 'staff', communityId: community._id }]);

  const poster = await post('zhou', 'buildingPoster', { communityId: community._id });
  expect(poster.buildings).toEqual([expect.objectContaining({ buildingId: building._id, scene: building._id })]);
  await post('wang', 'register', { name: '王秀英' });
  expect(await post('wang', 'previewBuilding', { buildingId: poster.buildings[0].scene })).toMatchObject({ building: '幸福小区1号楼', community: '东街社区' });
  expect((await post('wang', 'bindBuilding', { buildingId: poster.buildings[0].scene })).community).toEqual({ _id: community._id, name: '东街社区' });

  const log = await post('lin', 'auditLog', { pageSize: 50 });
  expect(log.items.map((e: { action: string }) => e.action).sort()).toEqual(
    ['acceptInvitation', 'addHousehold', 'addRegion', 'addRegion', 'addRegion', 'addRegion', 'addRegion', 'createInvitation', 'setup'].sort(),
  );
});
