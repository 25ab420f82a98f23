/** Domain types shared by the functions and the mini-program. Contracts only: no runtime code. */

/** Roles from the glossary. One person can hold several. */
export type Role = 'resident' | 'member' | 'liaison' | 'staff' | 'gridWorker' | 'secretary' | 'admin' | 'town';

/**
 * A role held by a person, with the scope it applies to:
 * staff, gridWorker and secretary act on one community; liaison on one unit;
 * member belongs to a unit (where they work); town 镇街干部 acts on one town (a region of level
 * town) and its communities; admin and resident carry no scope here.
 */
export interface RoleGrant {
  role: Role;
  communityId?: string;
  unitId?: string;
  townId?: string;
}

/** Levels of the region tree, top down. Households hang under buildings (collection `households`). */
export type RegionLevel = 'county' | 'town' | 'community' | 'estate' | 'building';

export interface Region {
  _id: string;
  level: RegionLevel;
  name: string;
  /** null for the county. */
  parentId: string | null;
  /** Ancestor ids from the county down, excluding this region. */
  path: string[];
  /** path.length: 0 for the county, 4 for a building. */
  depth: number;
  /** 统计用区划代码 (12 digits) of a town or community: unique, the import's natural key. */
  divisionCode?: string;
  /** Archived (归档): kept for its history, hidden from the tree unless asked, takes no new children. */
  archived?: boolean;
}

/** A region with its children, as `org.regionTree` returns it. */
export interface RegionNode extends Region {
  children: RegionNode[];
}

/** 县直单位 / 共建单位. */
export interface Unit {
  _id: string;
  name: string;
  /** Short description of what the unit does, shown when staff choose where to dispatch. */
  description: string;
  /** Archived: kept for its history, left out of listUnits unless asked, cannot be paired. */
  archived?: boolean;
}

/** 结对共建: a unit paired with a community. `_id` is `${unitId}_${communityId}`. */
export interface UnitPairing {
  _id: string;
  unitId: string;
  communityId: string;
  createdAt: Date | string;
  createdBy: string;
}

/** A person as stored (collection `users`, `_id` = openid). */
export interface User {
  _id: string;
  name: string;
  /** Stored in full; returned masked except to whoever must call. */
  phone: string;
  roles: RoleGrant[];
  /** Where the person lives (residents, members for 双报到). */
  communityId: string | null;
  buildingId: string | null;
  /** Where a member works. */
  unitId: string | null;
  /** 长辈模式: null until the person chooses; then their choice wins over the device setting. */
  elderMode: boolean | null;
  createdAt: Date | string;
}

/** The caller's own profile, as `org.me` returns it. */
export interface Me {
  openid: string;
  name: string;
  /** Masked (138****1234). */
  phone: string;
  roles: RoleGrant[];
  community: { _id: string; name: string } | null;
  building: { _id: string; name: string } | null;
  /** The work unit, with the communities it is paired with (结对社区: whose posts and wishes its members may claim). */
  unit: { _id: string; name: string; communities: { _id: string; name: string }[] } | null;
  elderMode: boolean | null;
}

/** A person as listed to staff and admins: masked phone, no preferences. */
export interface UserSummary {
  openid: string;
  name: string;
  phone: string;
  roles: RoleGrant[];
  communityId: string | null;
  unitId: string | null;
}

/**
 * A page of results without a total: the server reads one item more than asked and says whether
 * there is more (counting would cost a second database request on every list).
 */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** A page of results, with how many there are in all. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
