/** The local cloud's HTTP contract, which the H5 app, the e2e tests and the benchmark rely on. */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import * as org from '../../cloudfunctions/org/index';
import { startServer } from '../../local/server';
import { tempDir } from './helpers';

let server: http.Server;
let base: string;

beforeAll(async () => {
  const web = tempDir('jinlin-web-');
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>近邻</title>');
  const started = await startServer({ port: 0, host: '127.0.0.1', dataDir: tempDir(), webDir: web, functionsDir: '', functions: { org }, seed: true });
  server = started.server;
  base = started.url.replace(/\/$/, '');
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function post(fn: string, body: unknown, openid?: string) {
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { ok: boolean; data?: any; error?: { code: string; message: string } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

test('GET / serves the H5 app, and unknown paths fall back to it (hash routing)', async () => {
  for (const p of ['/', '/some/page']) {
    const res = await fetch(base + p);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('近邻');
  }
});

test('GET /api lists org with every action and its input schema', async () => {
  const res = await (await fetch(`${base}/api`)).json();
  const actions = res.data.functions.org.actions;
  expect(Object.keys(actions)).toEqual(expect.arrayContaining(['me', 'register', 'regionTree', 'grantRole', 'listUsers', 'setElderMode']));
  expect(actions.register.input.properties.name).toMatchObject({ type: 'string', maxLength: 20 });
});

test('POST /api/org me: a demo staff openid gets their roles; no or unknown openid is refused', async () => {
  const staff = await post('org', { action: 'me' }, 'demo-staff-dongjie');
  expect(staff.body.ok).toBe(true);
  expect(staff.body.data.roles).toContainEqual({ role: 'staff', communityId: 'c-dongjie' });
  expect(Number(staff.headers.get('x-db-reads'))).toBeGreaterThan(0);

  expect((await post('org', { action: 'me' })).body.error?.code).toBe('UNAUTHENTICATED');
  const unknown = await post('org', { action: 'me' }, 'someone-new');
  expect(unknown.body.error).toMatchObject({ code: 'NOT_REGISTERED', message: expect.stringMatching(/注册/) });
});

test('concurrent callers over HTTP each see only themselves', async () => {
  const ids = ['demo-staff-dongjie', 'demo-admin', 'demo-member-zhang', 'demo-resident-wang', 'demo-liaison-renshe'];
  const results = await Promise.all(ids.map((id) => post('org', { action: 'me' }, id)));
  expect(results.map((r) => r.body.data.openid)).toEqual(ids);
});

test('malformed requests get typed errors', async () => {
  expect((await post('org', '{not json', 'demo-admin')).body.error?.code).toBe('INVALID_INPUT');
  expect((await post('org', '[1,2]', 'demo-admin')).body.error?.code).toBe('INVALID_INPUT');
  expect((await post('org', { action: 'fly' }, 'demo-admin')).body.error?.code).toBe('UNKNOWN_ACTION');
  const missing = await post('nosuchfn', { action: 'me' }, 'demo-admin');
  expect(missing.status).toBe(404);
  expect(missing.body.error?.code).toBe('UNKNOWN_ACTION');
});

test('GET /api/dev/users lists every demo role with a label', async () => {
  const res = await (await fetch(`${base}/api/dev/users`)).json();
  const roles = new Set(res.data.flatMap((u: { roles: { role: string }[] }) => u.roles.map((r) => r.role)));
  for (const role of ['resident', 'member', 'liaison', 'staff', 'gridWorker', 'secretary', 'admin']) expect(roles).toContain(role);
  expect(res.data[0]).toMatchObject({ openid: expect.any(String), label: expect.any(String) });
});

test('files outside local storage cannot be read', async () => {
  const res = await fetch(`${base}/files/..%2F..%2Fetc%2Fpasswd`);
  expect(res.status).toBe(404);
});
