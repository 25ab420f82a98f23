/**
 * What the caller may see of a project: the work itself (the lists are the community's public
 * work), who took part by name, progress with photos — never a phone — and the steps this caller
 * may take now (`allowedActions`, from the same rules that enforce them).
 */
import { allowedProjectActions, claimUnitsOf, serviceActions } from '../core/project';
import type { Actor } from '../core/actor';
import type { Project, ProjectView, Service, ServiceView } from '../../types/projects';
import { tempUrls } from '../lib/storage';

/** Every progress photo of these projects, in one call for temporary URLs. */
export function photoUrls(projects: Project[]): Promise<Map<string, string>> {
  return tempUrls([...new Set(projects.flatMap((p) => p.progress.flatMap((u) => u.photos)))]);
}

export function showProject(p: Project, a: Actor, urls: Map<string, string>): ProjectView {
  const claimable = p.status === 'open' ? claimUnitsOf(p, a) : [];
  return {
    _id: p._id,
    origin: p.origin,
    communityId: p.communityId,
    communityName: p.communityName,
    title: p.title,
    description: p.description,
    helpWanted: p.helpWanted,
    period: p.period,
    year: p.year,
    unitId: p.unitId,
    unitName: p.unitName,
    pairingId: p.pairingId,
    serviceId: p.serviceId,
    status: p.status,
    publishedBy: { name: p.publishedBy.name },
    claim: p.claim ? { name: p.claim.name, at: p.claim.at } : null,
    members: p.members,
    progress: p.progress.map((u) => ({ text: u.text, byName: u.byName, at: u.at, photos: u.photos.map((fileID) => ({ fileID, url: urls.get(fileID) ?? '' })) })),
    completion: p.completion ? { note: p.completion.note, byName: p.completion.byName, at: p.completion.at } : null,
    rating: p.rating ? { value: p.rating.value, comment: p.rating.comment, byName: p.rating.byName, at: p.rating.at } : null,
    declineReason: p.declineReason,
    ...(claimable.length ? { claimableBy: claimable.map((u) => ({ unitId: u, unitName: p.pairedUnitNames[u] ?? '' })) } : {}),
    createdAt: p.createdAt,
    allowedActions: allowedProjectActions(p, a),
  };
}

export async function showOne(p: Project, a: Actor): Promise<ProjectView> {
  return showProject(p, a, await photoUrls([p]));
}

export const showService = (s: Service, a: Actor, pairedCommunities: string[]): ServiceView => ({ ...s, allowedActions: serviceActions(s, a, pairedCommunities) });
