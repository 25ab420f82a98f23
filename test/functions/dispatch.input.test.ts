/**
 * Bad input for every dispatch action: refused with its typed code (INVALID_INPUT, NOT_FOUND,
 * FORBIDDEN), a Chinese message (naming the field when the schema refuses it), nothing changed in
 * the database and no file stored. Identity never comes from the event.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '../../types/errors';
import type { Demand } from '../../types/dispatch';
import { openHarness, PEOPLE, snapshot, type Harness } from './harness';

let h: Harness;

const CHINESE = /[\u4e00-\u9fa5]/;
const ID_65 = 'x'.repeat(65);
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64');
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex').toString('base64');
const GIF = Buffer.from('474946383961010001000000002c00000000010001000002', 'hex').toString('base64');
/** Valid base64 of 1 048 578 bytes: just over 1 MB decoded, yet under the schema's string limit. */
const OVER_1MB = 'A'.repeat(1_398_104);
/** A photo the caller could have uploaded (the path is theirs), and one under someone else's folder. */
const own = (openid: string, n = 0) => `cloud://local/demands/${openid}/photo${n}.png`;
const SOMEONE_ELSES = `cloud://local/demands/${PEOPLE.staff}/abcdef.png`;

/** Demands in the states the actions need, prepared once through the API. */
const ids = { submitted: '', ximen: '', accepted: '', claimed: '', completed: '', verified: '', escalated: '' };

beforeAll(async () => {
  h = await openHarness();
  const ok = (who: string, action: string, payload: Record<string, unknown>) => h.ok(who, 'dispatch', action as never, payload as never) as Promise<{ _id: string }>;
  const submit = async () => (await ok(PEOPLE.resident, 'submit', { category: 'facilities', text: '楼道灯不亮' }))._id;
  const accepted = async (slots: number) => {
    const id = await submit();
    await ok(PEOPLE.staff, 'dispatch', { id, unitId: 'unit-renshe', slots, expectedHours: 2 });
    await ok(PEOPLE.liaison, 'accept', { id });
    return id;
  };
  ids.submitted = await submit();
  ids.ximen = (await ok(PEOPLE.residentXimen, 'submit', { category: 'environment', text: '西门花园垃圾没人清' }))._id;
  ids.accepted = await accepted(2);
  ids.claimed = await accepted(2);
  await ok(PEOPLE.member, 'claim', { id: ids.claimed });
  ids.completed = await accepted(1);
  await ok(PEOPLE.member, 'claim', { id: ids.completed });
  await ok(PEOPLE.member, 'complete', { id: ids.completed, notes: '修好了', hours: 1 });
  ids.verified = await accepted(1);
  await ok(PEOPLE.member, 'claim', { id: ids.verified });
  await ok(PEOPLE.member, 'complete', { id: ids.verified, notes: '修好了', hours: 1 });
  await ok(PEOPLE.staff, 'verify', { id: ids.verified });
  ids.escalated = await submit();
  await ok(PEOPLE.staff, 'handle', { id: ids.escalated });
  for (let i = 0; i < 2; i++) {
    await ok(PEOPLE.staff, 'complete', { id: ids.escalated, notes: '处理了' });
    await ok(PEOPLE.resident, 'rate', { id: ids.escalated, value: 'unsatisfied' });
  }
});
afterAll(() => h.close());

/** Every stored file, to prove a refused upload stored nothing. */
function files(): string[] {
  const dir = path.join(h.local.options.dataDir, 'files');
  return fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).sort() : [];
}

/**
 * Sends a raw event and expects a refusal with `code` that changed nothing; returns the message.
 * 'edge': refused by the schema before the database was asked; 'handler': after loading.
 */
async function refused(openid: string | null, event: Record<string, unknown>, code: ErrorCode = 'INVALID_INPUT', where: 'edge' | 'handler' = 'edge'): Promise<string> {
  const before = snapshot(h.local);
  const stored = files();
  const { result, counts } = await h.raw(openid, 'dispatch', event);
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect(snapshot(h.local)).toBe(before);
  expect(files()).toEqual(stored);
  expect(counts).toMatchObject({ write: 0, transaction: 0 });
  if (where === 'edge') expect(counts.read).toBe(0);
  const message = (result as { ok: false; error: { message: string } }).error.message;
  expect(message).toMatch(CHINESE);
  return message;
}

/** [label, caller, event (ids by name from `ids`), code, field the message names (null: none), where] */
type Row = [string, string, () => Record<string, unknown>, ErrorCode, string | null, ('edge' | 'handler')?];

const R = PEOPLE.resident;
const S = PEOPLE.staff;
const L = PEOPLE.liaison;
const M = PEOPLE.member;

const ROWS: Row[] = [
  // submit
  ['submit: missing category', R, () => ({ action: 'submit', text: '楼道灯不亮' }), 'INVALID_INPUT', 'category'],
  ['submit: missing text', R, () => ({ action: 'submit', category: 'facilities' }), 'INVALID_INPUT', 'text'],
  ['submit: category not in the list', R, () => ({ action: 'submit', category: 'weather', text: '下雨' }), 'INVALID_INPUT', 'category'],
  ['submit: category as a number', R, () => ({ action: 'submit', category: 3, text: '下雨' }), 'INVALID_INPUT', 'category'],
  ['submit: kind not in the list', R, () => ({ action: 'submit', kind: 'complaint', category: 'other', text: '投诉' }), 'INVALID_INPUT', 'kind'],
  ['submit: urgency not in the list', R, () => ({ action: 'submit', category: 'other', text: '急', urgency: 'asap' }), 'INVALID_INPUT', 'urgency'],
  ['submit: text of 501 characters', R, () => ({ action: 'submit', category: 'other', text: '长'.repeat(501) }), 'INVALID_INPUT', 'text'],
  ['submit: blank text', R, () => ({ action: 'submit', category: 'other', text: '   ' }), 'INVALID_INPUT', 'text'],
  ['submit: text as a number', R, () => ({ action: 'submit', category: 'other', text: 12345 }), 'INVALID_INPUT', 'text'],
  ['submit: text as a query object', R, () => ({ action: 'submit', category: 'other', text: { $gt: '' } }), 'INVALID_INPUT', 'text'],
  ['submit: anonymous as a string', R, () => ({ action: 'submit', category: 'other', text: '匿名', anonymous: 'yes' }), 'INVALID_INPUT', 'anonymous'],
  ['submit: photos as a string', R, () => ({ action: 'submit', category: 'other', text: '有图', photos: own(R) }), 'INVALID_INPUT', 'photos'],
  ['submit: a photo not cloud://', R, () => ({ action: 'submit', category: 'other', text: '有图', photos: ['https://evil.example/x.png'] }), 'INVALID_INPUT', 'photos.0'],
  ['submit: a photo id with a space', R, () => ({ action: 'submit', category: 'other', text: '有图', photos: [`cloud://local/demands/${R}/a b.png`] }), 'INVALID_INPUT', 'photos.0'],
  ['submit: 7 photos', R, () => ({ action: 'submit', category: 'other', text: '有图', photos: [0, 1, 2, 3, 4, 5, 6].map((n) => own(R, n)) }), 'INVALID_INPUT', 'photos'],
  ['submit: a photo of another person', R, () => ({ action: 'submit', category: 'other', text: '有图', photos: [SOMEONE_ELSES] }), 'INVALID_INPUT', null, 'handler'],
  ['submit: householdId with a space', R, () => ({ action: 'submit', category: 'other', text: '入户', householdId: 'h xingfu 1' }), 'INVALID_INPUT', 'householdId'],
  ['submit: onBehalfOf of 65 characters', S, () => ({ action: 'submit', category: 'other', text: '代反映', onBehalfOf: ID_65 }), 'INVALID_INPUT', 'onBehalfOf'],
  ['submit: onBehalfOf nobody', S, () => ({ action: 'submit', category: 'other', text: '代反映', onBehalfOf: 'nobody-at-all' }), 'FORBIDDEN', null, 'handler'],
  ['submit: openid in the event', R, () => ({ action: 'submit', category: 'other', text: '冒名', openid: PEOPLE.secretary }), 'INVALID_INPUT', 'openid'],
  ['submit: submitter in the event', R, () => ({ action: 'submit', category: 'other', text: '冒名', submitter: { openid: PEOPLE.secretary } }), 'INVALID_INPUT', 'submitter'],
  ['submit: communityId in the event', R, () => ({ action: 'submit', category: 'other', text: '别的社区', communityId: 'c-ximen' }), 'INVALID_INPUT', 'communityId'],
  ['submit: status in the event', R, () => ({ action: 'submit', category: 'other', text: '直接办结', status: 'closed' }), 'INVALID_INPUT', 'status'],
  // uploadPhoto
  ['uploadPhoto: a GIF', R, () => ({ action: 'uploadPhoto', contentType: 'image/gif', base64: GIF }), 'INVALID_INPUT', 'contentType'],
  ['uploadPhoto: missing contentType', R, () => ({ action: 'uploadPhoto', base64: PNG }), 'INVALID_INPUT', 'contentType'],
  ['uploadPhoto: missing base64', R, () => ({ action: 'uploadPhoto', contentType: 'image/png' }), 'INVALID_INPUT', 'base64'],
  ['uploadPhoto: base64 as a number', R, () => ({ action: 'uploadPhoto', contentType: 'image/png', base64: 1234567890 }), 'INVALID_INPUT', 'base64'],
  ['uploadPhoto: base64 too short', R, () => ({ action: 'uploadPhoto', contentType: 'image/png', base64: 'iVBO' }), 'INVALID_INPUT', 'base64'],
  ['uploadPhoto: PNG bytes declared as image/jpeg', R, () => ({ action: 'uploadPhoto', contentType: 'image/jpeg', base64: PNG }), 'INVALID_INPUT', null, 'handler'],
  ['uploadPhoto: JPEG bytes declared as image/webp', R, () => ({ action: 'uploadPhoto', contentType: 'image/webp', base64: JPEG }), 'INVALID_INPUT', null, 'handler'],
  ['uploadPhoto: GIF bytes declared as image/png', R, () => ({ action: 'uploadPhoto', contentType: 'image/png', base64: GIF }), 'INVALID_INPUT', null, 'handler'],
  ['uploadPhoto: not base64', R, () => ({ action: 'uploadPhoto', contentType: 'image/png', base64: '这不是图片数据!!' }), 'INVALID_INPUT', null, 'handler'],
  ['uploadPhoto: a data: URL prefix', R, () => ({ action: 'uploadPhoto', contentType: 'image/png', base64: `data:image/png;base64,${PNG}` }), 'INVALID_INPUT', null, 'handler'],
  ['uploadPhoto: over 1 MB decoded', R, () => ({ action: 'uploadPhoto', contentType: 'image/png', base64: OVER_1MB }), 'INVALID_INPUT', null, 'handler'],
  ['uploadPhoto: far over the limit', R, () => ({ action: 'uploadPhoto', contentType: 'image/png', base64: 'A'.repeat(1_500_000) }), 'INVALID_INPUT', 'base64'],
  ['uploadPhoto: a cloudPath of one’s choosing', R, () => ({ action: 'uploadPhoto', contentType: 'image/png', base64: PNG, cloudPath: `demands/${PEOPLE.staff}/x.png` }), 'INVALID_INPUT', 'cloudPath'],
  // list
  ['list: missing scope', S, () => ({ action: 'list' }), 'INVALID_INPUT', 'scope'],
  ['list: scope not in the list', S, () => ({ action: 'list', scope: 'all' }), 'INVALID_INPUT', 'scope'],
  ['list: status not in the list', S, () => ({ action: 'list', scope: 'community', status: 'done' }), 'INVALID_INPUT', 'status'],
  ['list: urgency not in the list', S, () => ({ action: 'list', scope: 'community', urgency: 'high' }), 'INVALID_INPUT', 'urgency'],
  ['list: overdue as a string', S, () => ({ action: 'list', scope: 'community', overdue: 'yes' }), 'INVALID_INPUT', 'overdue'],
  ['list: page 0', S, () => ({ action: 'list', scope: 'mine', page: 0 }), 'INVALID_INPUT', 'page'],
  ['list: page 1.5', S, () => ({ action: 'list', scope: 'mine', page: 1.5 }), 'INVALID_INPUT', 'page'],
  ['list: pageSize 51', S, () => ({ action: 'list', scope: 'mine', pageSize: 51 }), 'INVALID_INPUT', 'pageSize'],
  ['list: another community asked for', S, () => ({ action: 'list', scope: 'community', communityId: 'c-ximen' }), 'INVALID_INPUT', 'communityId'],
  // detail
  ['detail: missing id', R, () => ({ action: 'detail' }), 'INVALID_INPUT', 'id'],
  ['detail: empty id', R, () => ({ action: 'detail', id: '' }), 'INVALID_INPUT', 'id'],
  ['detail: id with spaces', R, () => ({ action: 'detail', id: 'no such id' }), 'INVALID_INPUT', 'id'],
  ['detail: id of 65 characters', R, () => ({ action: 'detail', id: ID_65 }), 'INVALID_INPUT', 'id'],
  ['detail: id as a query object', R, () => ({ action: 'detail', id: { $ne: null } }), 'INVALID_INPUT', 'id'],
  ['detail: unknown id', R, () => ({ action: 'detail', id: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  ['detail: unexpected field', R, () => ({ action: 'detail', id: ids.submitted, withPhone: true }), 'INVALID_INPUT', 'withPhone'],
  // handle
  ['handle: missing id', S, () => ({ action: 'handle' }), 'INVALID_INPUT', 'id'],
  ['handle: note of 201 characters', S, () => ({ action: 'handle', id: ids.submitted, note: '注'.repeat(201) }), 'INVALID_INPUT', 'note'],
  ['handle: note as a number', S, () => ({ action: 'handle', id: ids.submitted, note: 1 }), 'INVALID_INPUT', 'note'],
  ['handle: unknown id', S, () => ({ action: 'handle', id: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  // dispatch
  ['dispatch: slots 0', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 0, expectedHours: 2 }), 'INVALID_INPUT', 'slots'],
  ['dispatch: slots 21', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 21, expectedHours: 2 }), 'INVALID_INPUT', 'slots'],
  ['dispatch: slots 1.5', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1.5, expectedHours: 2 }), 'INVALID_INPUT', 'slots'],
  ['dispatch: slots as a string', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: '2', expectedHours: 2 }), 'INVALID_INPUT', 'slots'],
  ['dispatch: missing slots', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', expectedHours: 2 }), 'INVALID_INPUT', 'slots'],
  ['dispatch: expectedHours 0', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1, expectedHours: 0 }), 'INVALID_INPUT', 'expectedHours'],
  ['dispatch: expectedHours 101', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1, expectedHours: 101 }), 'INVALID_INPUT', 'expectedHours'],
  ['dispatch: missing expectedHours', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1 }), 'INVALID_INPUT', 'expectedHours'],
  ['dispatch: urgency not in the list', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1, expectedHours: 2, urgency: 'asap' }), 'INVALID_INPUT', 'urgency'],
  ['dispatch: deadline in words', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1, expectedHours: 2, deadline: '下周五' }), 'INVALID_INPUT', 'deadline'],
  ['dispatch: deadline a date only', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1, expectedHours: 2, deadline: '2026-12-01' }), 'INVALID_INPUT', 'deadline'],
  ['dispatch: deadline with a space', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1, expectedHours: 2, deadline: '2026-12-01 18:00' }), 'INVALID_INPUT', 'deadline'],
  ['dispatch: deadline without an offset', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1, expectedHours: 2, deadline: '2026-12-01T18:00:00' }), 'INVALID_INPUT', 'deadline'],
  ['dispatch: deadline as a timestamp', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-renshe', slots: 1, expectedHours: 2, deadline: 1796111999000 }), 'INVALID_INPUT', 'deadline'],
  ['dispatch: unitId with a space', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit renshe', slots: 1, expectedHours: 2 }), 'INVALID_INPUT', 'unitId'],
  ['dispatch: unitId as an array', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: ['unit-renshe'], slots: 1, expectedHours: 2 }), 'INVALID_INPUT', 'unitId'],
  ['dispatch: offeredTo in the event', S, () => ({ action: 'dispatch', id: ids.submitted, offeredTo: ['unit-zhujian'], slots: 1, expectedHours: 2 }), 'INVALID_INPUT', 'offeredTo'],
  ['dispatch: unknown id', S, () => ({ action: 'dispatch', id: 'nosuchdemand', unitId: 'unit-renshe', slots: 1, expectedHours: 2 }), 'NOT_FOUND', null, 'handler'],
  // A unit not paired with 东街, existing (县住建局) or not: not one 东街 may dispatch to.
  ['dispatch: a unit not paired with the community', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-zhujian', slots: 1, expectedHours: 2 }), 'FORBIDDEN', null, 'handler'],
  ['dispatch: an unknown unit', S, () => ({ action: 'dispatch', id: ids.submitted, unitId: 'unit-nosuch', slots: 1, expectedHours: 2 }), 'FORBIDDEN', null, 'handler'],
  // merge
  ['merge: missing intoId', S, () => ({ action: 'merge', id: ids.submitted }), 'INVALID_INPUT', 'intoId'],
  ['merge: intoId with a space', S, () => ({ action: 'merge', id: ids.submitted, intoId: 'a b' }), 'INVALID_INPUT', 'intoId'],
  ['merge: unknown intoId', S, () => ({ action: 'merge', id: ids.submitted, intoId: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  ['merge: into another community’s demand', S, () => ({ action: 'merge', id: ids.submitted, intoId: ids.ximen }), 'NOT_FOUND', null, 'handler'],
  ['merge: into itself', S, () => ({ action: 'merge', id: ids.submitted, intoId: ids.submitted }), 'INVALID_INPUT', null, 'handler'],
  ['merge: unknown id', S, () => ({ action: 'merge', id: 'nosuchdemand', intoId: ids.submitted }), 'NOT_FOUND', null, 'handler'],
  // decline
  ['decline: missing reason', S, () => ({ action: 'decline', id: ids.submitted }), 'INVALID_INPUT', 'reason'],
  ['decline: reason of 201 characters', S, () => ({ action: 'decline', id: ids.submitted, reason: '因'.repeat(201) }), 'INVALID_INPUT', 'reason'],
  ['decline: blank reason', S, () => ({ action: 'decline', id: ids.submitted, reason: '  ' }), 'INVALID_INPUT', 'reason'],
  ['decline: reason as a number', S, () => ({ action: 'decline', id: ids.submitted, reason: 0 }), 'INVALID_INPUT', 'reason'],
  ['decline: unknown id', S, () => ({ action: 'decline', id: 'nosuchdemand', reason: '不受理' }), 'NOT_FOUND', null, 'handler'],
  // accept
  ['accept: missing id', L, () => ({ action: 'accept' }), 'INVALID_INPUT', 'id'],
  ['accept: unknown id', L, () => ({ action: 'accept', id: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  ['accept: unitId in the event', L, () => ({ action: 'accept', id: ids.submitted, unitId: 'unit-renshe' }), 'INVALID_INPUT', 'unitId'],
  // reject
  ['reject: missing reason', L, () => ({ action: 'reject', id: ids.accepted }), 'INVALID_INPUT', 'reason'],
  ['reject: reason of 201 characters', L, () => ({ action: 'reject', id: ids.accepted, reason: '忙'.repeat(201) }), 'INVALID_INPUT', 'reason'],
  ['reject: unknown id', L, () => ({ action: 'reject', id: 'nosuchdemand', reason: '退单' }), 'NOT_FOUND', null, 'handler'],
  // assign
  ['assign: missing memberOpenids', L, () => ({ action: 'assign', id: ids.accepted }), 'INVALID_INPUT', 'memberOpenids'],
  ['assign: no members', L, () => ({ action: 'assign', id: ids.accepted, memberOpenids: [] }), 'INVALID_INPUT', 'memberOpenids'],
  ['assign: 21 members', L, () => ({ action: 'assign', id: ids.accepted, memberOpenids: Array.from({ length: 21 }, (_x, i) => `m-${i}`) }), 'INVALID_INPUT', 'memberOpenids'],
  ['assign: memberOpenids as a string', L, () => ({ action: 'assign', id: ids.accepted, memberOpenids: M }), 'INVALID_INPUT', 'memberOpenids'],
  ['assign: an openid with a space', L, () => ({ action: 'assign', id: ids.accepted, memberOpenids: ['demo member'] }), 'INVALID_INPUT', 'memberOpenids.0'],
  ['assign: a member of another unit', L, () => ({ action: 'assign', id: ids.accepted, memberOpenids: [PEOPLE.memberWeijian] }), 'INVALID_INPUT', null, 'handler'],
  ['assign: an unknown person', L, () => ({ action: 'assign', id: ids.accepted, memberOpenids: ['nobody-at-all'] }), 'INVALID_INPUT', null, 'handler'],
  ['assign: one of the unit and one unknown', L, () => ({ action: 'assign', id: ids.accepted, memberOpenids: [M, 'nobody-at-all'] }), 'INVALID_INPUT', null, 'handler'],
  ['assign: unknown id', L, () => ({ action: 'assign', id: 'nosuchdemand', memberOpenids: [M] }), 'NOT_FOUND', null, 'handler'],
  // claim
  ['claim: missing id', M, () => ({ action: 'claim' }), 'INVALID_INPUT', 'id'],
  ['claim: unknown id', M, () => ({ action: 'claim', id: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  ['claim: for someone else (openid in the event)', M, () => ({ action: 'claim', id: ids.accepted, openid: 'demo-member-chen' }), 'INVALID_INPUT', 'openid'],
  // withdraw
  ['withdraw: id with a space', M, () => ({ action: 'withdraw', id: 'a b' }), 'INVALID_INPUT', 'id'],
  ['withdraw: someone else’s claim (openid in the event)', L, () => ({ action: 'withdraw', id: ids.claimed, openid: M }), 'INVALID_INPUT', 'openid'],
  ['withdraw: unknown id', M, () => ({ action: 'withdraw', id: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  // complete
  ['complete: missing notes', M, () => ({ action: 'complete', id: ids.claimed, hours: 1 }), 'INVALID_INPUT', 'notes'],
  ['complete: notes of 501 characters', M, () => ({ action: 'complete', id: ids.claimed, notes: '做'.repeat(501), hours: 1 }), 'INVALID_INPUT', 'notes'],
  ['complete: hours 0.3 (not a half hour)', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成', hours: 0.3 }), 'INVALID_INPUT', 'hours'],
  ['complete: hours 25', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成', hours: 25 }), 'INVALID_INPUT', 'hours'],
  ['complete: hours 0', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成', hours: 0 }), 'INVALID_INPUT', 'hours'],
  ['complete: hours negative', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成', hours: -2 }), 'INVALID_INPUT', 'hours'],
  ['complete: hours as a string', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成', hours: '2' }), 'INVALID_INPUT', 'hours'],
  ['complete: a photo not cloud://', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成', hours: 1, photos: ['/tmp/x.png'] }), 'INVALID_INPUT', 'photos.0'],
  ['complete: 7 photos', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成', hours: 1, photos: [0, 1, 2, 3, 4, 5, 6].map((n) => own(M, n)) }), 'INVALID_INPUT', 'photos'],
  ['complete: a photo of another person', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成', hours: 1, photos: [own(R)] }), 'INVALID_INPUT', null, 'handler'],
  ['complete: a claimant without hours', M, () => ({ action: 'complete', id: ids.claimed, notes: '完成' }), 'INVALID_INPUT', null, 'handler'],
  ['complete: unknown id', M, () => ({ action: 'complete', id: 'nosuchdemand', notes: '完成', hours: 1 }), 'NOT_FOUND', null, 'handler'],
  // verify
  ['verify: id of 65 characters', S, () => ({ action: 'verify', id: ID_65 }), 'INVALID_INPUT', 'id'],
  ['verify: unexpected field', S, () => ({ action: 'verify', id: ids.completed, passed: true }), 'INVALID_INPUT', 'passed'],
  ['verify: unknown id', S, () => ({ action: 'verify', id: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  // sendBack
  ['sendBack: missing reason', S, () => ({ action: 'sendBack', id: ids.completed }), 'INVALID_INPUT', 'reason'],
  ['sendBack: reason of 201 characters', S, () => ({ action: 'sendBack', id: ids.completed, reason: '差'.repeat(201) }), 'INVALID_INPUT', 'reason'],
  ['sendBack: unknown id', S, () => ({ action: 'sendBack', id: 'nosuchdemand', reason: '不合格' }), 'NOT_FOUND', null, 'handler'],
  // rate
  ['rate: value not in the list', R, () => ({ action: 'rate', id: ids.verified, value: 'good' }), 'INVALID_INPUT', 'value'],
  ['rate: value as a number', R, () => ({ action: 'rate', id: ids.verified, value: 5 }), 'INVALID_INPUT', 'value'],
  ['rate: missing value', R, () => ({ action: 'rate', id: ids.verified }), 'INVALID_INPUT', 'value'],
  ['rate: comment of 201 characters', R, () => ({ action: 'rate', id: ids.verified, value: 'satisfied', comment: '好'.repeat(201) }), 'INVALID_INPUT', 'comment'],
  ['rate: comment as a number', R, () => ({ action: 'rate', id: ids.verified, value: 'satisfied', comment: 1 }), 'INVALID_INPUT', 'comment'],
  ['rate: a score field', R, () => ({ action: 'rate', id: ids.verified, value: 'satisfied', score: 100 }), 'INVALID_INPUT', 'score'],
  ['rate: unknown id', R, () => ({ action: 'rate', id: 'nosuchdemand', value: 'satisfied' }), 'NOT_FOUND', null, 'handler'],
  // returnVisit
  ['returnVisit: missing note', S, () => ({ action: 'returnVisit', id: ids.submitted }), 'INVALID_INPUT', 'note'],
  ['returnVisit: note of 501 characters', S, () => ({ action: 'returnVisit', id: ids.submitted, note: '访'.repeat(501) }), 'INVALID_INPUT', 'note'],
  ['returnVisit: blank note', S, () => ({ action: 'returnVisit', id: ids.submitted, note: ' ' }), 'INVALID_INPUT', 'note'],
  ['returnVisit: unknown id', S, () => ({ action: 'returnVisit', id: 'nosuchdemand', note: '回访' }), 'NOT_FOUND', null, 'handler'],
  // escalate
  ['escalate: missing reason', S, () => ({ action: 'escalate', id: ids.accepted }), 'INVALID_INPUT', 'reason'],
  ['escalate: reason of 201 characters', S, () => ({ action: 'escalate', id: ids.accepted, reason: '哨'.repeat(201) }), 'INVALID_INPUT', 'reason'],
  ['escalate: unknown id', S, () => ({ action: 'escalate', id: 'nosuchdemand', reason: '超时' }), 'NOT_FOUND', null, 'handler'],
  // close
  ['close: missing note', PEOPLE.secretary, () => ({ action: 'close', id: ids.escalated }), 'INVALID_INPUT', 'note'],
  ['close: note of 501 characters', PEOPLE.secretary, () => ({ action: 'close', id: ids.escalated, note: '结'.repeat(501) }), 'INVALID_INPUT', 'note'],
  ['close: unknown id', PEOPLE.secretary, () => ({ action: 'close', id: 'nosuchdemand', note: '关闭' }), 'NOT_FOUND', null, 'handler'],
  // extend (延期): the new date as YYYY-MM-DD, and a reason
  ['extend: missing until', L, () => ({ action: 'extend', id: ids.accepted, reason: '需采购配件' }), 'INVALID_INPUT', 'until'],
  ['extend: until as a datetime', L, () => ({ action: 'extend', id: ids.accepted, until: '2030-01-01T00:00:00Z', reason: '需采购配件' }), 'INVALID_INPUT', 'until'],
  ['extend: until 2030-13-01', L, () => ({ action: 'extend', id: ids.accepted, until: '2030-13-01', reason: '需采购配件' }), 'INVALID_INPUT', 'until'],
  ['extend: missing reason', L, () => ({ action: 'extend', id: ids.accepted, until: '2030-01-01' }), 'INVALID_INPUT', 'reason'],
  ['extend: reason of 201 characters', L, () => ({ action: 'extend', id: ids.accepted, until: '2030-01-01', reason: '延'.repeat(201) }), 'INVALID_INPUT', 'reason'],
  ['extend: a finishBy field', L, () => ({ action: 'extend', id: ids.accepted, until: '2030-01-01', reason: '延期', finishBy: '2030-01-01' }), 'INVALID_INPUT', 'finishBy'],
  ['extend: unknown id', L, () => ({ action: 'extend', id: 'nosuchdemand', until: '2030-01-01', reason: '延期' }), 'NOT_FOUND', null, 'handler'],
  // approveExtension / refuseExtension
  ['approveExtension: missing id', S, () => ({ action: 'approveExtension' }), 'INVALID_INPUT', 'id'],
  ['approveExtension: a until field', S, () => ({ action: 'approveExtension', id: ids.accepted, until: '2030-01-01' }), 'INVALID_INPUT', 'until'],
  ['approveExtension: unknown id', S, () => ({ action: 'approveExtension', id: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  ['refuseExtension: missing reason', S, () => ({ action: 'refuseExtension', id: ids.accepted }), 'INVALID_INPUT', 'reason'],
  ['refuseExtension: reason of 201 characters', S, () => ({ action: 'refuseExtension', id: ids.accepted, reason: '否'.repeat(201) }), 'INVALID_INPUT', 'reason'],
  ['refuseExtension: unknown id', S, () => ({ action: 'refuseExtension', id: 'nosuchdemand', reason: '不同意' }), 'NOT_FOUND', null, 'handler'],
  // urge (催办) / supervise (督办)
  ['urge: note of 201 characters', PEOPLE.admin, () => ({ action: 'urge', id: ids.accepted, note: '催'.repeat(201) }), 'INVALID_INPUT', 'note'],
  ['urge: note as a number', PEOPLE.admin, () => ({ action: 'urge', id: ids.accepted, note: 1 }), 'INVALID_INPUT', 'note'],
  ['urge: unknown id', PEOPLE.admin, () => ({ action: 'urge', id: 'nosuchdemand' }), 'NOT_FOUND', null, 'handler'],
  ['supervise: missing reason', PEOPLE.admin, () => ({ action: 'supervise', id: ids.accepted }), 'INVALID_INPUT', 'reason'],
  ['supervise: blank reason', PEOPLE.admin, () => ({ action: 'supervise', id: ids.accepted, reason: ' ' }), 'INVALID_INPUT', 'reason'],
  ['supervise: unknown id', PEOPLE.admin, () => ({ action: 'supervise', id: 'nosuchdemand', reason: '督办' }), 'NOT_FOUND', null, 'handler'],
  // redispatch (改派)
  ['redispatch: missing unitId', S, () => ({ action: 'redispatch', id: ids.accepted, reason: '超期未办' }), 'INVALID_INPUT', 'unitId'],
  ['redispatch: missing reason', S, () => ({ action: 'redispatch', id: ids.accepted, unitId: 'unit-renshe' }), 'INVALID_INPUT', 'reason'],
  ['redispatch: unknown id', S, () => ({ action: 'redispatch', id: 'nosuchdemand', unitId: 'unit-renshe', reason: '超期未办' }), 'NOT_FOUND', null, 'handler'],
  // queue counts and their reconcile take no input
  ['queueCounts: an unknown field', S, () => ({ action: 'queueCounts', scope: 'all' }), 'INVALID_INPUT', 'scope'],
  ['reconcileQueues: an unknown field', PEOPLE.admin, () => ({ action: 'reconcileQueues', fix: true }), 'INVALID_INPUT', 'fix'],
  // list: the supervision queue's flags
  ['list: flag not in the list', PEOPLE.admin, () => ({ action: 'list', scope: 'supervision', flag: 'urged' }), 'INVALID_INPUT', 'flag'],
  // scorecard
  ['scorecard: scope not in the list', PEOPLE.admin, () => ({ action: 'scorecard', scope: 'town', id: 'c-dongjie', month: '2026-11' }), 'INVALID_INPUT', 'scope'],
  ['scorecard: missing scope', PEOPLE.admin, () => ({ action: 'scorecard', id: 'c-dongjie', month: '2026-11' }), 'INVALID_INPUT', 'scope'],
  ['scorecard: month 2026-13', PEOPLE.admin, () => ({ action: 'scorecard', scope: 'community', id: 'c-dongjie', month: '2026-13' }), 'INVALID_INPUT', 'month'],
  ['scorecard: month 2026-00', PEOPLE.admin, () => ({ action: 'scorecard', scope: 'community', id: 'c-dongjie', month: '2026-00' }), 'INVALID_INPUT', 'month'],
  ['scorecard: month 2026-1', PEOPLE.admin, () => ({ action: 'scorecard', scope: 'community', id: 'c-dongjie', month: '2026-1' }), 'INVALID_INPUT', 'month'],
  ['scorecard: month 202611', PEOPLE.admin, () => ({ action: 'scorecard', scope: 'community', id: 'c-dongjie', month: '202611' }), 'INVALID_INPUT', 'month'],
  ['scorecard: missing month', PEOPLE.admin, () => ({ action: 'scorecard', scope: 'community', id: 'c-dongjie' }), 'INVALID_INPUT', 'month'],
  ['scorecard: id with a space', PEOPLE.admin, () => ({ action: 'scorecard', scope: 'community', id: 'c dongjie', month: '2026-11' }), 'INVALID_INPUT', 'id'],
  ['scorecard: missing id', PEOPLE.admin, () => ({ action: 'scorecard', scope: 'unit', month: '2026-11' }), 'INVALID_INPUT', 'id'],
];

describe('typed refusal with a Chinese message; nothing changed', () => {
  test.each(ROWS)('%s → %s', async (_label, caller, event, code, field, where = 'edge') => {
    const message = await refused(caller, event(), code, where);
    if (field) expect(message).toContain(`「${field}」`);
  });

  test('every dispatch action has bad-input rows', () => {
    const covered = new Set(ROWS.map(([label]) => label.split(':')[0]));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const actions = Object.keys(require('../../cloudfunctions/dispatch/index').describe());
    expect(actions.filter((a) => !covered.has(a))).toEqual([]);
  });
});

describe('messages say what is wrong', () => {
  test('too long says the maximum', async () => {
    expect(await refused(R, { action: 'submit', category: 'other', text: '长'.repeat(501) })).toContain('500');
    expect(await refused(S, { action: 'decline', id: ids.submitted, reason: '因'.repeat(201) })).toContain('200');
  });

  test('out of range says the bound', async () => {
    expect(await refused(S, { action: 'dispatch', id: ids.submitted, slots: 21, expectedHours: 1 })).toContain('20');
    expect(await refused(M, { action: 'complete', id: ids.claimed, notes: '完成', hours: 25 })).toContain('24');
  });

  test('a missing field is called missing; a mistyped one is not', async () => {
    expect(await refused(R, { action: 'submit', category: 'other' })).toContain('缺少');
    const mistyped = await refused(S, { action: 'dispatch', id: ids.submitted, slots: '2', expectedHours: 1 });
    expect(mistyped).not.toContain('缺少');
    expect(mistyped).toContain('类型不正确');
  });

  // Regression: zod 4 reports a missing enum field as invalid_value; it must read as missing.
  test.each<[string, Record<string, unknown>]>([
    ['submit without category', { action: 'submit', text: '缺类别' }],
    ['list without scope', { action: 'list' }],
    ['uploadPhoto without contentType', { action: 'uploadPhoto', base64: PNG }],
    ['rate without value', { action: 'rate', id: 'someid' }],
  ])('a missing choice is called missing too (%s)', async (_label, event) => {
    expect(await refused(R, event)).toContain('缺少');
  });

  test('an unexpected field is named as not allowed', async () => {
    expect(await refused(R, { action: 'submit', category: 'other', text: '冒名', openid: PEOPLE.admin })).toContain('不允许的字段');
  });

  test('input is checked after identity: no openid → UNAUTHENTICATED, whatever the payload', async () => {
    await refused(null, { action: 'submit', category: 'weather' }, 'UNAUTHENTICATED');
    await refused('never-registered', { action: 'submit', category: 'weather' }, 'INVALID_INPUT');
  });
});

describe('identity never comes from the event', () => {
  test('an openid in submit is refused, and no demand is filed for anyone', async () => {
    const count = () => h.local.db.store.all('demands').length;
    const before = count();
    await refused(PEOPLE.residentXimen, { action: 'submit', category: 'other', text: '冒名反映', openid: PEOPLE.resident });
    expect(count()).toBe(before);
  });

  test('the platform-injected userInfo is ignored: the demand is the caller’s', async () => {
    const { result } = await h.raw(PEOPLE.residentXimen, 'dispatch', {
      action: 'submit',
      category: 'other',
      text: '书香苑路灯不亮',
      userInfo: { appId: 'wx123', openId: PEOPLE.resident },
    });
    expect(result).toMatchObject({ ok: true, data: { communityId: 'c-ximen', submitterName: '李建国' } });
    const id = (result as { data: { _id: string } }).data._id;
    const stored = (h.local.db.store.all('demands') as unknown as Demand[]).find((d) => d._id === id);
    expect(stored?.submitter.openid).toBe(PEOPLE.residentXimen);
  });

  test('uploaded photos go under the caller’s own folder, whatever the event says', async () => {
    const photo = await h.ok(PEOPLE.member, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG });
    expect(photo.fileID).toMatch(new RegExp(`^cloud://local/demands/${M}/[0-9a-f]+\\.png$`));
  });
});

describe('what is allowed: the boundaries', () => {
  async function fresh(): Promise<string> {
    return (await h.ok(R, 'dispatch', 'submit', { category: 'other', text: '边界' }))._id;
  }

  test('a text of 500, a reason of 200, 6 own photos, every category and urgency', async () => {
    const photos = [];
    for (let i = 0; i < 6; i++) photos.push((await h.ok(R, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG })).fileID);
    const d = await h.ok(R, 'dispatch', 'submit', { category: 'other', text: ` ${'长'.repeat(500)} `, photos, urgency: 'complex', kind: 'wish', anonymous: true });
    expect(d.text).toBe('长'.repeat(500));
    expect(d.photos.map((p) => p.fileID)).toEqual(photos);
    expect(d.photos.every((p) => p.url.startsWith('/files/demands/'))).toBe(true);
    const declined = await h.ok(S, 'dispatch', 'decline', { id: d._id, reason: '因'.repeat(200) });
    expect(declined.timeline.at(-1)?.reason).toBe('因'.repeat(200));
    for (const category of ['elderlyCare', 'environment', 'facilities', 'safety', 'neighbourhood', 'employment', 'health', 'other'] as const) {
      await h.ok(R, 'dispatch', 'submit', { category, text: '类别', urgency: 'urgent' });
    }
  });

  test('JPEG and WebP uploads with their own signatures', async () => {
    expect((await h.ok(R, 'dispatch', 'uploadPhoto', { contentType: 'image/jpeg', base64: JPEG })).fileID).toMatch(/\.jpg$/);
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]).toString('base64');
    expect((await h.ok(R, 'dispatch', 'uploadPhoto', { contentType: 'image/webp', base64: webp })).fileID).toMatch(/\.webp$/);
  });

  test('slots 1 and 20, expectedHours 0.5 and 100, an ISO deadline with an offset', async () => {
    const a = await h.ok(S, 'dispatch', 'dispatch', { id: await fresh(), unitId: 'unit-renshe', slots: 1, expectedHours: 0.5 });
    expect(a.dispatch).toMatchObject({ slots: 1, expectedHours: 0.5 });
    const deadline = new Date(Date.now() + 3 * 24 * 3600_000).toISOString().replace('Z', '+00:00');
    const b = await h.ok(S, 'dispatch', 'dispatch', { id: await fresh(), unitId: 'unit-renshe', slots: 20, expectedHours: 100, deadline });
    expect(b.dispatch).toMatchObject({ slots: 20, expectedHours: 100 });
    expect(new Date(b.dispatch!.finishBy).getTime()).toBe(new Date(deadline).getTime());
  });

  test('hours 0.5 and 24; a month of 2026-12; page 10000', async () => {
    const id = await fresh();
    await h.ok(S, 'dispatch', 'dispatch', { id, unitId: 'unit-renshe', slots: 2, expectedHours: 2 });
    await h.ok(L, 'dispatch', 'accept', { id });
    await h.ok(M, 'dispatch', 'claim', { id });
    await h.ok(L, 'dispatch', 'claim', { id });
    await h.ok(M, 'dispatch', 'complete', { id, notes: '完成', hours: 0.5 });
    const done = await h.ok(L, 'dispatch', 'complete', { id, notes: '完成', hours: 24 });
    expect(done.claims.map((c) => c.hours)).toEqual([0.5, 24]);
    expect(await h.ok(PEOPLE.admin, 'dispatch', 'scorecard', { scope: 'unit', id: 'unit-renshe', month: '2026-12' })).toMatchObject({ month: '2026-12' });
    expect((await h.ok(R, 'dispatch', 'list', { scope: 'mine', page: 10000, pageSize: 50 })).items).toEqual([]);
  });
});

describe('scorecards name something that exists', () => {
  // Regression: a scorecard of a community or unit that does not exist is NOT_FOUND, not zeros.
  test.each<[string, 'community' | 'unit']>([
    ['c-nosuch', 'community'],
    ['unit-nosuch', 'unit'],
    ['unit-renshe', 'community'],
  ])('the county asking for %s as a %s → NOT_FOUND', async (id, scope) => {
    await refused(PEOPLE.admin, { action: 'scorecard', scope, id, month: '2026-11' }, 'NOT_FOUND', 'handler');
  });

  test('the scorecard of a real community with nothing dispatched is zeros, with no rates', async () => {
    expect(await h.ok(PEOPLE.admin, 'dispatch', 'scorecard', { scope: 'community', id: 'c-nanshan', month: '2026-11' })).toMatchObject({
      dispatched: 0,
      responseRate: null,
    });
  });
});

describe('photos must be the caller’s own', () => {
  // Regression: a photo id must be exactly demands/<own openid>/<file>; ".." used to pass.
  test('a path that climbs out of one’s own folder (“..”) is refused', async () => {
    const staffPhoto = await h.ok(S, 'dispatch', 'uploadPhoto', { contentType: 'image/png', base64: PNG });
    const name = staffPhoto.fileID.split('/').pop();
    const sneaky = `cloud://local/demands/${R}/../${S}/${name}`;
    await refused(R, { action: 'submit', category: 'other', text: '借用别人的照片', photos: [sneaky] }, 'INVALID_INPUT', 'handler');
  });
});
