/**
 * A household marked as key (重点户) is two documents: the `keyHouseholds` record every visitor's
 * list reads (masked phone, schedule) and the `householdCare` record only those who must call see
 * (categories, full phone, notes). One builder for both, used by visits.markKey and by the
 * organisation workbook's import, so a field added to either lands in both paths. Pure.
 */
import type { HouseholdCare, KeyHousehold, KeyHouseholdFields, Visitor } from '../../types/visits';
import { maskPhone } from './mask';
import type { Schedule } from './visits';

export interface KeyMarking {
  /** Where the household is: its id, and the region ids its lists filter on. */
  household: { _id: string; communityId: string; estateId: string; buildingId: string; room: string };
  address: string;
  fields: KeyHouseholdFields;
  visitors: Visitor[];
  markedBy: string;
  schedule: Schedule;
  /** Whether the reminder of the current due window was already sent. */
  reminded: boolean;
  /** The previous record's version (0 for a first marking). */
  version: number;
  now: Date;
  by: string;
}

export function keyHouseholdDocs(m: KeyMarking): { key: KeyHousehold; care: HouseholdCare } {
  const h = m.household;
  const key: KeyHousehold = {
    _id: h._id,
    communityId: h.communityId,
    estateId: h.estateId,
    buildingId: h.buildingId,
    room: h.room,
    address: m.address,
    active: true,
    contactName: m.fields.contactName,
    contactPhoneMasked: maskPhone(m.fields.contactPhone),
    visitors: m.visitors,
    markedBy: m.markedBy,
    ...m.schedule,
    reminded: m.reminded,
    updatedAt: m.now,
    version: m.version + 1,
  };
  const care: HouseholdCare = {
    _id: h._id,
    communityId: h.communityId,
    categories: m.fields.categories,
    contactPhone: m.fields.contactPhone,
    notes: m.fields.notes ?? '',
    updatedAt: m.now,
    updatedBy: m.by,
  };
  return { key, care };
}
