import dayjs from 'dayjs'

/** YYYY-MM-DD of today, or `days` after (the device's calendar, as the pickers show it). */
export function dayAfter(days = 0): string {
  return dayjs().add(days, 'day').format('YYYY-MM-DD')
}
