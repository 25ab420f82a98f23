/**
 * 统计 (stats): the county's dashboards — 三率 rankings of towns, communities and units, the
 * 12-month trend, and the items behind every figure. Contracts shared by the `stats` function and
 * the app. Every figure is read from maintained monthly documents (cloudfunctions/core/stats.ts).
 */
import type { DemandCategory, DemandStatus } from './dispatch';
import type { Page } from './domain';

export type RateKey = 'responseRate' | 'resolutionRate' | 'satisfactionRate';

/** Whose dashboard: the county (admin), a town (its communities), a community (its paired units), a unit. */
export type DashboardScope = 'county' | 'town' | 'community' | 'unit';

/** A period: a month `YYYY-MM` or a year `YYYY`. */
export type Period = string;

/** The three rates with each numerator and denominator (null rate: nothing to divide by). */
export interface Figures {
  /** 派单: items dispatched in the period (响应率's denominator). */
  dispatched: number;
  /** 按时接单 (响应率's numerator). */
  acceptedWithinSla: number;
  /** 已解决: verified (解决率's numerator). */
  resolved: number;
  /** 超期未解决: still open past the finish time, now (with resolved, 解决率's denominator). */
  openOverdue: number;
  /** 已评价 (满意率's denominator). */
  rated: number;
  /** 满意 + 基本满意 (满意率's numerator). */
  satisfiedOrBasic: number;
  /** 同意延期 (they stay in every denominator). */
  extended: number;
  /** 诉求量: demands submitted in the period (communities only; 0 for units). */
  received: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
}

/** One row of a ranking. */
export interface FigureRow extends Figures {
  scope: 'town' | 'community' | 'unit' | 'estate';
  id: string;
  name: string;
  /** The town of a community, in the county's ranking. */
  townName?: string;
  /** The rates below the target (marked in red, with the words 未达标). */
  below: RateKey[];
}

/** One month of the trend. */
export interface TrendPoint {
  month: string;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  dispatched: number;
  /** 诉求量 (communities: submitted; a unit: dispatched to it), and by category. */
  volume: number;
  byCategory: Partial<Record<DemandCategory, number>>;
}

export interface Dashboard {
  scope: DashboardScope;
  id: string;
  name: string;
  period: Period;
  /** The target every rate is held to, 0–1 (JINLIN_RATE_TARGET, default 100 %). */
  target: number;
  sortBy: RateKey;
  /** The whole scope's figures (county and town: the sum of their communities). */
  total: FigureRow;
  /** County: its towns, lowest first. */
  towns: FigureRow[];
  /** County and town: their communities, lowest first. */
  communities: FigureRow[];
  /** County: every unit; a community: its paired units, counted on its own items only. */
  units: FigureRow[];
  /**
   * A community: its 小区（网格）, lowest first — each estate's demands (诉求量 by the estate of
   * their building) and 三率; 「未关联小区」 (id `_none`) for demands with no building. Months whose
   * documents predate the estate counters add nothing here.
   */
  estates: FigureRow[];
  /** Twelve months: the year's, or the twelve ending with the month. */
  trend: TrendPoint[];
}

/** A figure a drill-down opens. */
export type StatsFigure = 'dispatched' | 'acceptedWithinSla' | 'resolved' | 'openOverdue' | 'rated' | 'satisfiedOrBasic' | 'extended' | 'received';

/** What a drill-down names: a community's or a unit's figure, or a community's for one paired unit or one estate, or a category's 诉求量. */
export interface DrillRequest {
  scope: 'community' | 'unit';
  id: string;
  /** A community's items of this paired unit only. */
  unitId?: string;
  /** A community's items of this estate only (`_none`: 未关联小区). */
  estateId?: string;
  period: Period;
  figure: StatsFigure;
  /** With `received`: that category only. */
  category?: DemandCategory;
  page?: number;
  pageSize?: number;
}

/** One item behind a figure; opens the demand's detail (its actions: 催办, 督办 …). */
export interface DrillItem {
  _id: string;
  category: DemandCategory;
  text: string;
  status: DemandStatus;
  communityId: string;
  unitId: string | null;
  createdAt: Date | string;
  dispatchedAt: Date | string | null;
  finishBy: Date | string | null;
  overdue: boolean;
}

export type DrillPage = Page<DrillItem> & { figure: StatsFigure };

export interface StatsApi {
  /** A dashboard for a month or a year, ranked by `sortBy` (default 响应率), lowest first. */
  dashboard: { req: { scope: DashboardScope; id?: string; period: Period; sortBy?: RateKey }; res: Dashboard };
  /** The items a figure counts (ids in order, a page at a time). */
  items: { req: DrillRequest; res: DrillPage };
  /** 党员 figures of a scope: hours against the yearly target by unit, 双报到 by unit and month, points earned and redeemed. */
  members: { req: { scope: DashboardScope; id?: string; period: Period }; res: MemberDashboard };
  /** The members a figure counts (e.g. 未达标: behind the target), a page at a time. */
  memberItems: { req: MemberDrillRequest; res: MemberDrillPage };
  /** The people behind a 志愿积分 figure (a community's or unit's points earned or redeemed in a month or year), highest first. */
  pointItems: { req: PointsDrillRequest; res: PointsDrillPage };
  /** 敲门 coverage of a scope's communities and visitors in a month. */
  coverage: { req: { scope: 'county' | 'town' | 'community'; id?: string; month: string }; res: CoverageDashboard };
  /** A community's overdue key households now (the coverage figure's 超期). */
  overdue: { req: { communityId: string; page?: number; pageSize?: number }; res: OverduePage };
}

// ---- 党员 figures: service hours against the yearly target, points, 双报到 -----------------------

/** One member as the hours and 双报到 figures count them. */
export interface MemberFigure {
  openid: string;
  name: string;
  unitId: string | null;
  communityId: string | null;
  /** Their own service hours this year (the period's year, their account's total), wherever and in whichever unit earned. */
  hours: number;
  /** 双报到 in the period's month (a year: the months reported, 0–12). */
  checkIns: number;
}

/** Members of one unit (within the dashboard's scope) against the yearly hour target. */
export interface HoursRow {
  unitId: string;
  name: string;
  /** 党员 of the unit in scope (the denominator). */
  members: number;
  /** At or above the target this year. */
  atTarget: number;
  /** Below it (members − atTarget): 未达标. */
  behind: number;
  /** All their hours this year. */
  hours: number;
  /** atTarget ÷ members (null: no members). */
  rate: number | null;
}

/** 双报到 of one unit's members in scope, for one month. */
export interface CheckInRow {
  unitId: string;
  name: string;
  month: string;
  members: number;
  /** Members who reported to their residential community that month. */
  reported: number;
  /** reported ÷ members (null: no members). */
  rate: number | null;
}

/** Points earned (where earned) and redeemed (by the home community or unit) in the month and the year. */
export interface PointsRow {
  scope: 'community' | 'unit';
  id: string;
  name: string;
  earnedMonth: number;
  redeemedMonth: number;
  earnedYear: number;
  redeemedYear: number;
}

export interface MemberDashboard {
  scope: DashboardScope;
  id: string;
  name: string;
  period: Period;
  /** The yearly service-hour target: the point rules' `yearlyHourTarget` (管理 → 积分规则, default 20 h). */
  hourTarget: number;
  /** The month the 双报到 and month points figures are for (a year: its last month up to now). */
  month: string;
  year: string;
  /** The whole scope: members, at target, behind. */
  hoursTotal: Omit<HoursRow, 'unitId' | 'name'>;
  hours: HoursRow[];
  checkInTotal: Omit<CheckInRow, 'unitId' | 'name'>;
  /** By unit for `month`, lowest rate first. */
  checkIns: CheckInRow[];
  /** The whole scope's months of the period (a year: 12, a month: 1). */
  checkInMonths: Omit<CheckInRow, 'unitId' | 'name'>[];
  points: PointsRow[];
}

/** Which members a figure counts. */
export type MemberFigureKey = 'members' | 'atTarget' | 'behind' | 'reported' | 'notReported';

export interface MemberDrillRequest {
  scope: DashboardScope;
  id?: string;
  period: Period;
  figure: MemberFigureKey;
  /** One unit's members only. */
  unitId?: string;
  page?: number;
  pageSize?: number;
}

export type MemberDrillPage = Page<MemberFigure> & { figure: MemberFigureKey; hourTarget: number; month: string };

/** Which 志愿积分 figure: points earned there (where the service was done), or redeemed by those living or working there. */
export type PointsFigureKey = 'earned' | 'redeemed';

export interface PointsDrillRequest {
  /** Whose figure: a PointsRow's community or unit. */
  scope: 'community' | 'unit';
  id: string;
  /** The figure's month (YYYY-MM) or year (YYYY). */
  period: Period;
  figure: PointsFigureKey;
  page?: number;
  pageSize?: number;
}

/** One person behind a 志愿积分 figure: everyone on the figure's tally, members or not. */
export interface PointsPerson {
  openid: string;
  name: string;
  /** Their share of the figure: points earned (net of reversals) or redeemed (net of refunds) in the period. */
  points: number;
  /** Their service hours counted on the same tally in the period. */
  hours: number;
  /** A 党员; a community's figures also count residents who volunteer (志愿者), a unit's its liaisons. */
  member: boolean;
}

export type PointsDrillPage = Page<PointsPerson> & {
  figure: PointsFigureKey;
  period: Period;
  /** The figure itself: every page's points added up (the same sum as the dashboard's PointsRow). */
  sum: number;
};

// ---- 敲门 coverage ---------------------------------------------------------------------------

/** A community's (or a visitor's) coverage of its active key households in the month, against 100 %. */
export interface CoverageRow {
  id: string;
  name: string;
  /** Active key households (a visitor: those paired with them). */
  keyHouseholds: number;
  /** Visited with contact within their due window this month. */
  covered: number;
  /** covered ÷ keyHouseholds (null: none). Below 100 % is marked 未达标. */
  rate: number | null;
  /** Past their window now. */
  overdue: number;
  /** The community of a visitor row. */
  communityId?: string;
}

export interface CoverageDashboard {
  scope: 'county' | 'town' | 'community';
  id: string;
  name: string;
  month: string;
  total: Omit<CoverageRow, 'id' | 'name'>;
  /** Lowest rate first. */
  communities: CoverageRow[];
  visitors: CoverageRow[];
}

/** An overdue key household. Its address and who to ask for only to its community's staff and visitors. */
export interface OverdueHousehold {
  _id: string;
  communityId: string;
  careLevel: string;
  nextDueBy: Date | string;
  lastContactAt: Date | string | null;
  visitorNames: string[];
  address: string | null;
  contactName: string | null;
}

export type OverduePage = Page<OverdueHousehold>;
