import dayjs from 'dayjs';

/** Instants arrive as ISO 8601 UTC; show them in the browser's zone, minutes precision. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}

/** Calendar days are already `YYYY-MM-DD`; never shift them through a time zone. */
export function formatDay(day: string | null | undefined): string {
  return day ?? '—';
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** `YYYY-MM-DD` of a dayjs value, in local time (what the user picked). */
export function toDay(value: dayjs.Dayjs): string {
  return value.format('YYYY-MM-DD');
}
