/** The local cloud's HTTP contract, which the H5 app, the e2e tests and the benchmark rely on. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as org from '../../cloudfunctions/org/index';
import { startServer } from '../../local/server';
import { tempDir } from './helpers';

let server: http.Server;
/** A chunk as webpack writes it: repetitive text that compresses well. */
const APP_JS = 'console.log("近邻");\n'.repeat(2000);
let base: string;

beforeAll(async () => {
  const web = tempDir('jinlin-web-');
  fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>近邻</title>');
  fs.mkdirSync(path.join(web, 'js'));
  fs.writeFileSync(path.join(web, 'js', 'app.0123abcd.js'), APP_JS);
  fs.copyFileSync(path.join(__dirname, '../../src/assets/favicon.ico'), path.join(web, 'favicon.ico'));
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

test('hashed assets are compressed for browsers that accept it and cached for a year; the page is revalidated', async () => {
  const raw = await fetch(`${base}/js/app.0123abcd.js`, { headers: { 'accept-encoding': 'identity' } });
  expect(raw.headers.get('content-encoding')).toBeNull();
  expect(await raw.text()).toBe(APP_JS);
  for (const [accept, encoding] of [['gzip, deflate, br', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip']] as const) {
    // Node's fetch decodes the body itself, so the bytes on the wire are read with http.get.
    const wire = await new Promise<{ headers: http.IncomingHttpHeaders; bytes: number }>((resolve, reject) => {
      http.get(`${base}/js/app.0123abcd.js`, { headers: { 'accept-encoding': accept } }, (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length)).on('end', () => resolve({ headers: res.headers, bytes })).on('error', reject);
      }).on('error', reject);
    });
    expect(wire.headers['content-encoding']).toBe(encoding);
    expect(wire.headers.vary).toBe('Accept-Encoding');
    expect(wire.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(wire.bytes).toBeLessThan(Buffer.byteLength(APP_JS) / 10);
  }
  const page = await fetch(`${base}/`);
  expect(page.headers.get('cache-control')).toBe('no-cache');
  const again = await fetch(`${base}/`, { headers: { 'if-none-match': page.headers.get('etag')! } });
  expect(again.status).toBe(304);
});

test('/favicon.ico is an icon, and a missing file is a 404 rather than the page', async () => {
  const icon = await fetch(`${base}/favicon.ico`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get('content-type')).toBe('image/x-icon');
  expect(Buffer.from(await icon.arrayBuffer()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  for (const p of ['/js/gone.deadbeef.js', '/robots.txt']) {
    const res = await fetch(base + p);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('近邻');
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

/** A request exactly as written (fetch would normalise the path), answered or failed. */
function rawRequest(method: string, p: string, body?: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/`, { method, path: p, headers: body ? { 'content-type': 'application/json', 'content-length': body.length } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res.headers['content-type']?.includes('json') ? JSON.parse(text) : text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile requests get a typed envelope, never a 500 or a reset', () => {
  test('function names are own keys only: constructor, toString, __proto__ … → 404 UNKNOWN_ACTION', async () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf', '__defineGetter__']) {
      const res = await rawRequest('POST', `/api/${name}`, Buffer.from('{"action":"me"}'));
      expect([name, res.status]).toEqual([name, 404]);
      expect(res.body).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: expect.stringMatching(/^没有这个(云函数|接口)$/) } });
    }
    const long = await rawRequest('POST', `/api/${'a'.repeat(5000)}`, Buffer.from('{}'));
    expect(long.status).toBe(404);
    expect(JSON.stringify(long.body).length).toBeLessThan(200);
  });

  test('a malformed percent-encoding in any path → 400 INVALID_INPUT', async () => {
    for (const p of ['/%', '/api/%E0%A4%A', '/files/%zz', '/%C0%AF', '/api/org%']) {
      const res = await rawRequest(p.startsWith('/api') ? 'POST' : 'GET', p, Buffer.from('{}'));
      expect([p, res.status]).toEqual([p, 400]);
      expect(res.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求地址的编码不正确' } });
    }
  });

  test('a body over 2 MiB → 413 PAYLOAD_TOO_LARGE, answered in full and the connection closed', async () => {
    const big = Buffer.from(JSON.stringify({ action: 'me', text: 'x'.repeat(3 * 1024 * 1024) }));
    const res = await rawRequest('POST', '/api/org', big);
    expect(res.status).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(res.body).toEqual({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/过大/) } });
    // The server still answers afterwards.
    expect((await post('org', { action: 'me' }, 'demo-admin')).body.ok).toBe(true);
  });

  test('non-JSON, non-object, deep and huge-key bodies → INVALID_INPUT with a short message', async () => {
    for (const body of ['', '{', 'null', '"me"', '42', '\u0000', '{"action":"me"', '\xff\xfe']) {
      const res = await post('org', body || '   ', 'demo-admin');
      expect([body, res.status, res.body.error?.code]).toEqual([body, 200, 'INVALID_INPUT']);
    }
    const deep = '{"action":"me","a":' + '{"a":'.repeat(3500) + '1' + '}'.repeat(3500) + '}';
    const d = await post('org', deep, 'demo-admin');
    expect(d.body).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/层级过深/) } });
    const key = await post('org', { action: 'me', ['k'.repeat(100_000)]: 1, '<img src=x onerror=alert(1)>': 2 }, 'demo-admin');
    expect(key.body.error?.code).toBe('INVALID_INPUT');
    expect(key.body.error!.message.length).toBeLessThan(80);
    expect(key.body.error!.message).not.toMatch(/[<>]/);
  });
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
