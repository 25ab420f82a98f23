/**
 * Reading what is sensitive: a household's detail and its visits go only to those who care for it
 * (core/visits-access.ts), and each such read is logged before anything is returned. Also which
 * community a staff list is about.
 */
import { canSeePairingChanges, careAccess } from '../core/visits-access';
import { staffCommunities, type Actor } from '../core/actor';
import type { HouseholdCare, KeyHousehold, KeyHouseholdDetail, SensitiveRead, VisitPage } from '../../types/visits';
import { refuse } from '../lib/errors';
import { toPage } from '../lib/paging';
import { loadCare, logSensitiveRead, pairingChanges, readVisits, recentVisits } from './store';
import { toDetail, toVisitViews } from './views';

/** The latest visits a detail shows. */
const RECENT = 10;

/**
 * A household's detail for this reader. Permitted readers get the care details and recent visits,
 * and the read is logged first; the admin gets the schedule only; `written` is the care the caller
 * just wrote (mark, update), so it is not read again.
 */
export async function detailFor(h: KeyHousehold, reader: Actor, now: Date, action: SensitiveRead['action'], written?: HouseholdCare): Promise<KeyHouseholdDetail> {
  const access = careAccess(h, reader);
  const changes = canSeePairingChanges(reader.roles, h.communityId) ? pairingChanges(h._id) : Promise.resolve([]);
  if (!access || !h.active) {
    // The admin sees that a household is key and how it is scheduled, never what it is; an
    // unmarked household's details are deleted.
    return toDetail(h, reader, now, { care: null, visits: [], pairingChanges: await changes });
  }
  const [care, visits, pairings] = await Promise.all([written ? Promise.resolve(written) : loadCare(h._id), recentVisits(h._id, RECENT), changes]);
  await logSensitiveRead(h, reader, access, action, now);
  return toDetail(h, reader, now, { care, visits: await toVisitViews(visits), pairingChanges: pairings });
}

/** A page of a household's visits (their notes are sensitive: logged like a detail). */
export async function visitsPage(h: KeyHousehold, reader: Actor, now: Date, page: number, pageSize: number): Promise<VisitPage> {
  const access = careAccess(h, reader);
  if (!access) throw refuse.forbidden('走访记录只有包户走访人和本社区工作人员可以查看');
  const found = await readVisits(h._id, page, pageSize);
  await logSensitiveRead(h, reader, access, 'listVisits', now);
  const visits = toPage(found, page, pageSize, (v) => v);
  return { ...visits, items: await toVisitViews(visits.items) };
}

/** Which community a staff list is about: the one asked for (if theirs), or their only one. */
export function staffCommunity(reader: Actor, requested: string | undefined): string {
  const own = staffCommunities(reader.roles);
  if (requested ? !own.includes(requested) : own.length !== 1) {
    throw requested || !own.length ? refuse.forbidden('只有本社区的工作人员可以查看') : refuse.invalid('请选择社区（communityId）');
  }
  return requested ?? own[0];
}
