/**
 * Content security through the router: every `userText` field of every action is checked with
 * msgSecCheck v2 (the local cloud's word list) before the handler runs — a listed word is refused
 * with CONTENT_REJECTED and nothing is written; clean text passes; each call carries the caller's
 * openid. Photos go to mediaCheckAsync and a pushed `risky` verdict deletes the file.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FunctionName } from '../../types/api';
import { LISTED_WORDS } from '../../local/content-check';
import type { FunctionModule } from '../../local/runtime';
import { LocalCloud } from '../../local/runtime';
import { db } from '../../cloudfunctions/lib/cloud';
import { CONTENT_REJECTED_MESSAGE, isRiskyError, passes } from '../../cloudfunctions/lib/content';
import type { PhotoCheck } from '../../cloudfunctions/lib/photo-checks';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

/* eslint-disable @typescript-eslint/no-require-imports */
const MODULES: Record<Exclude<FunctionName, 'stats' | 'exports'>, () => FunctionModule> = {
  dispatch: () => require('../../cloudfunctions/dispatch/index'),
  points: () => require('../../cloudfunctions/points/index'),
  visits: () => require('../../cloudfunctions/visits/index'),
  org: () => require('../../cloudfunctions/org/index'),
  imports: () => require('../../cloudfunctions/imports/index'),
  wishes: () => require('../../cloudfunctions/wishes/index'),
  projects: () => require('../../cloudfunctions/projects/index'),
  posts: () => require('../../cloudfunctions/posts/index'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

const CLEAN = '楼道灯坏了';
const POISON = LISTED_WORDS[0];
const start = '2026-12-10T09:00:00+08:00';
const end = '2026-12-10T11:00:00+08:00';

/**
 * A payload that passes each action's schema, with clean text in every user-text field. The ids
 * need not exist: the check runs before the handler reads anything.
 */
const PAYLOADS: Record<string, Record<string, unknown>> = {
  'dispatch.submit': { category: 'facilities', text: CLEAN },
  'dispatch.handle': { id: 'd1', note: CLEAN },
  'dispatch.decline': { id: 'd1', reason: CLEAN },
  'dispatch.reject': { id: 'd1', reason: CLEAN },
  'dispatch.complete': { id: 'd1', notes: CLEAN },
  'dispatch.sendBack': { id: 'd1', reason: CLEAN },
  'dispatch.rate': { id: 'd1', value: 'satisfied', comment: CLEAN },
  'dispatch.returnVisit': { id: 'd1', note: CLEAN },
  'dispatch.escalate': { id: 'd1', reason: CLEAN },
  'dispatch.close': { id: 'd1', note: CLEAN },
  'dispatch.extend': { id: 'd1', until: '2099-01-01', reason: CLEAN },
  'dispatch.refuseExtension': { id: 'd1', reason: CLEAN },
  'dispatch.urge': { id: 'd1', note: CLEAN },
  'dispatch.supervise': { id: 'd1', reason: CLEAN },
  'dispatch.redispatch': { id: 'd1', unitId: 'u1', reason: CLEAN },
  'points.award': { openid: PEOPLE.resident, points: 5, reason: CLEAN },
  'points.reverse': { entryId: 'e1', reason: CLEAN },
  'points.createActivity': { title: CLEAN, description: CLEAN, place: CLEAN, startAt: start, endAt: end, capacity: 10, hoursRule: 'actual' },
  'points.cancelActivity': { id: 'a1', reason: CLEAN },
  'points.resolveCheckOut': { id: 'a1', openid: PEOPLE.member, hours: 1, note: CLEAN },
  'points.checkIn': { note: CLEAN },
  'points.createItem': { ownerScope: 'community', ownerId: 'c1', title: CLEAN, description: CLEAN, cost: 1, stock: 1, perPersonLimit: 1, validFrom: start, validUntil: end },
  'points.cancelRedemption': { id: 'r1', reason: CLEAN },
  'points.reviewMember': { openid: PEOPLE.member, year: '2026', scope: 'unit', grade: 'good', comment: CLEAN },
  'visits.markKey': { householdId: 'h1', categories: ['livingAlone'], careLevel: 'weekly', contactName: CLEAN, contactPhone: '13800000000', notes: CLEAN },
  'visits.updateKey': { householdId: 'h1', contactName: CLEAN, notes: CLEAN },
  'visits.unmarkKey': { householdId: 'h1', reason: CLEAN },
  'visits.unpair': { householdId: 'h1', visitorOpenid: PEOPLE.member, reason: CLEAN },
  'visits.recordVisit': { householdId: 'h1', method: 'door', outcome: 'contact', notes: CLEAN, needs: [{ category: 'facilities', text: CLEAN }] },
  'org.register': { name: CLEAN },
  'org.addRegion': { name: CLEAN },
  'org.renameRegion': { id: 'r1', name: CLEAN },
  'org.addHousehold': { buildingId: 'b1', room: CLEAN, label: CLEAN },
  'org.editHousehold': { id: 'h1', room: CLEAN, label: CLEAN },
  'org.addUnit': { name: CLEAN, description: CLEAN },
  'org.editUnit': { unitId: 'u1', name: CLEAN, description: CLEAN },
  'wishes.post': { title: CLEAN, reason: CLEAN, neededBy: '2099-01-01', address: CLEAN, wisherName: CLEAN },
  'wishes.decline': { id: 'w1', reason: CLEAN },
  'wishes.fulfil': { id: 'w1', note: CLEAN, photos: [] },
  'projects.publishNeed': { communityId: 'c-dongjie', title: CLEAN, description: CLEAN, helpWanted: CLEAN, period: { from: '2099-01-01', to: '2099-02-01' } },
  'projects.withdraw': { id: 'p1', reason: CLEAN },
  'projects.publishService': { unitId: 'unit-renshe', kind: 'service', title: CLEAN, description: CLEAN },
  'projects.request': { serviceId: 's1', communityId: 'c-dongjie', helpWanted: CLEAN, period: { from: '2099-01-01', to: '2099-02-01' } },
  'projects.decline': { id: 'p1', reason: CLEAN },
  'projects.progress': { id: 'p1', text: CLEAN },
  'projects.complete': { id: 'p1', note: CLEAN },
  'projects.rate': { id: 'p1', value: 'satisfied', comment: CLEAN },
  'posts.createPost': { communityId: 'c1', kind: 'post', name: CLEAN, duties: CLEAN, hoursPerYear: 20 },
  'posts.logWork': { postId: 'p1', workedOn: '2026-12-01', hours: 1, note: CLEAN },
  'posts.returnLog': { id: 'l1', reason: CLEAN },
  'posts.pledge': { text: CLEAN },
  'posts.fulfilPledge': { id: 'p1', note: CLEAN, photos: [] },
  'posts.ratePledge': { id: 'p1', grade: 'good', comment: CLEAN },
  'posts.recordSurvey': { note: CLEAN },
  'posts.recordProblem': { openid: 'u1', note: CLEAN },
};

/** The payload with POISON at one path (`needs.*.text` → the first need). */
function poisoned(payload: Record<string, unknown>, at: string): Record<string, unknown> {
  const copy = structuredClone(payload);
  const keys = at.split('.').map((k) => (k === '*' ? '0' : k));
  let o = copy as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
  o[keys[keys.length - 1]] = POISON;
  return copy;
}

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h.close());

/** Every action that takes user text, from the functions' own descriptions (GET /api). */
function userTextActions(): { key: string; fn: FunctionName; action: string; paths: string[] }[] {
  return Object.entries(MODULES).flatMap(([fn, load]) =>
    Object.entries(load().describe!() as Record<string, { userText?: string[] }>)
      .filter(([, d]) => d.userText?.length)
      .map(([action, d]) => ({ key: `${fn}.${action}`, fn: fn as FunctionName, action, paths: d.userText! })),
  );
}

test('every action that takes user text is in this table (a new one must be added here)', () => {
  expect(userTextActions().map((a) => a.key).sort()).toEqual(Object.keys(PAYLOADS).sort());
});

describe('a listed word is refused before anything is written', () => {
  const cases = userTextActions().flatMap((a) => a.paths.map((p) => [a.key, p, a] as const));
  test.each(cases)('%s with a listed word in %s', async (_key, at, a) => {
    const caller = a.action === 'register' ? 'someone-new' : PEOPLE.staff;
    const before = h.local.contentCalls.length;
    const { result, counts } = await h.raw(caller, a.fn, { ...poisoned(PAYLOADS[a.key], at), action: a.action });
    expect(result).toEqual({ ok: false, error: { code: 'CONTENT_REJECTED', message: CONTENT_REJECTED_MESSAGE } });
    expect(counts.write).toBe(0);
    expect(counts.transaction).toBe(0);
    const calls = h.local.contentCalls.slice(before);
    expect(calls.find((c) => c.content === POISON)).toMatchObject({ api: 'msgSecCheck', openid: caller, version: 2 });
  });
});

describe('clean text passes, checked as the caller', () => {
  test('a demand with clean text is filed, its text checked once as the resident (scene 3)', async () => {
    const before = h.local.contentCalls.length;
    const d = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '三单元门口的路灯不亮了' });
    expect(d.text).toBe('三单元门口的路灯不亮了');
    expect(h.local.contentCalls.slice(before)).toEqual([expect.objectContaining({ api: 'msgSecCheck', openid: PEOPLE.resident, scene: 3, version: 2, content: '三单元门口的路灯不亮了' })]);
  });

  test('a name is checked as 资料 (scene 1); an empty optional note is not sent', async () => {
    const before = h.local.contentCalls.length;
    await h.ok('someone-clean', 'org', 'register', { name: '李秀兰' });
    await h.ok(PEOPLE.member, 'points', 'checkIn', { note: '' });
    expect(h.local.contentCalls.slice(before)).toEqual([expect.objectContaining({ openid: 'someone-clean', scene: 1, content: '李秀兰' })]);
  });

  test('a listed word anywhere in a longer text is refused; the same text without it passes', async () => {
    const refused = await h.call(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: `楼下有人${LISTED_WORDS[1]}，很吵` });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONTENT_REJECTED' } });
    expect(await h.call(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '楼下有人打牌，很吵' })).toMatchObject({ ok: true });
  });
});

describe('the production call path (the SDK seam)', () => {
  // The very object lib/cloud.ts calls: wx-server-sdk as the functions resolve it.
  const sdk = createRequire(path.join(process.cwd(), 'package.json'))('wx-server-sdk') as { openapi: { security: Record<string, unknown> } };
  const withSecurity = async (fake: (req: unknown) => Promise<unknown>, run: () => Promise<void>) => {
    const real = sdk.openapi.security.msgSecCheck;
    sdk.openapi.security.msgSecCheck = fake;
    try {
      await run();
    } finally {
      sdk.openapi.security.msgSecCheck = real;
    }
  };

  test('the request is v2 with the caller, a scene and the text', async () => {
    const seen: unknown[] = [];
    await withSecurity(
      async (req) => (seen.push(req), { errCode: 0, result: { suggest: 'pass', label: 100 } }),
      async () => {
        await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '水管漏水' });
      },
    );
    expect(seen).toEqual([{ openid: PEOPLE.resident, scene: 3, version: 2, content: '水管漏水' }]);
  });

  test.each([
    ['review (not yet decided) is refused', async () => ({ errCode: 0, result: { suggest: 'review', label: 20001 } }), 'CONTENT_REJECTED'],
    ['risky is refused', async () => ({ errCode: 0, result: { suggest: 'risky', label: 20006 } }), 'CONTENT_REJECTED'],
    ['an answer without a verdict is refused', async () => ({ errCode: 0 }), 'CONTENT_REJECTED'],
    ['a thrown 87014 (risky content) is refused', async () => Promise.reject(Object.assign(new Error('risky'), { errCode: 87014 })), 'CONTENT_REJECTED'],
    ['a failed check refuses, never stores unchecked text', async () => Promise.reject(Object.assign(new Error('system busy'), { errCode: -1 })), 'INTERNAL'],
  ] as const)('%s', async (_name, fake, code) => {
    // The failed check is logged on the server; not here.
    const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const before = snapshot(h.local);
    await withSecurity(fake, async () => {
      const { result, counts } = await h.raw(PEOPLE.resident, 'dispatch', { action: 'submit', category: 'facilities', text: '水管漏水' });
      expect(result).toMatchObject({ ok: false, error: { code } });
      expect(counts.write).toBe(0);
    });
    expect(snapshot(h.local)).toBe(before);
    quiet.mockRestore();
  });

  test('decisions on live-shaped answers', () => {
    expect(passes({ errCode: 0, result: { suggest: 'pass', label: 100 } })).toBe(true);
    expect(passes({ errCode: 0, result: { suggest: 'review', label: 100 } })).toBe(false);
    expect(passes(null)).toBe(false);
    expect(isRiskyError({ errCode: 87014 })).toBe(true);
    expect(isRiskyError({ errCode: '87014' })).toBe(true);
    expect(isRiskyError({ errCode: -501001 })).toBe(false);
  });

  test('the local seam refuses requests live would refuse (v1, no openid, a bad scene, too long)', async () => {
    const check = sdk.openapi.security.msgSecCheck as (req: unknown) => Promise<unknown>;
    await expect(check({ openid: 'x', scene: 3, content: 'a' })).rejects.toMatchObject({ errCode: 47001 });
    await expect(check({ scene: 3, version: 2, content: 'a' })).rejects.toMatchObject({ errCode: 40003 });
    await expect(check({ openid: 'x', scene: 9, version: 2, content: 'a' })).rejects.toMatchObject({ errCode: 40097 });
    await expect(check({ openid: 'x', scene: 3, version: 2, content: '字'.repeat(2501) })).rejects.toMatchObject({ errCode: 47001 });
  });
});

describe('photos: checked by mediaCheckAsync, removed when refused', () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const png = (text: string) => Buffer.concat([PNG, Buffer.from(`\0\0\0\x10tEXtComment\0${text}`, 'utf8')]).toString('base64');
  const checkOf = async (fileID: string) =>
    (await h.local.invoke({ main: async () => (await db.collection('photoChecks').where({ fileID }).get<PhotoCheck>()).data }, {}, 'test')).result as PhotoCheck[];

  test('a clean photo stays, a photo with a listed word is deleted once its verdict arrives; the trace id is the only key', async () => {
    const dispatchFn = MODULES.dispatch();
    const before = h.local.contentCalls.length;
    const clean = await h.ok(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: png('a stairwell') });
    const risky = await h.ok(PEOPLE.resident, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: png(`a poster: ${LISTED_WORDS[2]}`) });
    expect(h.local.contentCalls.slice(before)).toEqual([
      expect.objectContaining({ api: 'mediaCheckAsync', openid: PEOPLE.resident, version: 2, mediaUrl: clean.url }),
      expect.objectContaining({ api: 'mediaCheckAsync', openid: PEOPLE.resident, version: 2, mediaUrl: risky.url }),
    ]);
    // Neither answer carries the trace id.
    expect(Object.keys(clean).sort()).toEqual(['fileID', 'url']);
    expect((await checkOf(risky.fileID))[0]).toMatchObject({ status: 'pending', openid: PEOPLE.resident });

    const demand = await h.ok(PEOPLE.resident, 'dispatch', 'submit', { category: 'facilities', text: '楼道里贴了小广告', photos: [clean.fileID, risky.fileID] });
    const shownBefore = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: demand._id });
    expect(shownBefore.photos.every((p) => p.url)).toBe(true);

    // A forged verdict (a trace id nobody was given) changes nothing.
    const forged = await h.local.invoke(dispatchFn, { Event: 'wxa_media_check', trace_id: 'forged-0000', result: { suggest: 'risky' } }, null);
    expect(forged.result).toEqual({ ok: true, data: { status: 'unknown' } });

    expect(await h.local.deliverMediaVerdicts(dispatchFn)).toBe(2);
    expect((await checkOf(clean.fileID))[0]).toMatchObject({ status: 'passed', suggest: 'pass' });
    const rejected = (await checkOf(risky.fileID))[0];
    expect(rejected).toMatchObject({ status: 'rejected', suggest: 'risky' });
    expect(fs.existsSync(h.local.filePath(LocalCloud.cloudPathOf(risky.fileID)))).toBe(false);
    expect(fs.existsSync(h.local.filePath(LocalCloud.cloudPathOf(clean.fileID)))).toBe(true);

    const shownAfter = await h.ok(PEOPLE.staff, 'dispatch', 'detail', { id: demand._id });
    expect(shownAfter.photos.find((p) => p.fileID === clean.fileID)?.url).toBeTruthy();
    expect(shownAfter.photos.find((p) => p.fileID === risky.fileID)?.url).toBe('');

    // A replayed verdict of a decided check changes nothing either.
    const replay = await h.local.invoke(dispatchFn, { Event: 'wxa_media_check', trace_id: rejected._id, result: { suggest: 'pass' } }, null);
    expect(replay.result).toEqual({ ok: true, data: { status: 'rejected' } });
  });
});
