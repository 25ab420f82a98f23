/**
 * Rate limits per person and action (the route tables' `limits`, core/rate-limits.ts): codes typed
 * by hand a few tries a minute, bursts of creates cut off, concurrent bursts never admitted past
 * the limit, each call one counter write, counters keyed by their window and removed once expired.
 */
import type { FunctionModule } from '../../local/runtime';
import { db } from '../../cloudfunctions/lib/cloud';
import { countCall, type RateCounter } from '../../cloudfunctions/lib/rate-limit';
import { RATE_RULES, rateLimitedMessage, secondsLeft, windowOf } from '../../cloudfunctions/core/rate-limits';
import { openHarness, PEOPLE, type Harness } from './harness';

let h: Harness;
const saved = process.env.JINLIN_RATE_LIMITS;
beforeAll(async () => {
  h = await openHarness();
  delete process.env.JINLIN_RATE_LIMITS; // on, as deployed
});
afterAll(() => {
  process.env.JINLIN_RATE_LIMITS = saved;
  h.close();
});

const inCloud = async <T>(fn: () => Promise<T>): Promise<{ result: T; counts: { read: number; write: number } }> =>
  (await h.local.invoke({ main: fn } as FunctionModule, {}, 'test')) as never;

/** The outcome of a call that may be refused, as its code ('ok' when it passed). */
const outcome = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    await run();
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? 'thrown';
  }
};

/**
 * Waits until the current one-minute window has at least `needMs` left, so that a burst falls in
 * one window (a burst across two windows may pass up to twice the limit, which is the rule).
 */
async function freshWindow(needMs: number): Promise<void> {
  while (windowOf(new Date(), RATE_RULES.create).endsAt.getTime() - Date.now() < needMs) await new Promise((r) => setTimeout(r, 200));
}

describe('the rule (pure)', () => {
  test('windows are fixed minutes; the refusal says when to try again', () => {
    const at = new Date('2026-12-02T08:00:42.500Z');
    expect(windowOf(at, RATE_RULES.code).endsAt.toISOString()).toBe('2026-12-02T08:01:00.000Z');
    expect(windowOf(new Date('2026-12-02T08:01:00.000Z'), RATE_RULES.code).index).toBe(windowOf(at, RATE_RULES.code).index + 1);
    expect(secondsLeft(at, RATE_RULES.code)).toBe(18);
    expect(rateLimitedMessage(at, RATE_RULES.code)).toBe('操作太频繁，请稍后再试（18 秒后可再次操作）');
    expect(rateLimitedMessage(at, { limit: 1, windowMs: 3_600_000 })).toBe('操作太频繁，请稍后再试（60 分钟后可再次操作）');
  });
});

describe('the counter (lib/rate-limit.ts)', () => {
  const now = new Date('2026-12-02T08:00:10.000Z');

  test('50 concurrent calls in one window: exactly the limit pass, the rest are RATE_LIMITED', async () => {
    const rule = RATE_RULES.create;
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => inCloud(() => outcome(() => countCall('test.burst', 'p-burst', rule, now)))));
    const codes = outcomes.map((o) => o.result);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(rule.limit);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(50 - rule.limit);
  });

  test('each call costs one write; a refusal one write and one read; a new window starts afresh', async () => {
    const rule = { limit: 2, windowMs: 60_000 };
    const first = await inCloud(() => countCall('test.cost', 'p-cost', rule, now));
    expect(first.counts).toMatchObject({ read: 1, write: 2 }); // the missed increment, the read, the create
    const second = await inCloud(() => countCall('test.cost', 'p-cost', rule, now));
    expect(second.counts).toMatchObject({ read: 0, write: 1 });
    const refused = await inCloud(() => outcome(() => countCall('test.cost', 'p-cost', rule, now)));
    expect(refused.result).toBe('RATE_LIMITED');
    expect(refused.counts).toMatchObject({ read: 1, write: 1 });
    // Another person, another action, the next window: each its own counter.
    expect((await inCloud(() => outcome(() => countCall('test.cost', 'p-other', rule, now)))).result).toBe('ok');
    expect((await inCloud(() => outcome(() => countCall('test.other', 'p-cost', rule, now)))).result).toBe('ok');
    expect((await inCloud(() => outcome(() => countCall('test.cost', 'p-cost', rule, new Date(now.getTime() + 60_000))))).result).toBe('ok');
  });

  test('the nightly timer removes counters of ended windows and keeps the current ones', async () => {
    const past = { _id: 'test.x_p_1', key: 'test.x', openid: 'p', count: 3, expireAt: new Date(Date.now() - 60_000) };
    const current = { _id: 'test.x_p_2', key: 'test.x', openid: 'p', count: 3, expireAt: new Date(Date.now() + 3_600_000) };
    await inCloud(async () => {
      await db.collection('rateLimits').add({ data: past });
      await db.collection('rateLimits').add({ data: current });
    });
    expect(await h.openScorecards()).toMatchObject({ ok: true });
    const left = await inCloud(async () => (await db.collection('rateLimits').where({ key: 'test.x' }).get<RateCounter>()).data.map((c) => c._id));
    expect(left.result).toEqual(['test.x_p_2']);
  });
});

describe('through the router', () => {
  test('guessing an activity check-in code: six tries a minute, then 「操作太频繁」 with when', async () => {
    await freshWindow(20_000);
    const tries = [];
    for (let i = 0; i < 8; i++) tries.push(await h.call(PEOPLE.member, 'points', 'activityCheckIn', { id: 'act-none', code: `ABC${100 + i}` }));
    expect(tries.slice(0, 6).every((t) => !t.ok && t.error.code !== 'RATE_LIMITED')).toBe(true);
    for (const t of tries.slice(6)) {
      expect(t).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
      expect(!t.ok && t.error.message).toMatch(/^操作太频繁，请稍后再试（\d+ 秒后可再次操作）$/);
    }
    // Another person is not held up by it.
    expect(await h.call(PEOPLE.memberWeijian, 'points', 'activityCheckIn', { id: 'act-none', code: 'ABC100' })).not.toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });

  test('guessing an invitation code: the seventh preview in a minute is refused before anything is read', async () => {
    await freshWindow(20_000);
    for (let i = 0; i < 6; i++) await h.call('guesser', 'org', 'previewInvitation', { code: `WRONG${i}` });
    const { result, counts } = await h.raw('guesser', 'org', { action: 'previewInvitation', code: 'WRONG9' });
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(counts).toMatchObject({ read: 1, write: 1 }); // the counter only
  });

  test('a concurrent burst of 30 demands by one resident files exactly 10; the others see RATE_LIMITED', async () => {
    await freshWindow(25_000);
    const demands = () => h.local.db.store.all('demands').length;
    const before = demands();
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.call(PEOPLE.residentXimen, 'dispatch', 'submit', { category: 'facilities', text: `楼道灯坏了 ${i}` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(RATE_RULES.create.limit);
    expect(results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED')).toHaveLength(30 - RATE_RULES.create.limit);
    expect(demands() - before).toBe(RATE_RULES.create.limit);
  }, 90_000);

  test('the limits are listed with each action in GET /api', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const d = (require('../../cloudfunctions/dispatch/index') as FunctionModule).describe!() as Record<string, { rateLimit?: unknown }>;
    expect(d.submit.rateLimit).toEqual({ rule: 'create', ...RATE_RULES.create });
    expect(d.uploadPhoto.rateLimit).toEqual({ rule: 'photo', ...RATE_RULES.photo });
    expect(d.detail.rateLimit).toBeUndefined();
  });
});
