/**
 * SLAs per urgency grade — configuration, not code paths. Each limit is in clock hours or in
 * working days (工作日, ./workdays.ts). Defaults follow Beijing 12345 接诉即办's graded limits:
 * 紧急 accept within 2 h and finish within 24 h, around the clock (an urgent matter does not wait
 * for Monday); 一般 accept within 1 工作日, finish within 7 工作日; 复杂 accept within 1 工作日,
 * finish within 15 工作日.
 */
import type { Urgency } from '../../types/dispatch';
import { HOUR } from './calendar';
import { addWorkdays, type WorkdayTable } from './workdays';

/** A limit: clock hours, or whole working days (counted as in ./workdays.ts). */
export type Span = { hours: number } | { workdays: number };

export interface SlaGrade {
  accept: Span;
  finish: Span;
}

export type SlaConfig = Record<Urgency, SlaGrade>;

export const DEFAULT_SLA: SlaConfig = {
  urgent: { accept: { hours: 2 }, finish: { hours: 24 } },
  normal: { accept: { workdays: 1 }, finish: { workdays: 7 } },
  complex: { accept: { workdays: 1 }, finish: { workdays: 15 } },
};

/** What deadlines are computed with: the grades and China's working-day table. */
export interface SlaRules {
  grades: SlaConfig;
  calendar: WorkdayTable;
}

/** The end of a span that starts at `at`. */
export function spanEnd(span: Span, at: Date, calendar: WorkdayTable): Date {
  return 'hours' in span ? new Date(at.getTime() + span.hours * HOUR) : addWorkdays(calendar, at, span.workdays);
}

/** "2 小时", "7 个工作日": how a limit is said. */
export function spanLabel(span: Span): string {
  return 'hours' in span ? `${span.hours} 小时` : `${span.workdays} 个工作日`;
}

/**
 * The accept and finish deadlines of a dispatch made at `at`. A deadline the staff set may be
 * earlier than the grade allows, never later, and never before the accept deadline.
 */
export function deadlines(urgency: Urgency, at: Date, requested: Date | null, rules: SlaRules): { acceptBy: Date; finishBy: Date } {
  const grade = rules.grades[urgency];
  const acceptBy = spanEnd(grade.accept, at, rules.calendar);
  const latest = spanEnd(grade.finish, at, rules.calendar);
  const finishBy = requested && requested < latest ? requested : latest;
  return { acceptBy, finishBy: finishBy < acceptBy ? acceptBy : finishBy };
}
