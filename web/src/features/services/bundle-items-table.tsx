/** The items a bundle is made of, with their departments and deadlines. */
import { Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useT } from '../../app/i18n.ts';
import { noWrap } from '../../components/table-columns.ts';
import { usePhone, workdays } from './services-ui.tsx';
import type { Bundle, BundleTask, ServiceItem } from './services.api.ts';

export function ItemsTable({ bundle, items }: { bundle: Bundle; items: ServiceItem[] | undefined }) {
  const t = useT();
  const phone = usePhone();
  const byCode = useMemo(() => new Map((items ?? []).map((i) => [i.code, i])), [items]);
  const nameOf = (key: string) => bundle.tasks.find((x) => x.key === key)?.name ?? key;
  const columns: TableColumnsType<BundleTask> = [
    {
      title: t('services.item.name'),
      dataIndex: 'name',
      render: (name: string, task) => {
        const item = byCode.get(task.itemCode);
        return (
          <Flex vertical gap={2}>
            <Typography.Text strong>{name}</Typography.Text>
            {phone && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {task.department} · {workdays(task.deadlineWorkdays, t)}
              </Typography.Text>
            )}
            {item?.legalBasis && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('services.item.legalBasisIs', { basis: item.legalBasis })}
              </Typography.Text>
            )}
            {item && item.produces.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('services.item.producesIs', {
                  results: item.produces.map((p) => p.name).join('、'),
                })}
              </Typography.Text>
            )}
          </Flex>
        );
      },
    },
    ...(phone
      ? []
      : [
          { title: t('services.item.department'), dataIndex: 'department', ...noWrap },
          {
            title: t('services.item.deadline'),
            dataIndex: 'deadlineWorkdays',
            ...noWrap,
            render: (n: number) => workdays(n, t),
          },
        ]),
    {
      title: t('services.bundle.startsWhen'),
      key: 'deps',
      render: (_: unknown, task) =>
        task.dependsOn.length === 0
          ? t('services.bundle.startsAtOnce')
          : t('services.bundle.afterTasks', { names: task.dependsOn.map(nameOf).join('、') }),
    },
  ];
  return (
    <Table<BundleTask>
      rowKey="key"
      size="small"
      dataSource={bundle.tasks}
      columns={columns}
      pagination={false}
      data-testid="bundle-items"
    />
  );
}
