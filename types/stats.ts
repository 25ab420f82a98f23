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
  scope: 'town' | 'community' | 'unit';
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
  /** Twelve months: the year's, or the twelve ending with the month. */
  trend: TrendPoint[];
}

/** A figure a drill-down opens. */
export type StatsFigure = 'dispatched' | 'acceptedWithinSla' | 'resolved' | 'openOverdue' | 'rated' | 'satisfiedOrBasic' | 'extended' | 'received';

/** What a drill-down names: a community's or a unit's figure, or a community's for one paired unit, or a category's 诉求量. */
export interface DrillRequest {
  scope: 'community' | 'unit';
  id: string;
  /** A community's items of this paired unit only. */
  unitId?: string;
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
}
