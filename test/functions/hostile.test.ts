/**
 * Hostile input at every function: over a thousand generated bad events each (deep, huge,
 * prototype names, operator injection, lone surrogates, wrong types, over-long strings, markup
 * and giant field names), through the router and a sample through the local cloud's HTTP API.
 * Every answer is a typed refusal — never INTERNAL, never a 5xx — that quotes nothing long and no
 * markup, and the database is exactly as it was. Generated from a fixed seed, so a failure repeats.
 */
import type http from 'node:http';
import * as dispatch from '../../cloudfunctions/dispatch/index';
import * as exportsFn from '../../cloudfunctions/exports/index';
import * as imports from '../../cloudfunctions/imports/index';
import * as notify from '../../cloudfunctions/notify/index';
import * as org from '../../cloudfunctions/org/index';
import * as points from '../../cloudfunctions/points/index';
import * as scorecards from '../../cloudfunctions/scorecards/index';
import * as visits from '../../cloudfunctions/visits/index';
import * as stats from '../../cloudfunctions/stats/index';
import * as wishes from '../../cloudfunctions/wishes/index';
import * as projects from '../../cloudfunctions/projects/index';
import * as posts from '../../cloudfunctions/posts/index';
import type { FunctionModule, LocalCloud } from '../../local/runtime';
import { startServer } from '../../local/server';
import type { Envelope, ErrorCode } from '../../types/errors';
import { tempDir } from '../local/helpers';
import { PEOPLE, snapshot } from './harness';

/** The timer functions are not served: startTimers runs only those it is given, and none writes while snapshots compare. */
const SERVED: Record<string, FunctionModule> = { org, dispatch, points, imports, wishes, projects, posts, stats };
// exports is not served here: its timer (the monthly pack) would write while the snapshots compare.
const FUNCTIONS: Record<string, FunctionModule> = { ...SERVED, exports: exportsFn, visits, notify, scorecards };
const PER_FUNCTION = 1000;
const TYPED: ErrorCode[] = ['UNAUTHENTICATED', 'NOT_REGISTERED', 'FORBIDDEN', 'UNKNOWN_ACTION', 'INVALID_INPUT', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE'];

let server: http.Server;
let local: LocalCloud;
let base: string;

beforeAll(async () => {
  const started = await startServer({ port: 0, host: '127.0.0.1', dataDir: tempDir(), webDir: tempDir('jinlin-web-'), functionsDir: '', functions: SERVED, seed: true });
  server = started.server;
  local = started.local;
  base = started.url.replace(/\/$/, '');
  // The seed's photos (the demo 微心愿) wait for their content verdicts, which the server pushes
  // every second: settle them first, so nothing changes while the snapshots compare.
  while (local.db.store.all('photoChecks').some((c) => c.status === 'pending')) {
    await local.deliverMediaVerdicts(dispatch);
    await new Promise((r) => setTimeout(r, 50));
  }
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** mulberry32: a small seeded generator, so the same events come every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUGE = 'x'.repeat(2 * 1024 * 1024 + 10);
const LONG = '长'.repeat(100_000);
const PROTO = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'prototype', '__defineGetter__', 'isPrototypeOf'];
const MARKUP = '<img src=x onerror=alert(1)>';

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Values no field's schema accepts in place of a value of `type` (JSON schema type). */
function wrongFor(declared: string | undefined): unknown[] {
  const type = declared === 'integer' ? 'number' : declared;
  const all: Record<string, unknown[]> = {
    string: ['x', '', LONG, 'a\ud800b', '\udfff'],
    number: [12345, -1.5, 1e308, Number.MAX_SAFE_INTEGER + 2],
    boolean: [true, false],
    array: [[], ['x'], [{ $ne: null }]],
    object: [{}, { $ne: null }, { $gt: '' }, { $regex: '.*' }, { $where: 'return true' }, { $exists: true }, { $in: ['a', 'b'] }, { $or: [{}] }],
  };
  const out: unknown[] = [];
  for (const [t, values] of Object.entries(all)) {
    if (t === type) {
      // The field's own type, in forms its bounds refuse: over-long, lone surrogates, out of range.
      if (t === 'string') out.push(LONG, 'a\ud800b', '\udfff', HUGE.slice(0, 5000));
      if (t === 'number') out.push(1e308, -1e308, ...(declared === 'integer' ? [0.5] : []));
    } else out.push(...values);
  }
  return out;
}

interface Field {
  name: string;
  type?: string;
}

function fieldsOf(fn: FunctionModule, action: string): Field[] {
  const schema = (fn.describe?.() ?? {})[action] as { input?: { properties?: Record<string, { type?: string }> } } | undefined;
  const props = schema?.input?.properties ?? {};
  const named = Object.entries(props).map(([name, p]) => ({ name, type: p.type }));
  return named.length ? named : [{ name: 'id', type: 'string' }];
}

/** The bad events for one function: each family in turn, then random mixtures up to PER_FUNCTION. */
function badEvents(name: string, fn: FunctionModule): Record<string, unknown>[] {
  const rnd = random([...name].reduce((h, c) => h * 31 + c.charCodeAt(0), 7) >>> 0);
  const pick = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  const actions = Object.keys(fn.describe?.() ?? {});
  const anyAction = () => (actions.length ? pick(actions) : 'run');
  const events: Record<string, unknown>[] = [];

  // Action names: prototype names, markup, huge, not a string, operators.
  for (const a of [...PROTO, MARKUP, LONG, '', ' ', 'a\ud800', '%', '../org']) events.push({ action: a });
  for (const a of [1, true, null, [], ['me'], { $ne: null }, { toString: 'me' }, nested(40)]) events.push({ action: a });
  events.push(JSON.parse('{"action":"__proto__","__proto__":{"admin":true}}'));
  // Per action and field: wrong types, operators, over-long text, lone surrogates.
  for (const action of actions) {
    for (const f of fieldsOf(fn, action)) for (const v of wrongFor(f.type)) events.push({ action, [f.name]: v });
    for (const key of [...PROTO, MARKUP, 'k'.repeat(100_000), '$where', '$set', 'openid', 'roles', '_id']) events.push({ action, [key]: 1 });
    events.push(JSON.parse(`{"action":${JSON.stringify(action)},"__proto__":{"roles":[{"role":"admin"}]}}`));
    events.push({ action, a: nested(33) }, { action, a: nested(3500) }, { action, text: HUGE });
  }
  // Random mixtures: a field, a bad value, sometimes deep or huge alongside.
  while (events.length < PER_FUNCTION) {
    const action = anyAction();
    const f = actions.length ? pick(fieldsOf(fn, action)) : { name: 'id', type: 'string' };
    const event: Record<string, unknown> = { action, [f.name]: pick(wrongFor(f.type)) };
    const extra = rnd();
    if (extra < 0.05) event.deep = nested(33 + Math.floor(rnd() * 200));
    else if (extra < 0.08) event.many = Array.from({ length: 70_000 }, (_x, i) => i);
    else if (extra < 0.2) event[pick([MARKUP, ...PROTO, `$${f.name}`])] = { $ne: null };
    events.push(event);
  }
  return events;
}

/** A refusal as the contract wants it, or a description of what is wrong with the answer. */
function problem(answer: unknown): string | null {
  const env = answer as Envelope<unknown>;
  if (!env || typeof env !== 'object' || env.ok !== false) return `not refused: ${JSON.stringify(answer)?.slice(0, 200)}`;
  const { code, message } = env.error ?? ({} as { code?: string; message?: string });
  if (!TYPED.includes(code as ErrorCode)) return `code ${code}`;
  if (typeof message !== 'string' || !message || message.length > 120) return `message ${String(message).slice(0, 200)}`;
  if (/[<>]/.test(message)) return `markup in ${message}`;
  return null;
}

const callers = [PEOPLE.admin, PEOPLE.staff, PEOPLE.resident, null, 'stranger'];

describe.each(Object.keys(FUNCTIONS))('%s', (name) => {
  test(`${PER_FUNCTION}+ bad events through the router: typed refusals only, nothing written`, async () => {
    const fn = FUNCTIONS[name];
    const events = badEvents(name, fn);
    expect(events.length).toBeGreaterThanOrEqual(PER_FUNCTION);
    const before = snapshot(local);
    const problems: string[] = [];
    for (const [i, event] of events.entries()) {
      // Most as the admin, who passes every role check, so that validation is what refuses.
      const openid = i % 10 === 0 ? callers[(i / 10) % callers.length] : PEOPLE.admin;
      const { result } = await local.invoke(fn, event, openid);
      const p = problem(result);
      if (p) problems.push(`#${i} ${JSON.stringify(event).slice(0, 120)} → ${p}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(snapshot(local)).toBe(before);
  });
});

describe('no identity runs a timer function unless it is the platform trigger', () => {
  test.each(['notify', 'scorecards', 'visits', 'points'])('%s: a timer event with no identity or with one is refused', async (name) => {
    const before = snapshot(local);
    for (const openid of [null, PEOPLE.admin]) {
      for (const event of [{ Type: 'Timer' }, { Type: 'Timer', TriggerName: `${name}-timer`, Time: new Date().toISOString() }, {}]) {
        const { result } = await local.invoke(FUNCTIONS[name], event, openid);
        expect(result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(FORBIDDEN|UNKNOWN_ACTION)$/) } });
      }
    }
    expect(snapshot(local)).toBe(before);
  });
});

describe('a sample through HTTP', () => {
  async function post(fn: string, body: string, openid: string | null) {
    const res = await fetch(`${base}/api/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) }, body });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  test.each(Object.keys(SERVED))('%s: every 10th bad event and raw bad bodies → typed refusals, no 5xx, nothing written', async (name) => {
    const events = badEvents(name, SERVED[name]).filter((_e, i) => i % 10 === 0);
    const bodies = [...events.map((e) => JSON.stringify(e)), '{', '[]', 'null', '{"action":"me",}', '{"action":"\\ud800"}', `{"action":"${MARKUP}"}`];
    const before = snapshot(local);
    const problems: string[] = [];
    for (const body of bodies) {
      const res = await post(name, body, PEOPLE.admin);
      const p = res.status >= 500 ? `HTTP ${res.status}` : problem(res.body);
      if (p) problems.push(`${body.slice(0, 120)} → ${p}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(snapshot(local)).toBe(before);
  });
});
