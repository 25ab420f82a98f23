/**
 * The SLA rules a dispatch is decided with: the grades from deploy configuration and China's
 * working-day table from the `chinese-days` package (pinned in package.json; a new year's holidays
 * arrive by bumping it, see README "SLA rules"). Built once per function instance.
 *
 * The grades are deploy configuration, not a settings document: a dispatch stays within its two
 * reads (the caller, the demand with its pairings), and a change of policy is a deploy, reviewed
 * like code. `JINLIN_SLA` (JSON, e.g. `{"normal":{"accept":{"workdays":1},"finish":{"workdays":5}}}`)
 * overrides the defaults grade by grade; an invalid value fails every dispatch (logged, answered
 * INTERNAL) rather than deciding deadlines from a misread policy.
 */
// Only the years a dispatch made now can reach (the package holds every year since 2004: 46 KB of
// the bundle, against 3 KB for these). A bump of chinese-days that publishes a new year adds its
// line here; test/core/workdays.test.ts fails until it does.
import year2025 from 'chinese-days/dist/years/2025.json';
import year2026 from 'chinese-days/dist/years/2026.json';
import { DEFAULT_SLA, type SlaConfig, type SlaRules } from '../core/sla';
import type { WorkdayTable } from '../core/workdays';
import * as z from 'zod';

type PublishedYear = { holidays: Record<string, string>; workdays: Record<string, string> };

/** The years loaded from the package, oldest first, without gaps. */
export const PUBLISHED_YEARS: PublishedYear[] = [year2025, year2026];

/** The working-day table of the loaded years: their holidays and 调休 workdays. */
export function chineseWorkdays(years: PublishedYear[] = PUBLISHED_YEARS): WorkdayTable {
  const days = (pick: (y: PublishedYear) => Record<string, string>) => years.flatMap((y) => Object.keys(pick(y)));
  const numbers = days((y) => y.holidays).map((d) => Number(d.slice(0, 4)));
  return {
    firstYear: Math.min(...numbers),
    lastYear: Math.max(...numbers),
    holidays: new Set(days((y) => y.holidays)),
    workdays: new Set(days((y) => y.workdays)),
  };
}

const count = z.number().int().min(1).max(90);
const span = z.union([z.strictObject({ hours: count }), z.strictObject({ workdays: count })]);
const grade = z.strictObject({ accept: span, finish: span });
const override = z.strictObject({ urgent: grade.optional(), normal: grade.optional(), complex: grade.optional() });

/** The grades: the defaults, with those `JINLIN_SLA` names replaced. */
export function slaGrades(json = process.env.JINLIN_SLA): SlaConfig {
  if (!json) return DEFAULT_SLA;
  const parsed = override.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error(`JINLIN_SLA is not a valid SLA table: ${parsed.error.issues[0]?.message}`);
  return { ...DEFAULT_SLA, ...parsed.data };
}

let rules: SlaRules | null = null;

export function slaRules(): SlaRules {
  rules ??= { grades: slaGrades(), calendar: chineseWorkdays() };
  return rules;
}
