/**
 * SLAs per urgency grade — configuration, not code paths. Defaults follow the field's practice
 * (Beijing 12345's graded answers; 长泰's graded handling): 紧急 accept within 2 h and finish within
 * 24 h; 一般 accept within 24 h, finish within 7 days; 复杂 accept within 24 h, finish within 15 days.
 */
import type { Urgency } from '../../types/dispatch';
import { HOUR } from './calendar';

export interface SlaGrade {
  acceptHours: number;
  finishHours: number;
  label: string;
}

export type SlaConfig = Record<Urgency, SlaGrade>;

export const DEFAULT_SLA: SlaConfig = {
  urgent: { acceptHours: 2, finishHours: 24, label: '紧急' },
  normal: { acceptHours: 24, finishHours: 7 * 24, label: '一般' },
  complex: { acceptHours: 24, finishHours: 15 * 24, label: '复杂' },
};


/**
 * The accept and finish deadlines of a dispatch made at `at`. A deadline the staff set may be
 * earlier than the grade allows, never later.
 */
export function deadlines(urgency: Urgency, at: Date, requested: Date | null, sla: SlaConfig = DEFAULT_SLA): { acceptBy: Date; finishBy: Date } {
  const grade = sla[urgency];
  const acceptBy = new Date(at.getTime() + grade.acceptHours * HOUR);
  const latest = new Date(at.getTime() + grade.finishHours * HOUR);
  const finishBy = requested && requested < latest ? requested : latest;
  return { acceptBy, finishBy: finishBy < acceptBy ? acceptBy : finishBy };
}

