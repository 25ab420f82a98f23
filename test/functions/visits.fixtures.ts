/** Fixtures for the visits tests: key households marked and paired through the function itself. */
import type { KeyHouseholdDetail, KeyHouseholdFields } from '../../types/visits';
import { PEOPLE, type Harness } from './harness';

/** 东街社区 households (幸福小区1号楼 101, 102 …) and one of 西门社区. */
export const HH = {
  a: 'h-xingfu-1-101',
  b: 'h-xingfu-1-102',
  c: 'h-xingfu-1-201',
  d: 'h-heping-1-101',
  ximen: 'h-ximenhuayuan-1-101',
} as const;

export const FIELDS: KeyHouseholdFields = {
  categories: ['livingAlone', 'disabled'],
  careLevel: 'weekly',
  contactName: '赵阿婆',
  contactPhone: '13912345678',
  notes: '耳背，敲门要用力；钥匙在邻居李姐处',
};

/** Marks a household as key (as staff of its community) and pairs the given visitors. */
export async function keyHousehold(
  h: Harness,
  householdId: string,
  visitors: string[] = [PEOPLE.member],
  fields: Partial<KeyHouseholdFields> = {},
  staff: string = householdId === HH.ximen ? PEOPLE.staffXimen : PEOPLE.staff,
): Promise<KeyHouseholdDetail> {
  let d = await h.ok(staff, 'visits', 'markKey', { householdId, ...FIELDS, ...fields });
  for (const v of visitors) d = await h.ok(staff, 'visits', 'pair', { householdId, visitorOpenid: v });
  return d;
}
