import { Button, Empty, Flex, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import dayjs from 'dayjs';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { layoutTaskGraph } from './services.api.ts';
import { taskColours, TaskStatusTag } from './services-ui.tsx';
import type { Application, ApplicationTask, TimelineEvent } from './services.api.ts';
import { chinaDate } from '../../app/china-time.ts';

const DAY_MS = 86_400_000;

function dayNo(day: string): number {
  return Math.floor(
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS,
  );
}

export interface Lane {
  task: ApplicationTask;
  /** Bar start and end (calendar-day numbers, end inclusive); undefined while the task waits. */
  from?: number | undefined;
  to?: number | undefined;
  due?: number | undefined;
}

/** Lanes in task-graph order (a task after those it waits for) with the span each bar covers. */
export function lanesOf(
  app: Pick<Application, 'tasks' | 'submittedAt'>,
  today: string,
): {
  lanes: Lane[];
  start: number;
  end: number;
} {
  const order = layoutTaskGraph(app.tasks.map((x) => ({ key: x.key, dependsOn: x.dependsOn ?? [] })));
  const rank = new Map(order.map((n) => [n.key, n.stage * 1000 + n.lane]));
  const tasks = [...app.tasks].sort((a, b) => (rank.get(a.key) ?? 0) - (rank.get(b.key) ?? 0));
  const todayNo = dayNo(today);
  const lanes: Lane[] = tasks.map((task) => {
    const from = task.startedOn ? dayNo(task.startedOn) : undefined;
    const finished = task.finishedAt ? dayNo(chinaDate(task.finishedAt)) : undefined;
    const to = from === undefined ? undefined : (finished ?? Math.max(todayNo, from));
    return { task, from, to, due: task.dueDate ? dayNo(task.dueDate) : undefined };
  });
  const points = [
    dayNo(chinaDate(app.submittedAt)),
    ...lanes.flatMap((l) => [l.from, l.to, l.due].filter((x): x is number => x !== undefined)),
  ];
  const start = Math.min(...points);
  const end = Math.max(...points, start + 1);
  return { lanes, start, end };
}

function dayText(n: number): string {
  return dayjs(n * DAY_MS).format('MM-DD');
}

function LaneRow({
  lane,
  start,
  end,
  names,
}: {
  lane: Lane;
  start: number;
  end: number;
  names: Map<string, string>;
}) {
  const t = useT();
  const { task } = lane;
  const span = end - start + 1;
  const pct = (n: number) => `${((n - start) / span) * 100}%`;
  const width = (a: number, b: number) => `${((b - a + 1) / span) * 100}%`;
  const waiting = task.status === 'waiting';
  const overdue = lane.due !== undefined && lane.to !== undefined && !task.finishedAt && lane.to > lane.due;
  return (
    <Flex
      wrap
      gap={12}
      align="center"
      style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
      data-testid="timeline-lane"
      data-key={task.key}
      data-status={task.status}
    >
      <Flex vertical gap={2} style={{ flex: '1 1 240px', minWidth: 0 }}>
        <Flex gap={6} wrap align="center">
          <Typography.Text strong>{task.name}</Typography.Text>
          <TaskStatusTag status={task.status} />
          {task.pausedWorkdays > 0 && (
            <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="paused-days">
              {t('services.timeline.paused', { count: task.pausedWorkdays })}
            </Tag>
          )}
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {task.department}
          {task.claimedBy ? ` · ${t('services.timeline.handledBy', { name: task.claimedBy })}` : ''}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {task.startedOn ? t('services.timeline.started', { date: task.startedOn }) : ''}
          {task.dueDate ? ` · ${t('services.timeline.due', { date: task.dueDate })}` : ''}
          {task.finishedAt
            ? ` · ${t('services.timeline.finished', { time: formatDateTime(task.finishedAt) })}`
            : ''}
        </Typography.Text>
        {waiting && (task.dependsOn ?? []).length > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('services.timeline.waitsFor', {
              names: (task.dependsOn ?? []).map((k) => names.get(k) ?? k).join('、'),
            })}
          </Typography.Text>
        )}
        {task.comment && (
          <Typography.Text style={{ fontSize: 12 }} data-testid="task-comment">
            {t('services.timeline.comment', { text: task.comment })}
          </Typography.Text>
        )}
      </Flex>
      <div
        style={{
          flex: '2 1 260px',
          position: 'relative',
          height: 28,
          background: '#fafafa',
          borderRadius: 4,
        }}
        aria-hidden
      >
        {lane.from !== undefined && lane.to !== undefined ? (
          <Tooltip
            title={`${task.startedOn ?? ''} → ${task.finishedAt ? chinaDate(task.finishedAt) : t('services.timeline.today')}`}
          >
            <div
              style={{
                position: 'absolute',
                top: 6,
                height: 16,
                left: pct(lane.from),
                width: width(lane.from, lane.to),
                minWidth: 6,
                borderRadius: 4,
                background: overdue ? taskColours.rejected : taskColours[task.status],
                opacity: task.finishedAt ? 1 : 0.75,
              }}
            />
          </Tooltip>
        ) : (
          <div
            style={{
              position: 'absolute',
              inset: '6px 0',
              border: '1px dashed #bfc4cc',
              borderRadius: 4,
            }}
          />
        )}
        {lane.due !== undefined && (
          <Tooltip title={t('services.timeline.due', { date: task.dueDate ?? '' })}>
            <div
              style={{
                position: 'absolute',
                top: 0,
                bottom: 0,
                left: `calc(${pct(lane.due + 1)} - 2px)`,
                width: 2,
                background: '#d9363e',
              }}
            />
          </Tooltip>
        )}
      </div>
    </Flex>
  );
}

const EVENT_COLOUR: Record<string, string> = {
  submitted: 'blue',
  claimed: 'blue',
  approved: 'green',
  completed: 'green',
  rejected: 'red',
  supplement_requested: 'orange',
  supplement_answered: 'blue',
  objected: 'red',
};

function eventColour(kind: string): string {
  for (const [k, c] of Object.entries(EVENT_COLOUR)) if (kind.endsWith(k)) return c;
  return 'gray';
}

/** Long histories show their latest steps first-hand; the earlier ones are one click away. */
const EVENTS_SHOWN = 10;

function Events({ events }: { events: readonly TimelineEvent[] }) {
  const t = useT();
  const [all, setAll] = useState(false);
  if (events.length === 0) return <Empty description={t('services.timeline.noEvents')} />;
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at));
  const hidden = all ? 0 : Math.max(0, ordered.length - EVENTS_SHOWN);
  const sorted = ordered.slice(hidden);
  return (
    <Flex vertical gap={8}>
      {hidden > 0 && (
        <Button
          type="link"
          style={{ alignSelf: 'start', padding: 0 }}
          onClick={() => setAll(true)}
          data-testid="events-more"
        >
          {t('services.timeline.showEarlier', { count: hidden })}
        </Button>
      )}
      <Timeline
        data-testid="event-log"
        items={sorted.map((e, i) => ({
          key: `${e.at}-${i}`,
          color: eventColour(e.kind),
          content: (
            <Flex vertical gap={2} data-testid="timeline-event" data-kind={e.kind}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(e.at)} · {e.actor}
              </Typography.Text>
              <Typography.Text>{e.text}</Typography.Text>
            </Flex>
          ),
        }))}
      />
    </Flex>
  );
}

/**
 * Every task of an application on its own lane (parallel tasks side by side): the bar runs from the day its clock
 * started to the day it finished (or today), the red mark is its due date, paused days of 补正 are counted on the
 * tag. Below, every event with who did it and when.
 */
export function ApplicationTimeline({ application }: { application: Application }) {
  const t = useT();
  const today = chinaDate();
  const { lanes, start, end } = lanesOf(application, today);
  const names = new Map(application.tasks.map((x) => [x.key, x.name]));
  const todayNo = dayNo(today);
  return (
    <Flex vertical gap={16} data-testid="application-timeline">
      {lanes.length === 0 ? (
        <Empty description={t('services.timeline.noTasks')} />
      ) : (
        <div>
          <Flex wrap gap={12} style={{ paddingBottom: 4 }}>
            <div style={{ flex: '1 1 240px' }} />
            <Flex justify="space-between" style={{ flex: '2 1 260px' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayText(start)}
              </Typography.Text>
              {todayNo > start && todayNo < end && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('services.timeline.todayIs', { date: dayText(todayNo) })}
                </Typography.Text>
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {dayText(end)}
              </Typography.Text>
            </Flex>
          </Flex>
          {lanes.map((lane) => (
            <LaneRow key={lane.task.id} lane={lane} start={start} end={end} names={names} />
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('services.timeline.legend')}
          </Typography.Text>
        </div>
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('services.timeline.events')}
      </Typography.Title>
      <Events events={application.timeline} />
    </Flex>
  );
}
