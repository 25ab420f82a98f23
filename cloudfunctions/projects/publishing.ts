/**
 * The two lists: a community's staff publish a need (需求清单); a unit's liaison lists a service
 * or resource (服务清单 / 资源清单) and takes it down; a paired community's staff request a listed
 * service, which makes a project waiting for the unit (待接受). Each is the caller (read by the
 * router), at most one more read, and one write.
 */
import { pairingIdOf, periodRefusal, requestRefusal, yearOf } from '../core/project';
import { isLiaisonOf, isStaffOf } from '../core/actor';
import type { Project } from '../../types/projects';
import { AppError, refuse } from '../lib/errors';
import { newId } from '../lib/ids';
import type { Handlers } from '../lib/router';
import { messagesOf } from './notices';
import { publishNeedInput, publishServiceInput, requestInput, byId } from './schemas';
import { loadCommunityWithUnits } from '../lib/pairings';
import { insertProject, insertService, loadService, loadServiceWithPairings, loadUnit, withdrawServiceDoc } from './store';
import { showOne, showService } from './views';

type H = Handlers<'projects'>;

const base = (now: Date) => ({
  members: [],
  memberIds: [],
  progress: [],
  completion: null,
  rating: null,
  declineReason: null,
  version: 1,
  createdAt: now,
  updatedAt: now,
});

/** A need on the community's 需求清单; the units paired with it then may claim it (one $lookup read). */
export const publishNeed: H['publishNeed'] = {
  input: publishNeedInput,
  async run(input, { actor, now }) {
    if (!isStaffOf(actor.roles, input.communityId)) throw refuse.forbidden('只有本社区的工作人员可以发布需求清单');
    const late = periodRefusal(input.period, now);
    if (late) throw refuse.invalid(late);
    const community = await loadCommunityWithUnits(input.communityId);
    if (!community) throw refuse.notFound('社区');
    const p: Project = {
      _id: newId(),
      origin: 'need',
      communityId: input.communityId,
      communityName: community.name,
      title: input.title,
      description: input.description,
      helpWanted: input.helpWanted,
      period: input.period,
      year: yearOf(input.period),
      unitId: null,
      unitName: null,
      pairingId: null,
      serviceId: null,
      pairedUnitIds: community.units.map((u) => u.id),
      pairedUnitNames: Object.fromEntries(community.units.map((u) => [u.id, u.name])),
      publishedBy: { openid: actor.openid, name: actor.name },
      claim: null,
      serviceBy: null,
      status: 'open',
      timeline: [{ event: 'publish', from: null, to: 'open', by: actor.openid, byName: actor.name, at: now, note: null }],
      ...base(now),
    };
    await insertProject(p);
    return showOne(p, actor);
  },
};

/** An offer on the unit's 服务清单 / 资源清单 (the unit's name: one read). */
export const publishService: H['publishService'] = {
  input: publishServiceInput,
  async run(input, { actor, now }) {
    if (!isLiaisonOf(actor.roles, input.unitId)) throw refuse.forbidden('只有本单位的联络员可以发布服务清单');
    const unit = await loadUnit(input.unitId);
    if (!unit || unit.archived) throw refuse.notFound('单位');
    const s = { _id: newId(), unitId: unit._id, unitName: unit.name, kind: input.kind, title: input.title, description: input.description, withdrawn: false, by: actor.openid, byName: actor.name, createdAt: now };
    await insertService(s);
    return showService(s, actor, []);
  },
};

export const withdrawService: H['withdrawService'] = {
  input: byId,
  async run({ id }, { actor }) {
    const s = await loadService(id);
    if (!s) throw refuse.notFound('服务');
    if (!isLiaisonOf(actor.roles, s.unitId)) throw refuse.forbidden('只有本单位的联络员可以下架服务');
    if (!s.withdrawn && !(await withdrawServiceDoc(id))) throw refuse.conflict();
    return showService({ ...s, withdrawn: true }, actor, []);
  },
};

/** 申请服务: a project of the pairing waiting for the unit (the service with its pairings: one $lookup read). */
export const request: H['request'] = {
  input: requestInput,
  async run(input, { actor, now }) {
    if (!isStaffOf(actor.roles, input.communityId)) throw refuse.forbidden('只有社区的工作人员可以申请服务');
    const late = periodRefusal(input.period, now);
    if (late) throw refuse.invalid(late);
    const found = await loadServiceWithPairings(input.serviceId);
    if (!found) throw refuse.notFound('服务');
    const { service: s, communities } = found;
    const refused = requestRefusal(s, input.communityId, communities.has(input.communityId), actor);
    if (refused) throw new AppError(refused.code, refused.message);
    const p: Project = {
      _id: newId(),
      origin: 'service',
      communityId: input.communityId,
      communityName: communities.get(input.communityId) ?? '',
      title: s.title,
      description: s.description,
      helpWanted: input.helpWanted,
      period: input.period,
      year: yearOf(input.period),
      unitId: s.unitId,
      unitName: s.unitName,
      pairingId: pairingIdOf(s.unitId, input.communityId),
      serviceId: s._id,
      pairedUnitIds: [],
      pairedUnitNames: {},
      publishedBy: { openid: actor.openid, name: actor.name },
      claim: null,
      serviceBy: s.by,
      status: 'requested',
      timeline: [{ event: 'request', from: null, to: 'requested', by: actor.openid, byName: actor.name, at: now, note: input.helpWanted }],
      ...base(now),
    };
    // The service's publisher hears of it: the job written with the project (one transaction).
    await insertProject(p, messagesOf(p, s.by && s.by !== actor.openid ? [{ kind: 'notify', template: 'serviceRequested', to: s.by }] : []));
    return showOne(p, actor);
  },
};
