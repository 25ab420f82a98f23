/**
 * Pairings (结对共建) read with what they join, in ONE request each: a community's paired units —
 * what a need, a post or a zone records when it is published, so that the members of those units
 * may claim it (双向认领) without a read of the pairings at every claim — and a unit's paired
 * communities, which a member's profile names.
 */
import type { Region, Unit, UnitPairing } from '../../types/domain';
import { db } from './cloud';

type CommunityRow = Region & { pairings?: UnitPairing[]; units?: Unit[] };

/** The community's name and its paired units (not archived) with their names, in ONE request. */
export async function loadCommunityWithUnits(communityId: string): Promise<{ name: string; units: { id: string; name: string }[] } | null> {
  const [row] = (
    await db
      .collection('regions')
      .aggregate()
      .match({ _id: communityId, level: 'community' })
      .lookup({ from: 'pairings', localField: '_id', foreignField: 'communityId', as: 'pairings' })
      .lookup({ from: 'units', localField: 'pairings.unitId', foreignField: '_id', as: 'units' })
      .limit(1)
      .end<CommunityRow>()
  ).list;
  if (!row) return null;
  return { name: row.name, units: (row.units ?? []).filter((u) => !u.archived).map((u) => ({ id: u._id, name: u.name })) };
}

export type UnitWithCommunities = Unit & { communities: { _id: string; name: string }[] };
type UnitRow = Unit & { pairings?: UnitPairing[]; paired?: Region[] };

/** A unit with the communities it is paired with (not archived), by name, in ONE request. */
export async function loadUnitWithCommunities(unitId: string): Promise<UnitWithCommunities | null> {
  const [row] = (
    await db
      .collection('units')
      .aggregate()
      .match({ _id: unitId })
      .lookup({ from: 'pairings', localField: '_id', foreignField: 'unitId', as: 'pairings' })
      .lookup({ from: 'regions', localField: 'pairings.communityId', foreignField: '_id', as: 'paired' })
      .limit(1)
      .end<UnitRow>()
  ).list;
  if (!row) return null;
  const { pairings: _pairings, paired = [], ...unit } = row;
  const communities = paired.filter((c) => !c.archived).map((c) => ({ _id: c._id, name: c.name })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  return { ...unit, communities };
}
