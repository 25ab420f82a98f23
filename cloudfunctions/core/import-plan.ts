/**
 * Each import row against what exists: create, change or leave alone — and the exact writes, or
 * the column and a Chinese reason the row is refused. Pure: `World` is an in-memory index of the
 * database (loaded by the function), and `remember` adds a row's writes to it, so later rows see
 * what earlier rows create in the dry run exactly as they will in the apply.
 *
 * Natural keys: a town or community by its 12-digit division code when it has one, else by
 * (parent, name); estates and buildings by (parent, name); a household by (building, room); a unit
 * by name; a pairing by (unit, community); a person by phone; a key household by its household.
 * What the import creates gets an `_id` made from that key, so a row redone after a crash (or
 * two racing calls) writes the same document again instead of a second one.
 */
import type { PendingGrant } from '../../types/admin';
import type { RoleGrant, Unit, UnitPairing, User } from '../../types/domain';
import type { ImportedRegion, ImportSheet } from '../../types/imports';
import type { HouseholdCare, KeyHousehold, PairingChange, Visitor } from '../../types/visits';
import type { CommunityRef, ImportRecord, KeyHouseholdRecord, PersonRecord, RegionRecord, RowProblem, UnitRecord } from './import-rows';
import { normalizeGrant, sameGrant } from './roles';
import { visitorKind } from './visits-access';
import { schedule } from './visits';
import { keyHouseholdDocs } from './visits-marking';

export interface HouseholdDoc {
  _id: string;
  buildingId: string;
  estateId: string;
  communityId: string;
  room: string;
}

export type UserDoc = Pick<User, '_id' | 'name' | 'phone' | 'roles' | 'communityId'>;

/** A document as written: any record with its `_id`. */
type Doc = { _id: string };

/**
 * One document write. `set` writes a whole document (idempotent: the same row writes the same
 * document); `update` replaces top-level fields; `grant` adds a role to a user, merged with the
 * roles read inside the row's transaction (the person may have changed since the world was read).
 */
export type Write =
  | { op: 'set'; coll: string; doc: Doc }
  | { op: 'update'; coll: string; id: string; fields: Record<string, unknown> }
  | { op: 'grant'; id: string; grant: RoleGrant };

export type Outcome = 'create' | 'change' | 'unchanged';

export type RowPlan = { ok: true; outcome: Outcome; writes: Write[] } | { ok: false; problem: RowProblem };

export interface PlanContext {
  importId: string;
  now: Date;
  by: { openid: string; name: string };
}

export interface WorldData {
  regions: ImportedRegion[];
  households: HouseholdDoc[];
  units: Unit[];
  pairings: UnitPairing[];
  users: UserDoc[];
  pending: PendingGrant[];
  keys: KeyHousehold[];
  care: HouseholdCare[];
}

const LEVEL_WORD: Record<ImportedRegion['level'], string> = { county: '县', town: '镇街', community: '社区', estate: '小区', building: '楼栋' };

/** An in-memory index of what exists, by natural key. */
export class World {
  readonly regions = new Map<string, ImportedRegion>();
  private readonly byCode = new Map<string, string>();
  private readonly byChild = new Map<string, string>();
  private readonly communitiesByName = new Map<string, string[]>();
  private countyId: string | null = null;
  private readonly households = new Map<string, HouseholdDoc>();
  readonly units = new Map<string, Unit>();
  private readonly unitsByName = new Map<string, string>();
  private readonly pairings = new Set<string>();
  private readonly pairedUnits = new Map<string, string[]>();
  private readonly usersByPhone = new Map<string, UserDoc>();
  private readonly usersById = new Map<string, UserDoc>();
  readonly pending = new Map<string, PendingGrant>();
  readonly keys = new Map<string, KeyHousehold>();
  readonly care = new Map<string, HouseholdCare>();

  constructor(data: WorldData) {
    data.regions.forEach((r) => this.addRegion(r));
    data.households.forEach((h) => this.households.set(`${h.buildingId}|${h.room}`, h));
    data.units.forEach((u) => this.addUnit(u));
    data.pairings.forEach((p) => this.addPairing(p));
    data.users.forEach((u) => this.addUser(u));
    data.pending.forEach((p) => this.pending.set(p._id, p));
    data.keys.forEach((k) => this.keys.set(k._id, k));
    data.care.forEach((c) => this.care.set(c._id, c));
  }

  county(): ImportedRegion | null {
    return this.countyId ? this.regions.get(this.countyId) ?? null : null;
  }
  byDivisionCode(code: string): ImportedRegion | null {
    const id = this.byCode.get(code);
    return id ? this.regions.get(id) ?? null : null;
  }
  child(parentId: string, name: string): ImportedRegion | null {
    const id = this.byChild.get(`${parentId}|${name}`);
    return id ? this.regions.get(id) ?? null : null;
  }
  communitiesNamed(name: string): ImportedRegion[] {
    return (this.communitiesByName.get(name) ?? []).map((id) => this.regions.get(id)!);
  }
  household(buildingId: string, room: string): HouseholdDoc | null {
    return this.households.get(`${buildingId}|${room}`) ?? null;
  }
  unitNamed(name: string): Unit | null {
    const id = this.unitsByName.get(name);
    return id ? this.units.get(id) ?? null : null;
  }
  hasPairing(id: string): boolean {
    return this.pairings.has(id);
  }
  unitsPairedWith(communityId: string): string[] {
    return this.pairedUnits.get(communityId) ?? [];
  }
  userByPhone(phone: string): UserDoc | null {
    return this.usersByPhone.get(phone) ?? null;
  }

  addRegion(r: ImportedRegion): void {
    const old = this.regions.get(r._id);
    if (old) this.unindexRegion(old);
    this.regions.set(r._id, r);
    if (r.level === 'county' && !this.countyId) this.countyId = r._id;
    if (r.divisionCode) this.byCode.set(r.divisionCode, r._id);
    if (r.parentId && !this.byChild.has(`${r.parentId}|${r.name}`)) this.byChild.set(`${r.parentId}|${r.name}`, r._id);
    if (r.level === 'community') this.communitiesByName.set(r.name, [...(this.communitiesByName.get(r.name) ?? []), r._id]);
  }
  private unindexRegion(r: ImportedRegion): void {
    if (r.divisionCode && this.byCode.get(r.divisionCode) === r._id) this.byCode.delete(r.divisionCode);
    const key = `${r.parentId}|${r.name}`;
    if (this.byChild.get(key) === r._id) this.byChild.delete(key);
    if (r.level === 'community') this.communitiesByName.set(r.name, (this.communitiesByName.get(r.name) ?? []).filter((id) => id !== r._id));
  }
  addHousehold(h: HouseholdDoc): void {
    this.households.set(`${h.buildingId}|${h.room}`, h);
  }
  addUnit(u: Unit): void {
    const old = this.units.get(u._id);
    if (old && this.unitsByName.get(old.name) === u._id) this.unitsByName.delete(old.name);
    this.units.set(u._id, u);
    if (!this.unitsByName.has(u.name)) this.unitsByName.set(u.name, u._id);
  }
  addPairing(p: Pick<UnitPairing, '_id' | 'unitId' | 'communityId'>): void {
    if (this.pairings.has(p._id)) return;
    this.pairings.add(p._id);
    this.pairedUnits.set(p.communityId, [...(this.pairedUnits.get(p.communityId) ?? []), p.unitId]);
  }
  addUser(u: UserDoc): void {
    if (u.phone && !this.usersByPhone.has(u.phone)) this.usersByPhone.set(u.phone, u);
    this.usersById.set(u._id, u);
  }
  userById(openid: string): UserDoc | null {
    return this.usersById.get(openid) ?? null;
  }
}

/** Adds a planned row's writes to the world (after the row is known to be good, or was written). */
export function remember(w: World, writes: Write[]): void {
  for (const x of writes) {
    if (x.op === 'grant') {
      const u = w.userById(x.id);
      if (u && !u.roles.some((g) => sameGrant(g, x.grant))) u.roles = [...u.roles, x.grant];
      continue;
    }
    const doc = (x.op === 'set' ? x.doc : { ...current(w, x.coll, x.id), ...x.fields, _id: x.id }) as Doc;
    switch (x.coll) {
      case 'regions': w.addRegion(doc as unknown as ImportedRegion); break;
      case 'households': w.addHousehold(doc as unknown as HouseholdDoc); break;
      case 'units': w.addUnit(doc as unknown as Unit); break;
      case 'pairings': w.addPairing(doc as unknown as UnitPairing); break;
      case 'pendingGrants': w.pending.set(doc._id, doc as unknown as PendingGrant); break;
      case 'keyHouseholds': w.keys.set(doc._id, doc as unknown as KeyHousehold); break;
      case 'householdCare': w.care.set(doc._id, doc as unknown as HouseholdCare); break;
      default: break; // append-only records (visitPairings) are not looked up
    }
  }
}

function current(w: World, coll: string, id: string): Record<string, unknown> {
  const found = coll === 'regions' ? w.regions.get(id) : coll === 'units' ? w.units.get(id) : coll === 'pendingGrants' ? w.pending.get(id) : undefined;
  return (found ?? {}) as Record<string, unknown>;
}

/**
 * A stable id from a natural key: 64 bits of FNV-1a over the parts, as hex. Collisions are out of
 * reach for a county's few hundred thousand documents.
 */
export function keyId(prefix: string, ...parts: string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const ch of parts.join('\u0001')) {
    const c = ch.codePointAt(0)!;
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  }
  return `${prefix}-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** What a run has seen in the file so far, for checks across rows. */
export interface PlanRun {
  /** Household key → first row naming it. */
  households: Map<string, number>;
  /** Unit name → the first row's description. */
  unitDescriptions: Map<string, { row: number; description: string }>;
  /** Phone → the first row's name. */
  people: Map<string, { row: number; name: string }>;
  /** Key household → first row. */
  keyHouseholds: Map<string, number>;
}

export const newRun = (): PlanRun => ({ households: new Map(), unitDescriptions: new Map(), people: new Map(), keyHouseholds: new Map() });

class Bad extends Error {
  constructor(readonly problem: RowProblem) {
    super(problem.reason);
  }
}
const bad = (column: string, reason: string): never => {
  throw new Bad({ column, reason });
};

/** Collects a row's writes and says what the row does overall. */
class Row {
  readonly writes: Write[] = [];
  private created = false;
  private changed = false;
  create(coll: string, doc: Doc): void {
    this.writes.push({ op: 'set', coll, doc });
    this.created = true;
  }
  replace(coll: string, doc: Doc): void {
    this.writes.push({ op: 'set', coll, doc });
    this.changed = true;
  }
  update(coll: string, id: string, fields: Record<string, unknown>): void {
    this.writes.push({ op: 'update', coll, id, fields });
    this.changed = true;
  }
  grant(openid: string, grant: RoleGrant): void {
    this.writes.push({ op: 'grant', id: openid, grant });
    this.changed = true;
  }
  get outcome(): Outcome {
    return this.created ? 'create' : this.changed ? 'change' : 'unchanged';
  }
}

function region(id: string, level: ImportedRegion['level'], name: string, parent: ImportedRegion | null, code: string | null): ImportedRegion {
  const path = parent ? [...parent.path, parent._id] : [];
  return { _id: id, level, name, parentId: parent?._id ?? null, path, depth: path.length, ...(code ? { divisionCode: code } : {}) };
}

/** A town or community: by its code when the row has one, else by name under its parent. */
function coded(w: World, row: Row, level: 'town' | 'community', parent: ImportedRegion, given: { name: string; code: string | null }, cols: [string, string]): ImportedRegion {
  const [nameCol, codeCol] = cols;
  const word = LEVEL_WORD[level];
  if (given.code) {
    const found = w.byDivisionCode(given.code);
    if (found) {
      if (found.level !== level) bad(codeCol, `代码 ${given.code} 在系统中是${LEVEL_WORD[found.level]}「${found.name}」的代码`);
      if (found.parentId !== parent._id) {
        bad(codeCol, `代码 ${given.code} 在系统中属于「${w.regions.get(found.parentId ?? '')?.name ?? ''}」，不属于本行的「${parent.name}」`);
      }
      if (found.name === given.name) return found;
      // The code is the key: a new name is a rename, unless the parent already has another of that name.
      const other = w.child(parent._id, given.name);
      if (other && other._id !== found._id) bad(nameCol, `「${parent.name}」下已有另一个${word}「${given.name}」`);
      row.update('regions', found._id, { name: given.name });
      return { ...found, name: given.name };
    }
    const named = w.child(parent._id, given.name);
    if (named) {
      if (named.divisionCode) bad(codeCol, `${word}「${given.name}」在系统中的代码是 ${named.divisionCode}，与本行的 ${given.code} 不一致`);
      row.update('regions', named._id, { divisionCode: given.code });
      return { ...named, divisionCode: given.code };
    }
    const made = region(`rg-${given.code}`, level, given.name, parent, given.code);
    row.create('regions', made);
    return made;
  }
  return named(w, row, level, parent, given.name);
}

/** An estate or building (or an uncoded town or community): by name under its parent. */
function named(w: World, row: Row, level: ImportedRegion['level'], parent: ImportedRegion, name: string): ImportedRegion {
  const found = w.child(parent._id, name);
  if (found) return found;
  const made = region(keyId('rg', parent._id, level, name), level, name, parent, null);
  row.create('regions', made);
  return made;
}

function planRegion(w: World, rec: RegionRecord, run: PlanRun): Row {
  const row = new Row();
  let county = w.county();
  if (!county) {
    if (!rec.county) bad('县', '系统中还没有县：请在「县」列填写县（区）名称');
    county = region(keyId('rg', 'county', rec.county!), 'county', rec.county!, null, null);
    row.create('regions', county);
  } else if (rec.county && rec.county !== county.name) {
    bad('县', `县名「${rec.county}」与系统中的「${county.name}」不一致`);
  }
  const town = coded(w, row, 'town', county, rec.town, ['镇街', '镇街代码']);
  const community = coded(w, row, 'community', town, rec.community, ['社区', '社区代码']);
  if (!rec.estate) return row;
  const estate = named(w, row, 'estate', community, rec.estate);
  if (!rec.building) return row;
  const building = named(w, row, 'building', estate, rec.building);
  if (!rec.room) return row;
  const key = `${building._id}|${rec.room}`;
  const first = run.households.get(key);
  if (first !== undefined) bad('房号', `与第 ${first} 行是同一户（${building.name} ${rec.room}）`);
  run.households.set(key, rec.row);
  if (!w.household(building._id, rec.room)) {
    const h: HouseholdDoc = { _id: keyId('h', building._id, rec.room), buildingId: building._id, estateId: estate._id, communityId: community._id, room: rec.room };
    row.create('households', h);
  }
  return row;
}

function community(w: World, ref: CommunityRef, column: string): ImportedRegion {
  if ('code' in ref) {
    const r = w.byDivisionCode(ref.code);
    if (!r || r.level !== 'community') bad(column, `未找到代码为 ${ref.code} 的社区：请先在「地区与住户」中列出，或检查代码`);
    return r!;
  }
  const found = w.communitiesNamed(ref.name);
  if (found.length === 0) bad(column, `未找到社区「${ref.name}」：请先在「地区与住户」中列出，或检查名称`);
  if (found.length > 1) bad(column, `有 ${found.length} 个名为「${ref.name}」的社区，请改填 12 位社区代码`);
  return found[0];
}

function planUnit(w: World, rec: UnitRecord, run: PlanRun, ctx: PlanContext): Row {
  const row = new Row();
  if (rec.description !== null) {
    const first = run.unitDescriptions.get(rec.name);
    if (first && first.description !== rec.description) bad('单位简介', `与第 ${first.row} 行同一单位的简介不一致`);
    run.unitDescriptions.set(rec.name, { row: rec.row, description: rec.description });
  }
  let unit = w.unitNamed(rec.name);
  if (!unit) {
    unit = { _id: keyId('u', rec.name), name: rec.name, description: rec.description ?? '' };
    row.create('units', unit);
  } else if (rec.description !== null && rec.description !== unit.description) {
    row.update('units', unit._id, { description: rec.description });
  }
  if (rec.pairWith) {
    const c = community(w, rec.pairWith, '结对社区');
    const id = `${unit._id}_${c._id}`;
    if (!w.hasPairing(id)) {
      const p: UnitPairing = { _id: id, unitId: unit._id, communityId: c._id, createdAt: ctx.now, createdBy: ctx.by.openid };
      row.create('pairings', p);
    }
  }
  return row;
}

function planPerson(w: World, rec: PersonRecord, run: PlanRun, ctx: PlanContext): Row {
  const row = new Row();
  const first = run.people.get(rec.phone);
  if (first && first.name !== rec.name) bad('姓名', `手机号 ${rec.phone} 在第 ${first.row} 行的姓名是「${first.name}」，与本行不一致`);
  if (!first) run.people.set(rec.phone, { row: rec.row, name: rec.name });
  let unitId: string | undefined;
  if (rec.unit) {
    const u = w.unitNamed(rec.unit);
    if (!u) bad('单位', `未找到单位「${rec.unit}」：请先在「单位与结对」中列出，或检查名称`);
    unitId = u!._id;
  }
  const home = rec.community ? community(w, rec.community, '社区') : null;
  const grant = normalizeGrant({ role: rec.role, communityId: home?._id, unitId });
  const user = w.userByPhone(rec.phone);
  if (user) {
    if (!user.roles.some((g) => sameGrant(g, grant))) row.grant(user._id, grant);
    return row;
  }
  // Not in the app yet: the role waits for them (a member's community is where they live).
  const livesIn = rec.role === 'member' ? home?._id ?? null : null;
  const held = w.pending.get(rec.phone);
  if (!held) {
    const p: PendingGrant = {
      _id: rec.phone,
      name: rec.name,
      phone: rec.phone,
      grants: [grant],
      communityId: livesIn,
      source: { kind: 'import', importId: ctx.importId, sheet: 'people', row: rec.row },
      createdAt: ctx.now,
      claimedBy: null,
      claimedAt: null,
    };
    row.create('pendingGrants', p);
  } else if (!held.grants.some((g) => sameGrant(g, grant)) || (livesIn && !held.communityId)) {
    const grants = held.grants.some((g) => sameGrant(g, grant)) ? held.grants : [...held.grants, grant];
    row.update('pendingGrants', held._id, { grants, communityId: held.communityId ?? livesIn });
  }
  return row;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));

function planKeyHousehold(w: World, rec: KeyHouseholdRecord, run: PlanRun, ctx: PlanContext): Row {
  const row = new Row();
  const c = community(w, rec.community, '社区');
  const estate = w.child(c._id, rec.estate) ?? bad('小区', `社区「${c.name}」下没有小区「${rec.estate}」：请先在「地区与住户」中列出`);
  const building = w.child(estate._id, rec.building) ?? bad('楼栋', `小区「${rec.estate}」下没有楼栋「${rec.building}」：请先在「地区与住户」中列出`);
  const household = w.household(building._id, rec.room) ?? bad('房号', `${rec.building}没有房号为 ${rec.room} 的住户：请先在「地区与住户」中列出`);
  const first = run.keyHouseholds.get(household._id);
  if (first !== undefined) bad('房号', `与第 ${first} 行是同一户（${rec.building} ${rec.room}）`);
  run.keyHouseholds.set(household._id, rec.row);
  const visitors: { user: UserDoc; kind: Visitor['kind'] }[] = rec.visitorPhones.map((phone) => {
    const user = w.userByPhone(phone) ?? bad('包挂人手机号', `手机号 ${phone} 的人还没有注册小程序，暂不能包挂（可先在「人员与角色」中导入其角色）`);
    const kind = visitorKind({ openid: user._id, roles: user.roles, communityId: user.communityId }, c._id, w.unitsPairedWith(c._id));
    if (!kind) bad('包挂人手机号', `${user.name}（${phone}）不是本社区的网格员、社区工作者、书记，也不是住在本社区或单位与本社区结对的党员，不能包挂`);
    return { user, kind: kind! };
  });
  const before = w.keys.get(household._id) ?? null;
  const care = w.care.get(household._id) ?? null;
  const active = before?.active && care ? before : null;
  const known = new Set(active?.visitors.map((v) => v.openid) ?? []);
  const added = visitors.filter((v) => !known.has(v.user._id));
  const last = (d: Date | string | null | undefined) => (d ? new Date(d) : null);
  if (active && care) {
    const same =
      sameSet(care.categories, rec.categories) && active.careLevel === rec.careLevel && active.contactName === rec.contactName &&
      care.contactPhone === rec.contactPhone && care.notes === rec.notes && added.length === 0;
    if (same) return row;
  }
  // Marking (again) runs the schedule from the marking, as visits.markKey does; a new care level
  // of a key household reschedules it from its last contact, as visits.updateKey does.
  const markedAt = active ? new Date(active.markedAt) : ctx.now;
  const s = schedule(rec.careLevel, markedAt, last(before?.lastContactAt), last(before?.lastVisitAt), active?.returnsDue ?? [], before?.returnsDone ?? []);
  const { key, care: nextCare } = keyHouseholdDocs({
    household: { _id: household._id, communityId: c._id, estateId: estate._id, buildingId: building._id, room: household.room },
    address: `${building.name} ${household.room}`,
    fields: rec,
    visitors: [...(active?.visitors ?? []), ...added.map((v) => ({ openid: v.user._id, name: v.user.name, kind: v.kind, since: ctx.now }))],
    markedBy: active?.markedBy ?? ctx.by.openid,
    schedule: s,
    reminded: active ? active.reminded && new Date(active.nextDueFrom).getTime() === new Date(s.nextDueFrom).getTime() : false,
    version: before?.version ?? 0,
    now: ctx.now,
    by: ctx.by.openid,
  });
  if (active) row.replace('keyHouseholds', key);
  else row.create('keyHouseholds', key);
  row.replace('householdCare', nextCare);
  for (const v of added) {
    const change: PairingChange = {
      _id: keyId('vp', ctx.importId, household._id, v.user._id),
      householdId: household._id,
      communityId: c._id,
      change: 'pair',
      visitor: { openid: v.user._id, name: v.user.name },
      by: ctx.by,
      at: ctx.now,
      reason: '工作簿导入',
    };
    row.writes.push({ op: 'set', coll: 'visitPairings', doc: change });
  }
  return row;
}

/** Plans one good record against the world (and what earlier rows of the run did). */
export function planRow(w: World, rec: ImportRecord, run: PlanRun, ctx: PlanContext): RowPlan {
  try {
    const row =
      rec.sheet === 'regions' ? planRegion(w, rec, run)
        : rec.sheet === 'units' ? planUnit(w, rec, run, ctx)
          : rec.sheet === 'people' ? planPerson(w, rec, run, ctx)
            : planKeyHousehold(w, rec, run, ctx);
    return { ok: true, outcome: row.outcome, writes: row.writes };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** Sheets in the order they are planned and applied: later ones refer to what earlier ones make. */
export const SHEET_ORDER: ImportSheet[] = ['regions', 'units', 'people', 'keyHouseholds'];
