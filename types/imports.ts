/**
 * 导入 (workbook import): a county's organisation from an .xlsx workbook — regions and
 * households, units and pairings, people with roles, key households. Upload → dry run (a report
 * per sheet, every bad row with its row number, column and a Chinese reason) → apply in chunks.
 * Contracts only. Only the county admin imports.
 */
import type { Region } from './domain';

/** The workbook's sheets, in the order they are applied (later sheets refer to earlier ones). */
export type ImportSheet = 'regions' | 'units' | 'people' | 'keyHouseholds';

/**
 * A region as the import writes it: the demo seed's shape plus, for towns and communities, the
 * national 12-digit statistical division code (统计用区划代码) where the workbook gives one. It is
 * their natural key. (Declared here until `Region` in types/domain.ts carries it.)
 */
export interface ImportedRegion extends Region {
  divisionCode?: string;
}

/** A row the import refuses: where it is and why, in Chinese. Never written. */
export interface BadRow {
  sheet: ImportSheet;
  /** The row number as Excel shows it (the header is row 1). */
  row: number;
  /** The column's header, e.g. 手机号; the whole row or sheet when empty. */
  column: string;
  reason: string;
}

/** What one sheet would do (dry run) or did (apply). */
export interface SheetCounts {
  /** Data rows read (blank rows are not counted). */
  rows: number;
  create: number;
  change: number;
  unchanged: number;
  /** Rows refused (in the dry run) or failed (found bad only when applied). */
  bad: number;
}

export type ImportStatus = 'planned' | 'applying' | 'finished';

/**
 * An import job (collection `imports`): the dry run's report and the apply's position, so that an
 * apply split over many calls (60 s each on CloudBase) resumes where the last one stopped.
 */
export interface ImportJob {
  _id: string;
  fileId: string;
  /** sha256 of the file at the dry run: apply refuses a file that changed since. */
  fileHash: string;
  status: ImportStatus;
  createdAt: Date | string;
  createdBy: { openid: string; name: string };
  /** The dry run's counts per sheet. */
  planned: Record<ImportSheet, SheetCounts>;
  /** Bad rows of the dry run, in sheet and row order (the first MAX_BAD_ROWS of them). */
  badRows: BadRow[];
  /** Bad rows beyond those listed. */
  badRowsOmitted: number;
  /** Row numbers of every row refused in the dry run, per sheet: apply never writes them. */
  refused: Record<ImportSheet, number[]>;
  /**
   * Too many bad rows to keep their numbers in the job (over 20,000): the report stands, apply is
   * refused until the file is fixed.
   */
  tooManyBad: boolean;
  /** Good rows to apply. */
  total: number;
  /** Good rows applied so far (in sheet order). */
  done: number;
  /** What the apply did so far, per sheet. */
  applied: Record<ImportSheet, SheetCounts>;
  /** Rows that the dry run passed but that were bad when applied (e.g. a unit deleted since). */
  failures: BadRow[];
  /**
   * An apply call holds the job (its random `lease`) until `leaseUntil` (ms since epoch; 0 when
   * free), so two calls never work on it at once; a call that crashed frees it when that passes.
   */
  lease: string | null;
  leaseUntil: number;
  startedAt: Date | string | null;
  finishedAt: Date | string | null;
  /** Apply calls so far (chunks). */
  calls: number;
  /** Progress saves so far (each save changes it, so a conditional save always changes something). */
  saves: number;
}

/** The dry run's report, and an import's state at any time. */
export interface ImportReport {
  importId: string;
  status: ImportStatus;
  planned: Record<ImportSheet, SheetCounts>;
  badRows: BadRow[];
  badRowsOmitted: number;
  total: number;
  done: number;
  applied: Record<ImportSheet, SheetCounts>;
  failures: BadRow[];
  calls: number;
}

/** What one apply call answers: call again until `finished`. */
export interface ImportProgress {
  importId: string;
  done: number;
  total: number;
  finished: boolean;
  /** Another call holds the job right now: wait a moment and call again. */
  busy: boolean;
  applied: Record<ImportSheet, SheetCounts>;
  failures: BadRow[];
  calls: number;
}

/** `imports`: the county admin's workbook import. */
export interface ImportsApi {
  /** The template workbook (说明 + one sheet per kind, an example row each), to download. */
  template: { req: Record<string, never>; res: { fileID: string; url: string } };
  /**
   * H5: the workbook's bytes as base64 (≤ 5 MB). In WeChat the app uploads with
   * `Taro.cloud.uploadFile` to `imports/<openid>/…` and goes straight to `dryRun`.
   */
  upload: { req: { base64: string }; res: { fileID: string } };
  /** Reads and checks every row, compares with the database, stores the job; writes nothing else. */
  dryRun: { req: { fileId: string }; res: ImportReport };
  /** Applies as many rows as fit in one call's time budget; call again until `finished`. */
  apply: { req: { importId: string }; res: ImportProgress };
  /** An import's report and progress. */
  status: { req: { importId: string }; res: ImportReport };
}
