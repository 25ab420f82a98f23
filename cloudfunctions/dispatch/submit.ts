/** dispatch: submitting a demand, uploading its photos, reading lists and details, the scorecard. */
import crypto from 'node:crypto';
import { canRead } from '../core/demand';
import { staffCommunities } from '../core/actor';
import type { Demand } from '../../types/dispatch';
import type { User } from '../../types/domain';
import { _, cloud, db } from '../lib/cloud';
import type { Data } from '../lib/database';
import { toDemandDetail, toDemandSummary } from './views';
import { loadDemand } from './store';
import { AppError, refuse } from '../lib/errors';
import { newDemand } from '../core/new-demand';
import { newId } from '../lib/ids';
import { fetchPhoto } from '../lib/photo-source';
import type { Handlers } from '../lib/router';
import { listInput, submitInput, uploadPhotoInput, byId } from './schemas';
import { ownsPhoto } from '../lib/storage';

type H = Handlers<'dispatch'>;

export const submit: H['submit'] = {
  input: submitInput,
  async run(input, ctx) {
    const actor = ctx.actor;
    let resident: User = ctx.user;
    if (input.onBehalfOf) {
      const target = (await db.collection('users').doc(input.onBehalfOf).get<User>()).data;
      if (!target || !target.communityId || !staffCommunities(ctx.user.roles).includes(target.communityId)) {
        throw refuse.forbidden('只能为本社区的居民代为反映');
      }
      resident = target;
    }
    if (!resident.communityId) throw new AppError('INVALID_STATE', '请先在「我的」页面绑定所住楼栋，诉求才能送到所在社区');
    if (input.householdId) await checkHousehold(input.householdId, resident, staffCommunities(ctx.user.roles));
    const photos = input.photos ?? [];
    if (photos.some((p) => !ownsPhoto(p, ctx.openid))) throw refuse.invalid('只能使用您自己上传的照片');
    const demand = newDemand({
      _id: newId(),
      kind: input.kind,
      category: input.category,
      text: input.text,
      photos,
      urgency: input.urgency,
      anonymous: input.anonymous,
      submitter: { openid: resident._id, name: resident.name, phone: resident.phone },
      onBehalfBy: input.onBehalfOf ? ctx.openid : null,
      communityId: resident.communityId,
      buildingId: resident.buildingId,
      householdId: input.householdId,
      actor: { openid: ctx.openid, name: ctx.user.name },
      now: ctx.now,
    });
    await db.collection('demands').add({ data: demand });
    return toDemandDetail(demand, actor, ctx.now);
  },
};

const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};
const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const MAX_PHOTO = 1024 * 1024;

export const uploadPhoto: H['uploadPhoto'] = {
  input: uploadPhotoInput,
  async run({ contentType, base64, cdn }, ctx) {
    const bytes = cdn !== undefined ? await fetchPhoto(cdn, MAX_PHOTO) : decodeBase64(base64!);
    if (bytes.length > MAX_PHOTO) throw refuse.invalid('照片不能超过 1 MB，请压缩后再传');
    // The bytes must be what they claim: the declared type is checked against the file's signature.
    if (!SIGNATURES[contentType](bytes)) throw refuse.invalid('只支持 JPG、PNG、WebP 格式的照片');
    const cloudPath = `demands/${ctx.openid}/${crypto.randomBytes(8).toString('hex')}.${EXT[contentType]}`;
    const up = (await cloud.uploadFile({ cloudPath, fileContent: bytes })) as unknown as { fileID: string };
    const urls = (await cloud.getTempFileURL({ fileList: [up.fileID] })) as unknown as { fileList: { tempFileURL: string }[] };
    return { fileID: up.fileID, url: urls.fileList[0]?.tempFileURL ?? '' };
  },
};

/**
 * A demand about a household makes a return visit due for that household's visitors once it is
 * resolved (Pillar 3), so naming one is held to the people it concerns: a household in the
 * resident's own building, or any household of the community for its staff.
 */
async function checkHousehold(householdId: string, resident: User, staffOf: string[]): Promise<void> {
  const h = (await db.collection('households').doc(householdId).get<{ buildingId: string; communityId: string }>()).data;
  const mayName = !!h && h.communityId === resident.communityId && (staffOf.includes(h.communityId) || h.buildingId === resident.buildingId);
  if (!mayName) throw refuse.forbidden('只能为本楼栋的住户反映（社区工作人员可为本社区住户反映）');
}

function decodeBase64(base64: string): Buffer {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw refuse.invalid('照片数据不是有效的 base64');
  return Buffer.from(base64, 'base64');
}

export const detail: H['detail'] = {
  input: byId,
  async run({ id }, ctx) {
    const actor = ctx.actor;
    const d = await loadDemand(id);
    if (!d || !canRead(d, actor)) throw refuse.notFound('诉求');
    return toDemandDetail(d, actor, ctx.now);
  },
};

export const list: H['list'] = {
  input: listInput,
  async run({ scope, status, urgency, overdue, page = 1, pageSize = 20 }, ctx) {
    const actor = ctx.actor;
    const roles = ctx.user.roles;
    const unitsAs = (role: 'liaison' | 'member') => roles.filter((g) => g.role === role && g.unitId).map((g) => g.unitId!);
    const conditions: Data[] = [];
    switch (scope) {
      case 'mine':
        conditions.push({ 'submitter.openid': ctx.openid });
        break;
      case 'triage':
      case 'community': {
        const communities = staffCommunities(roles);
        if (!communities.length) throw refuse.forbidden('只有社区工作人员可以查看社区诉求');
        conditions.push({ communityId: _.in(communities) });
        if (scope === 'triage' && !status) conditions.push({ status: 'submitted' });
        break;
      }
      case 'unit': {
        const units = unitsAs('liaison');
        if (!units.length) throw refuse.forbidden('只有单位联络员可以查看单位派单');
        conditions.push({ 'dispatch.offeredTo': _.in(units) });
        break;
      }
      case 'claimable': {
        const units = unitsAs('member');
        if (!units.length) throw refuse.forbidden('只有在职党员可以认领任务');
        conditions.push({ 'dispatch.unitId': _.in(units), status: 'accepted', openSlots: _.gt(0), 'claims.openid': _.neq(ctx.openid) });
        break;
      }
      case 'myTasks':
        conditions.push({ 'claims.openid': ctx.openid });
        break;
    }
    if (status) conditions.push({ status });
    if (urgency) conditions.push({ urgency });
    if (overdue) {
      conditions.push(
        _.or([
          { status: 'dispatched', 'dispatch.acceptBy': _.lt(ctx.now) },
          { status: _.in(['dispatched', 'accepted']), 'dispatch.finishBy': _.lt(ctx.now) },
        ]) as Data,
      );
    }
    const query = db.collection('demands').where(conditions.length === 1 ? conditions[0] : (_.and(conditions) as Data));
    // One request: a page and one item more, which tells whether there is a next page.
    const found = (await query.orderBy('createdAt', 'desc').skip((page - 1) * pageSize).limit(pageSize + 1).get<Demand>()).data;
    return { items: found.slice(0, pageSize).map((d) => toDemandSummary(d, actor, ctx.now)), page, pageSize, hasMore: found.length > pageSize };
  },
};
