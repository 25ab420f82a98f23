/**
 * How the app writes times, days, months, hours, rates, points and codes — in every pillar alike.
 * Pure: no Taro, no network; `now` is passed in where the answer depends on it.
 */
import dayjs from 'dayjs'

// ---- times and days -------------------------------------------------------------------------

/** "5月3日 14:05", with the year when it is not this year. */
export function formatTime(at: Date | string | null | undefined, now: Date = new Date()): string {
  if (!at) return ''
  const d = dayjs(at)
  if (!d.isValid()) return ''
  return d.year() === now.getFullYear() ? d.format('M月D日 HH:mm') : d.format('YYYY年M月D日 HH:mm')
}

/** "5月3日", with the year when it is not this year. */
export function formatDay(at: Date | string | null | undefined, now: Date = new Date()): string {
  if (!at) return ''
  const d = dayjs(at)
  if (!d.isValid()) return ''
  return d.year() === now.getFullYear() ? d.format('M月D日') : d.format('YYYY年M月D日')
}

/** "2027年2月21日": the last day an item may be redeemed. */
export function formatDate(at: Date | string): string {
  const d = dayjs(at)
  return d.isValid() ? d.format('YYYY年M月D日') : ''
}

/** "11月23日 09:00–11:30", with the end day when it differs. */
export function formatSpan(startAt: Date | string, endAt: Date | string): string {
  const s = dayjs(startAt)
  const e = dayjs(endAt)
  if (!s.isValid() || !e.isValid()) return ''
  const year = s.year() === new Date().getFullYear() ? '' : 'YYYY年'
  const end = s.isSame(e, 'day') ? e.format('HH:mm') : e.format('M月D日 HH:mm')
  return `${s.format(`${year}M月D日 HH:mm`)}–${end}`
}

/** YYYY-MM-DD of today, or `days` after (the device's calendar, as the pickers show it). */
export function dayAfter(days = 0): string {
  return dayjs().add(days, 'day').format('YYYY-MM-DD')
}

/** End of a chosen day (YYYY-MM-DD) in China Standard Time, as the API's ISO datetime with offset. */
export function deadlineOf(day: string): string {
  return `${day}T23:59:59+08:00`
}

/** A date picker's YYYY-MM-DD and a time HH:mm in China Standard Time, as the API's ISO datetime. */
export function isoOf(day: string, time: string): string {
  return `${day}T${time}:00+08:00`
}

// ---- months ---------------------------------------------------------------------------------

/** `YYYY-MM` of a date (the device's calendar). */
export function monthKey(d: Date = new Date()): string {
  return dayjs(d).format('YYYY-MM')
}

/** The month `by` months before (negative) or after `month`. */
export function shiftMonth(month: string, by: number): string {
  return dayjs(`${month}-01`).add(by, 'month').format('YYYY-MM')
}

/** "2025年5月". */
export function formatMonth(month: string): string {
  return dayjs(`${month}-01`).format('YYYY年M月')
}

// ---- hours, rates and points ----------------------------------------------------------------

/** "3 小时", "1.5 小时"; "不到 0.1 小时" rather than a misleading 0. */
export function formatHours(h: number | null | undefined): string {
  if (h === null || h === undefined) return '暂无'
  const rounded = Math.round(h * 10) / 10
  return rounded === 0 ? '不到 0.1 小时' : `${rounded} 小时`
}

/** Hours served so far: "0 小时" when none (not "不到 0.1 小时", which reads as some). */
export function formatServed(hours: number): string {
  return hours ? formatHours(hours) : '0 小时'
}

/** "+2 小时", "−1.5 小时", or '' when the entry moved no hours. */
export function formatHoursDelta(hours: number): string {
  if (!hours) return ''
  const h = Math.round(Math.abs(hours) * 10) / 10
  return `${hours > 0 ? '+' : '−'}${h} 小时`
}

/** "85.7%", or "暂无" when there is nothing to divide by. */
export function formatRate(r: number | null): string {
  if (r === null) return '暂无'
  return `${Math.round(r * 1000) / 10}%`
}

/** "65%" of a 0..1 progress. */
export function formatPercent(progress: number): string {
  return `${Math.round(Math.max(0, Math.min(1, progress)) * 100)}%`
}

/** "+12 分", "−30 分": a sign always, so that spending reads as spending. */
export function formatDelta(points: number): string {
  if (points > 0) return `+${points} 分`
  if (points < 0) return `−${Math.abs(points)} 分`
  return '0 分'
}

/** A redemption code spaced in fours for reading aloud at the counter: "AB12 CD34". */
export function spacedCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}
