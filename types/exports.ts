/**
 * 导出 (exports to .xlsx) and 月报 (the monthly report pack). An export is a job: started with what
 * to export, continued call by call (each within the function's time limit) until its workbook is
 * written to cloud storage, then downloaded through a temporary URL. Contracts only.
 */
import type { DemandCategory, DemandStatus } from './dispatch';

/** What can be exported; `pack` is one workbook of the monthly report pack. */
export type ExportKind = 'demands' | 'scorecards' | 'hours' | 'ledger' | 'visits' | 'checkIns' | 'pack';

/** 诉求: every demand created in the months `from`..`to` (YYYY-MM, China time), narrowed by the filters. */
export interface DemandsExport {
  kind: 'demands';
  from: string;
  to: string;
  communityId?: string;
  unitId?: string;
  status?: DemandStatus;
  category?: DemandCategory;
}

/** 三率: the month's scorecard of every community and unit the caller may read. */
export interface ScorecardsExport {
  kind: 'scorecards';
  month: string;
}

/** 服务时长与积分: each person's hours and points in a year, against the yearly hour target. */
export interface HoursExport {
  kind: 'hours';
  year: string;
  communityId?: string;
  unitId?: string;
}

/** 积分明细: every ledger entry of a community in the months `from`..`to`. */
export interface LedgerExport {
  kind: 'ledger';
  communityId: string;
  from: string;
  to: string;
}

/** 走访: the month's visits and each community's coverage. */
export interface VisitsExport {
  kind: 'visits';
  month: string;
  communityId?: string;
}

/** 双报到: every member's check-in of a year, month by month (their home community and unit at the time). */
export interface CheckInsExport {
  kind: 'checkIns';
  year: string;
  communityId?: string;
  unitId?: string;
}

export type ExportRequest = DemandsExport | ScorecardsExport | HoursExport | LedgerExport | VisitsExport | CheckInsExport;

/** Where a monthly report workbook belongs. */
export type PackLevel = 'county' | 'town' | 'community' | 'unit';

export type ExportStatus = 'running' | 'finished' | 'failed';

/** An export as its owner (or, for a pack, whoever may read its scope) sees it. */
export interface ExportView {
  _id: string;
  kind: ExportKind;
  /** e.g. 「诉求 2026-11 至 2026-12」, 「月报 2026-11 · 东街社区」. */
  title: string;
  status: ExportStatus;
  /** Rows read so far, of `total` (counted when the job started). */
  done: number;
  total: number;
  createdAt: Date | string;
  finishedAt: Date | string | null;
  /** The workbook's file name, once written. */
  fileName: string | null;
  /** Set on a failed job: why, in Chinese. */
  error?: string;
  /** A monthly report workbook: its month and level. */
  pack?: { month: string; level: PackLevel };
  /** Another call holds the job right now (ask again shortly). */
  busy?: boolean;
}

/** `exports`: the caller's exports and the monthly report pack. */
export interface ExportsApi {
  /**
   * Starts an export, authorised like a read of the same rows (community staff: their
   * communities; a liaison: their unit; a town official: the town's communities; the admin: all),
   * and runs its first chunk. Call `continue` until `status` is not `running`.
   */
  start: { req: ExportRequest; res: ExportView };
  /** Reads the next chunk (or writes the workbook); only the owner. */
  continue: { req: { id: string }; res: ExportView };
  /** The caller's own exports (newest first) and the monthly report workbooks they may read. */
  list: { req: Record<string, never>; res: { mine: ExportView[]; packs: ExportView[] } };
  /** A finished export's temporary download URL. */
  download: { req: { id: string }; res: { url: string; fileName: string } };
  /**
   * The county admin writes (or goes on writing) the monthly report pack for `month` (YYYY-MM):
   * one workbook per community, unit, town and the county. The timer does the same at month end.
   */
  runPack: { req: { month: string }; res: { month: string; done: number; total: number; finished: boolean } };
}
