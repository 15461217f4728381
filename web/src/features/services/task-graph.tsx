import { Empty, Flex, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import { theme } from '../../app/theme.ts';
import { layoutTaskGraph } from './services.api.ts';
import { taskColours } from './services-ui.tsx';
import type { TaskStatus } from './services.api.ts';

export interface GraphTask {
  key: string;
  name: string;
  department: string;
  dependsOn: readonly string[];
  deadlineWorkdays: number;
}

const NODE_W = 208;
const NODE_H = 70;
const GAP_X = 56;
const GAP_Y = 18;
const PAD = 12;
const HEAD = 26;

/** Cuts a label to what fits in `width` px at `size` px font (a Han character is about one em, Latin half). */
export function fitText(text: string, width: number, size: number): string {
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = (ch.codePointAt(0) ?? 0) < 0x100 ? size * 0.56 : size;
    if (used + w > width) return `${out.slice(0, Math.max(0, out.length - 1))}…`;
    used += w;
    out += ch;
  }
  return out;
}

/**
 * The bundle's task graph as a picture: one column per stage (tasks of a column run in parallel, each in its own
 * lane), arrows from the tasks a task waits for. With `statuses` (an application) each box takes its task's colour.
 * Scrolls sideways on a phone rather than shrinking the words.
 */
export function TaskGraph({
  tasks,
  statuses,
}: {
  tasks: readonly GraphTask[];
  statuses?: Partial<Record<string, TaskStatus>>;
}) {
  const t = useT();
  if (tasks.length === 0) return <Empty description={t('services.graph.empty')} />;
  const layout = layoutTaskGraph(tasks);
  const at = new Map(layout.map((n) => [n.key, n]));
  const stages = Math.max(...layout.map((n) => n.stage)) + 1;
  const lanes = Math.max(...layout.map((n) => n.lane)) + 1;
  const width = PAD * 2 + stages * NODE_W + (stages - 1) * GAP_X;
  const height = PAD * 2 + HEAD + lanes * NODE_H + (lanes - 1) * GAP_Y;
  const x = (stage: number) => PAD + stage * (NODE_W + GAP_X);
  const y = (lane: number) => PAD + HEAD + lane * (NODE_H + GAP_Y);
  const summary = tasks
    .map((task) =>
      task.dependsOn.length === 0
        ? t('services.graph.startsAtOnce', { name: task.name })
        : t('services.graph.waitsFor', {
            name: task.name,
            deps: task.dependsOn.map((d) => tasks.find((x) => x.key === d)?.name ?? d).join('、'),
          }),
    )
    .join('；');

  return (
    <Flex vertical gap={8}>
      {/* Focusable so a keyboard user can scroll a graph wider than a phone (WCAG scrollable-region-focusable). */}
      <div
        tabIndex={0}
        role="region"
        aria-label={t('services.bundle.flow')}
        style={{ overflowX: 'auto', WebkitOverflowScrolling: 'touch' }}
      >
        <svg
          role="img"
          aria-label={summary}
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          style={{ display: 'block', fontFamily: theme.token?.fontFamily, maxWidth: 'none' }}
          data-testid="task-graph"
          data-stages={stages}
        >
          <defs>
            <marker
              id="ys-arrow"
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#8a919c" />
            </marker>
          </defs>
          {Array.from({ length: stages }, (_, s) => (
            <text
              key={`h${s}`}
              x={x(s) + NODE_W / 2}
              y={PAD + 14}
              textAnchor="middle"
              fontSize={12}
              fill="#6b7280"
            >
              {s === 0 ? t('services.graph.stageFirst') : t('services.graph.stage', { n: s + 1 })}
            </text>
          ))}
          {tasks.flatMap((task) => {
            const to = at.get(task.key);
            if (!to) return [];
            return task.dependsOn.flatMap((dep) => {
              const from = at.get(dep);
              if (!from) return [];
              const x1 = x(from.stage) + NODE_W;
              const y1 = y(from.lane) + NODE_H / 2;
              const x2 = x(to.stage) - 2;
              const y2 = y(to.lane) + NODE_H / 2;
              const mid = (x1 + x2) / 2;
              return [
                <path
                  key={`${dep}->${task.key}`}
                  d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`}
                  fill="none"
                  stroke="#8a919c"
                  strokeWidth={1.5}
                  markerEnd="url(#ys-arrow)"
                  data-testid="graph-edge"
                  data-from={dep}
                  data-to={task.key}
                />,
              ];
            });
          })}
          {tasks.map((task) => {
            const n = at.get(task.key);
            if (!n) return null;
            const status = statuses?.[task.key];
            const colour = status ? taskColours[status] : (theme.token?.colorPrimary ?? '#164c9a');
            return (
              <g
                key={task.key}
                transform={`translate(${x(n.stage)} ${y(n.lane)})`}
                data-testid="graph-node"
                data-key={task.key}
                data-stage={n.stage}
                data-status={status}
              >
                <title>{`${task.name} · ${task.department}`}</title>
                <rect
                  width={NODE_W}
                  height={NODE_H}
                  rx={8}
                  fill="#ffffff"
                  stroke={colour}
                  strokeWidth={status === 'waiting' ? 1 : 1.5}
                  strokeDasharray={status === 'waiting' ? '4 3' : undefined}
                />
                <rect width={6} height={NODE_H} rx={3} fill={colour} />
                <text x={16} y={22} fontSize={14} fontWeight={600} fill="#1f2937">
                  {fitText(task.name, NODE_W - 24, 14)}
                </text>
                <text x={16} y={42} fontSize={12} fill="#4b5563">
                  {fitText(task.department, NODE_W - 24, 12)}
                </text>
                <text x={16} y={60} fontSize={12} fill="#6b7280">
                  {status
                    ? `${t(`services.taskStatus.${status}`)} · ${t('services.workdays', { count: task.deadlineWorkdays })}`
                    : t('services.graph.deadline', { count: task.deadlineWorkdays })}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('services.graph.legend')}
      </Typography.Text>
    </Flex>
  );
}
