/**
 * Exports (导出), pure: who may export which rows (the same scope as reading them), the columns of
 * each workbook and how one stored document becomes one row. No I/O, time passed in.
 *
 * A row is an array of cells; a date cell is carried as epoch milliseconds and written as a real
 * Excel date showing China time (Excel dates have no zone: the writer shifts by +8 h).
 */
import type { Demand, Scorecard, TimelineEvent } from '../../types/dispatch';
import type { ExportRequest, PackLevel } from '../../types/exports';
import { CATEGORY_LABEL, DEMAND_EVENT_LABEL, DEMAND_STATUS_LABEL, KIND_LABEL, LEDGER_SOURCE_LABEL, URGENCY_LABEL, VISIT_METHOD_LABEL } from '../../types/labels';
import type { CheckIn, LedgerEntry, PointAccount } from '../../types/points';
import type { Coverage, VisitRecord } from '../../types/visits';
import { isAdmin, liaisonUnits, staffCommunities, type Actor } from './actor';
import { HOUR, nextMonth } from './calendar';

export type CellType = 'text' | 'number' | 'percent' | 'datetime';

export interface Column {
  header: string;
  type: CellType;
  width?: number;
}

/** A cell as stored between chunks: text, a number, a date as epoch ms, or empty. */
export type Cell = string | number | null;

/** One worksheet of an export. */
export interface SheetSpec {
  title: string;
  columns: Column[];
}

// ---- scope: the rows a caller may export ------------------------------------------------------

/**
 * The rows a caller may read: every row (the admin), or rows of these communities (staff,
 * grid workers and secretaries of them; a town official's communities) or of these units (a
 * liaison's). `entitled`: communities whose sensitive fields (a visit's notes) the caller may see —
 * only their own community's staff; never the county or the town.
 */
export interface ExportScope {
  all: boolean;
  communities: string[];
  units: string[];
  entitled: string[];
}

export type Refusal = { ok: false; code: 'FORBIDDEN' | 'INVALID_INPUT'; message: string };

const forbid = (message: string): Refusal => ({ ok: false, code: 'FORBIDDEN', message });

/** Kinds a unit's liaison may export (a unit's rows exist in these). */
const UNIT_KINDS = new Set<ExportRequest['kind']>(['demands', 'scorecards', 'hours', 'ledger', 'checkIns']);

/**
 * The scope of an export by `actor`, with `townCommunities` the communities of the towns the actor
 * is an official of (read by the edge). An explicit community or unit in the request must be
 * within it (a filter narrows what may be read; it never widens it).
 */
export function exportScope(actor: Actor, req: ExportRequest, townCommunities: string[]): ExportScope | Refusal {
  if (isAdmin(actor.roles)) return { all: true, communities: [], units: [], entitled: [] };
  const own = staffCommunities(actor.roles);
  const communities = [...new Set([...own, ...townCommunities])];
  const units = UNIT_KINDS.has(req.kind) ? liaisonUnits(actor.roles) : [];
  if (!communities.length && !units.length) {
    return forbid(req.kind === 'visits' ? '只有社区工作人员、镇街干部和县委组织部可以导出走访记录' : '只有社区工作人员、单位联络员、镇街干部和县委组织部可以导出');
  }
  const communityId = 'communityId' in req ? req.communityId : undefined;
  const unitId = 'unitId' in req ? req.unitId : undefined;
  if (communityId && !communities.includes(communityId) && !units.length) return forbid('您只能导出本社区（本镇街）的数据');
  if (unitId && !units.includes(unitId) && !communities.length) return forbid('您只能导出本单位的数据');
  return { all: false, communities, units, entitled: own };
}

/** Does a row of this community / unit fall in the scope (the same test the query makes)? */
export function inScope(s: ExportScope, communityId: string | null, unitIds: string[]): boolean {
  return s.all || (!!communityId && s.communities.includes(communityId)) || unitIds.some((u) => s.units.includes(u));
}

/** The units a demand is read by: its unit once accepted, else every unit it is offered to (as dispatch reads it). */
export function demandUnits(d: Pick<Demand, 'dispatch'>): string[] {
  if (!d.dispatch) return [];
  return d.dispatch.unitId ? [d.dispatch.unitId] : d.dispatch.offeredTo;
}

// ---- periods ------------------------------------------------------------------------------------

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** [start, end) of the months `from`..`to` in China time; a refusal when backwards or over 24 months. */
export function monthRange(from: string, to: string): { start: Date; end: Date } | Refusal {
  if (!MONTH.test(from) || !MONTH.test(to)) return { ok: false, code: 'INVALID_INPUT', message: '月份格式应为 YYYY-MM' };
  if (from > to) return { ok: false, code: 'INVALID_INPUT', message: '开始月份不能晚于结束月份' };
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5)) + 1;
  if (months > 24) return { ok: false, code: 'INVALID_INPUT', message: '一次最多导出 24 个月' };
  return { start: monthStart(from), end: monthStart(nextMonth(to)) };
}

/** Midnight China time of the month's first day. */
export function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}

/** What an Excel cell shows for an instant: its China wall-clock time (Excel dates carry no zone). */
export function excelDate(ms: number): Date {
  return new Date(ms + 8 * HOUR);
}

const ms = (t: Date | string | null | undefined): number | null => (t ? new Date(t).getTime() : null);
const ratio = (r: number | null): number | null => r;

/** `YYYY-MM-DD HH:mm` in China time, for the timeline column. */
function stamp(t: Date | string): string {
  return excelDate(new Date(t).getTime()).toISOString().slice(0, 16).replace('T', ' ');
}

// ---- 诉求 ---------------------------------------------------------------------------------------

const RATING_WORD = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' } as const;

/** The steps that get a time column of their own (the first time each happened; 办结/验收/评价: the last). */
const STEP_COLUMNS: { event: TimelineEvent['event']; header: string; last?: boolean }[] = [
  { event: 'handle', header: '社区自办时间' },
  { event: 'dispatch', header: '派单时间' },
  { event: 'accept', header: '接单时间' },
  { event: 'reject', header: '退单时间', last: true },
  { event: 'complete', header: '办结时间', last: true },
  { event: 'verify', header: '验收时间', last: true },
  { event: 'rate', header: '评价时间', last: true },
  { event: 'escalate', header: '吹哨时间' },
  { event: 'close', header: '结案时间' },
];

export const DEMAND_SHEET: SheetSpec = {
  title: '诉求',
  columns: [
    { header: '编号', type: 'text', width: 26 },
    { header: '类型', type: 'text' },
    { header: '类别', type: 'text' },
    { header: '紧急程度', type: 'text' },
    { header: '状态', type: 'text' },
    { header: '社区', type: 'text', width: 14 },
    { header: '承办单位', type: 'text', width: 16 },
    { header: '诉求内容', type: 'text', width: 40 },
    { header: '提交时间', type: 'datetime' },
    ...STEP_COLUMNS.map((c) => ({ header: c.header, type: 'datetime' as const })),
    { header: '接单时限', type: 'datetime' },
    { header: '办结时限', type: 'datetime' },
    { header: '按时接单', type: 'text' },
    { header: '超期未办结', type: 'text' },
    { header: '认领人数', type: 'number' },
    { header: '服务时长（小时）', type: 'number' },
    { header: '评价', type: 'text' },
    { header: '延期次数', type: 'number' },
    { header: '督办', type: 'text' },
    { header: '状态变化', type: 'text', width: 60 },
  ],
};

const OPEN = new Set(['dispatched', 'accepted', 'completed']);
const yes = (b: boolean | null | undefined): string => (b === null || b === undefined ? '' : b ? '是' : '否');

/** One demand as a row: every state change with its time (China time), numbers as numbers. */
export function demandRow(d: Demand, names: Record<string, string>, now: Date): Cell[] {
  const unitId = d.dispatch?.unitId ?? null;
  const steps = STEP_COLUMNS.map(({ event, last }) => {
    const hits = d.timeline.filter((e) => e.event === event);
    const hit = last ? hits[hits.length - 1] : hits[0];
    return ms(hit?.at);
  });
  const finishBy = ms(d.dispatch?.finishBy);
  const overdue = OPEN.has(d.status) && finishBy !== null && finishBy < now.getTime();
  const hours = d.claims.reduce((n, c) => n + (c.hours ?? 0), 0);
  return [
    d._id,
    KIND_LABEL[d.kind] ?? d.kind,
    CATEGORY_LABEL[d.category] ?? d.category,
    URGENCY_LABEL[d.urgency] ?? d.urgency,
    DEMAND_STATUS_LABEL[d.status] ?? d.status,
    names[d.communityId] ?? d.communityId,
    unitId ? (names[unitId] ?? unitId) : d.dispatch ? d.dispatch.offeredTo.map((u) => names[u] ?? u).join('、') : '',
    d.text,
    ms(d.createdAt),
    ...steps,
    ms(d.dispatch?.acceptBy),
    finishBy,
    yes(d.dispatch?.acceptedWithinSla),
    d.dispatch ? yes(overdue) : '',
    d.claims.length,
    hours,
    d.rating ? RATING_WORD[d.rating.value] : '',
    d.extensions ?? 0,
    d.supervisedAt ? '是' : '',
    d.timeline.map((e) => `${stamp(e.at)} ${DEMAND_EVENT_LABEL[e.event] ?? e.event} → ${DEMAND_STATUS_LABEL[e.to] ?? e.to}`).join('；'),
  ];
}

// ---- 三率 ---------------------------------------------------------------------------------------

export const SCORECARD_SHEET: SheetSpec = {
  title: '三率',
  columns: [
    { header: '类型', type: 'text' },
    { header: '名称', type: 'text', width: 18 },
    { header: '月份', type: 'text' },
    { header: '派单数', type: 'number' },
    { header: '按时接单数', type: 'number' },
    { header: '响应率', type: 'percent' },
    { header: '已解决', type: 'number' },
    { header: '超期未办结', type: 'number' },
    { header: '解决率', type: 'percent' },
    { header: '已评价', type: 'number' },
    { header: '满意及基本满意', type: 'number' },
    { header: '满意率', type: 'percent' },
    { header: '延期（已批准）', type: 'number' },
    { header: '平均接单用时（小时）', type: 'number' },
    { header: '平均办结用时（小时）', type: 'number' },
  ],
};

/** A month's scorecard as a row; a rate with no denominator is an empty cell, never 0 %. */
export function scorecardRow(s: Scorecard, name: string): Cell[] {
  return [
    s.scope === 'community' ? '社区' : '单位',
    name,
    s.month,
    s.dispatched,
    s.acceptedWithinSla,
    ratio(s.responseRate),
    s.resolved,
    s.openOverdue,
    ratio(s.resolutionRate),
    s.rated,
    s.satisfiedOrBasic,
    ratio(s.satisfactionRate),
    s.extended ?? 0,
    s.avgAcceptHours,
    s.avgResolveHours,
  ];
}

// ---- 服务时长与积分 ------------------------------------------------------------------------------

export const HOURS_SHEET: SheetSpec = {
  title: '服务时长与积分',
  columns: [
    { header: '姓名', type: 'text' },
    { header: '居住社区', type: 'text', width: 14 },
    { header: '在职单位', type: 'text', width: 16 },
    { header: '年度', type: 'text' },
    { header: '年度服务时长（小时）', type: 'number' },
    { header: '年度目标（小时）', type: 'number' },
    { header: '是否达标', type: 'text' },
    { header: '尚差（小时）', type: 'number' },
    { header: '年度获得积分', type: 'number' },
    { header: '当前积分余额', type: 'number' },
  ],
};

/** A person's year against the hour target (a person with no account reads 0 h). */
export function hoursRow(a: Pick<PointAccount, 'name' | 'communityId' | 'unitId' | 'years' | 'balance'>, year: string, target: number, names: Record<string, string>): Cell[] {
  const y = a.years?.[year] ?? { points: 0, hours: 0 };
  return [
    a.name,
    a.communityId ? (names[a.communityId] ?? a.communityId) : '',
    a.unitId ? (names[a.unitId] ?? a.unitId) : '',
    year,
    y.hours,
    target,
    y.hours >= target ? '是' : '否',
    Math.max(0, Math.round((target - y.hours) * 10) / 10),
    y.points,
    a.balance,
  ];
}

// ---- 积分明细 ------------------------------------------------------------------------------------

export const LEDGER_SHEET: SheetSpec = {
  title: '积分明细',
  columns: [
    { header: '时间', type: 'datetime' },
    { header: '姓名', type: 'text' },
    { header: '来源', type: 'text' },
    { header: '事项', type: 'text', width: 24 },
    { header: '积分', type: 'number' },
    { header: '服务时长（小时）', type: 'number' },
    { header: '说明', type: 'text', width: 30 },
    { header: '经办人', type: 'text' },
    { header: '社区', type: 'text', width: 14 },
    { header: '单位', type: 'text', width: 16 },
    { header: '编号', type: 'text', width: 30 },
  ],
};

export function ledgerRow(e: LedgerEntry, names: Record<string, string>): Cell[] {
  return [
    ms(e.at),
    e.name,
    LEDGER_SOURCE_LABEL[e.source.type] ?? e.source.type,
    e.source.label,
    e.points,
    e.hours,
    e.reason,
    e.actorName,
    e.communityId ? (names[e.communityId] ?? e.communityId) : '',
    e.unitId ? (names[e.unitId] ?? e.unitId) : '',
    e._id,
  ];
}

// ---- 走访 ---------------------------------------------------------------------------------------

const OUTCOME_WORD = { contact: '见到了', noContact: '敲门未遇' } as const;
const WELLBEING_WORD = { good: '良好', fair: '一般', poor: '较差', critical: '需紧急关注' } as const;

/** The visits sheet; the 走访记录 column (free-text notes) only for the community's own staff. */
export function visitSheet(withNotes: boolean): SheetSpec {
  return {
    title: '走访记录',
    columns: [
      { header: '走访时间', type: 'datetime' },
      { header: '社区', type: 'text', width: 14 },
      { header: '住户', type: 'text', width: 20 },
      { header: '走访人', type: 'text' },
      { header: '方式', type: 'text' },
      { header: '结果', type: 'text' },
      { header: '状况', type: 'text' },
      { header: '书记敲门', type: 'text' },
      { header: '回访', type: 'text' },
      { header: '按时', type: 'text' },
      { header: '发现需求', type: 'number' },
      ...(withNotes ? [{ header: '走访记录', type: 'text' as const, width: 40 }] : []),
    ],
  };
}

export function visitRow(v: VisitRecord, address: string, names: Record<string, string>, withNotes: boolean): Cell[] {
  return [
    ms(v.at),
    names[v.communityId] ?? v.communityId,
    address,
    v.visitor.name,
    VISIT_METHOD_LABEL[v.method] ?? v.method,
    OUTCOME_WORD[v.outcome] ?? v.outcome,
    v.wellbeing ? WELLBEING_WORD[v.wellbeing] : '',
    v.secretaryVisit ? '是' : '',
    v.returnForDemandId ? '是' : '',
    yes(v.onTime),
    v.needs.length,
    ...(withNotes ? [v.notes] : []),
  ];
}

// ---- 双报到 -------------------------------------------------------------------------------------

export const CHECKIN_SHEET: SheetSpec = {
  title: '双报到',
  columns: [
    { header: '月份', type: 'text' },
    { header: '姓名', type: 'text' },
    { header: '居住社区', type: 'text', width: 14 },
    { header: '在职单位', type: 'text', width: 16 },
    { header: '报到时间', type: 'datetime' },
    { header: '获得积分', type: 'number' },
  ],
};

/** One check-in: the month, who, where they live and work (at the time), when, the points it earned. */
export function checkInRow(c: Pick<CheckIn, 'month' | 'name' | 'communityId' | 'unitId' | 'at' | 'points'>, names: Record<string, string>): Cell[] {
  return [c.month, c.name, names[c.communityId] ?? c.communityId, c.unitId ? (names[c.unitId] ?? c.unitId) : '', ms(c.at), c.points];
}

export const COVERAGE_SHEET: SheetSpec = {
  title: '走访覆盖率',
  columns: [
    { header: '社区', type: 'text', width: 14 },
    { header: '月份', type: 'text' },
    { header: '重点户', type: 'number' },
    { header: '按时走访户数', type: 'number' },
    { header: '走访户数', type: 'number' },
    { header: '覆盖率', type: 'percent' },
    { header: '走访次数', type: 'number' },
    { header: '见面次数', type: 'number' },
    { header: '敲门未遇', type: 'number' },
    { header: '书记敲门', type: 'number' },
    { header: '回访', type: 'number' },
    { header: '发现需求', type: 'number' },
  ],
};

export function coverageRow(c: Coverage, name: string): Cell[] {
  return [name, c.month, c.keyHouseholds, c.coveredHouseholds, c.visitedHouseholds, c.coverageRate, c.visits, c.contacts, c.noContacts, c.secretaryVisits, c.returnVisits, c.needsFound];
}

// ---- titles and the monthly pack ---------------------------------------------------------------

const KIND_WORD: Record<ExportRequest['kind'], string> = { demands: '诉求', scorecards: '三率', hours: '服务时长与积分', ledger: '积分明细', visits: '走访', checkIns: '双报到' };

/** The export's title as the list shows it (and its file name, without the extension). */
export function exportTitle(req: ExportRequest, names: Record<string, string>): string {
  const where = [('communityId' in req && req.communityId) || '', ('unitId' in req && req.unitId) || ''].filter(Boolean).map((id) => names[id] ?? id);
  const period = 'from' in req ? (req.from === req.to ? req.from : `${req.from} 至 ${req.to}`) : 'month' in req ? req.month : req.year;
  return [KIND_WORD[req.kind], period, ...where].join(' ');
}

export const PACK_LEVEL_WORD: Record<PackLevel, string> = { county: '全县', town: '镇街', community: '社区', unit: '单位' };

/** One workbook of the pack: where it belongs and which communities and units it holds. */
export interface PackTarget {
  level: PackLevel;
  id: string;
  name: string;
  communities: string[];
  units: string[];
}

/**
 * The pack's workbooks: the county (everything), each town (its communities and the units paired
 * with them), each community (itself and its paired units), each unit (itself).
 */
export function packTargets(
  county: { id: string; name: string },
  towns: { id: string; name: string }[],
  communities: { id: string; name: string; townId: string | null }[],
  units: { id: string; name: string }[],
  pairings: { unitId: string; communityId: string }[],
): PackTarget[] {
  const paired = (cs: string[]) => [...new Set(pairings.filter((p) => cs.includes(p.communityId)).map((p) => p.unitId))].filter((u) => units.some((x) => x.id === u));
  return [
    { level: 'county', id: county.id, name: county.name, communities: communities.map((c) => c.id), units: units.map((u) => u.id) },
    ...towns.map((t) => {
      const cs = communities.filter((c) => c.townId === t.id).map((c) => c.id);
      return { level: 'town' as const, id: t.id, name: t.name, communities: cs, units: paired(cs) };
    }),
    ...communities.map((c) => ({ level: 'community' as const, id: c.id, name: c.name, communities: [c.id], units: paired([c.id]) })),
    ...units.map((u) => ({ level: 'unit' as const, id: u.id, name: u.name, communities: [], units: [u.id] })),
  ];
}

/** May this actor read a pack workbook (its level and id)? The county's: the admin; a town's: its officials; …. */
export function mayReadPack(actor: Actor, level: PackLevel, id: string, townIds: string[]): boolean {
  if (isAdmin(actor.roles)) return true;
  if (level === 'town') return townIds.includes(id);
  if (level === 'community') return staffCommunities(actor.roles).includes(id);
  if (level === 'unit') return liaisonUnits(actor.roles).includes(id);
  return false;
}

/** The month a timer run at `now` reports on: the month that has just ended (China time). */
export function packMonthAt(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
