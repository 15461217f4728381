import { Flex, Grid, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useT, type MessageKey } from '../../app/i18n.ts';
import { dayColours } from '../../app/theme.ts';
import type { CalendarDay, DayKind } from './calendar.api.ts';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** Monday-first month grid; each day coloured by its kind, holidays named, make-up working days marked 班. */
export function MonthGrid({ days, today }: { days: readonly CalendarDay[]; today: string }) {
  const t = useT();
  const first = days[0];
  const leading = first ? (dayjs(first.date).day() + 6) % 7 : 0;
  const cells: (CalendarDay | null)[] = [...Array.from({ length: leading }, () => null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);

  return (
    <div data-testid="month-grid">
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 }}>
        {WEEKDAYS.map((w) => (
          <div
            key={w}
            style={{
              textAlign: 'center',
              fontWeight: 600,
              padding: '4px 0',
              color: w >= 6 ? '#6b7280' : undefined,
            }}
          >
            {t(`calendar.weekday.${w}`)}
          </div>
        ))}
        {cells.map((day, i) =>
          day ? (
            <DayCell key={day.date} day={day} isToday={day.date === today} />
          ) : (
            <div key={`blank-${i}`} />
          ),
        )}
      </div>
    </div>
  );
}

function kindLabel(kind: DayKind): MessageKey {
  return `calendar.kind.${kind}`;
}

function DayCell({ day, isToday }: { day: CalendarDay; isToday: boolean }) {
  const t = useT();
  const compact = !Grid.useBreakpoint().sm;
  const c = dayColours[day.kind];
  // A phone cell is ~45px wide: a holiday name cut to "国…" says nothing, so it shows just 休/班 there and the full
  // name stays in the tooltip.
  const note = compact
    ? day.kind === 'holiday'
      ? t('calendar.holidayShort')
      : day.kind === 'makeup_workday'
        ? t('calendar.makeupShort')
        : ''
    : day.kind === 'holiday'
      ? (day.holiday ?? t('calendar.kind.holiday'))
      : day.kind === 'makeup_workday'
        ? `${t('calendar.makeupShort')}${day.holiday ? ` · ${day.holiday}` : ''}`
        : '';
  const tip = [day.date, t(kindLabel(day.kind)), day.holiday].filter(Boolean).join(' · ');
  return (
    <Tooltip title={tip}>
      <div
        data-testid="day-cell"
        data-date={day.date}
        data-kind={day.kind}
        style={{
          background: c.background,
          border: `${isToday ? 2 : 1}px solid ${isToday ? '#164c9a' : c.border}`,
          color: c.text,
          borderRadius: 6,
          minHeight: compact ? 48 : 64,
          padding: compact ? '3px 4px' : '6px 8px',
          overflow: 'hidden',
        }}
      >
        <Flex justify="space-between" align="baseline">
          <span style={{ fontSize: compact ? 14 : 16, fontWeight: 600 }}>{Number(day.date.slice(8))}</span>
          {day.kind === 'holiday' && !compact && (
            <span style={{ fontSize: 12 }}>{t('calendar.holidayShort')}</span>
          )}
        </Flex>
        {note && (
          <Typography.Text ellipsis style={{ display: 'block', fontSize: compact ? 10 : 12, color: c.text }}>
            {note}
          </Typography.Text>
        )}
      </div>
    </Tooltip>
  );
}

export function Legend() {
  const t = useT();
  const kinds: DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday'];
  return (
    <Flex wrap gap={12} align="center" aria-label={t('calendar.legend')} data-testid="calendar-legend">
      {kinds.map((k) => (
        <Flex key={k} gap={6} align="center">
          <span
            style={{
              width: 14,
              height: 14,
              borderRadius: 3,
              background: dayColours[k].background,
              border: `1px solid ${dayColours[k].border}`,
              display: 'inline-block',
            }}
          />
          <span>{t(kindLabel(k))}</span>
        </Flex>
      ))}
    </Flex>
  );
}
