/**
 * China time (UTC+8, no daylight saving) on the web side, the browser's own zone aside: the server decides periods,
 * deadlines and "today" in China time, so pages that compute them must too (the server's twin is
 * server/kernel/china-time.ts).
 */
const CHINA_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The China calendar date of an instant (now by default), `YYYY-MM-DD`. */
export function chinaDate(instant: string | number | Date = new Date()): string {
  const parts = CHINA_DAY.formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The China month of an instant, `YYYY-MM`. */
export function chinaMonth(instant: string | number | Date = new Date()): string {
  return chinaDate(instant).slice(0, 7);
}
