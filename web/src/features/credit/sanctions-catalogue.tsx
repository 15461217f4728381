/** The sanctions catalogue, read-only: which lists or classes block or flag which purposes, and on what basis. */
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import { useT, type Translate } from '../../app/i18n.ts';
import { noWrap } from '../../components/table-columns.ts';
import type { Purpose, SanctionCatalogue, SanctionMeasure } from './credit.api.ts';

function triggerText(m: SanctionMeasure, catalogue: SanctionCatalogue, t: Translate): string {
  switch (m.trigger.type) {
    case 'list': {
      const code = m.trigger.list;
      return catalogue.lists.find((l) => l.code === code)?.name ?? code;
    }
    case 'listType':
      return t('credit.sanctions.anyList', { type: t(`credit.lists.type.${m.trigger.listType}`) });
    case 'class':
      return t('credit.sanctions.classes', { classes: m.trigger.classes.join('、') });
  }
}

export function SanctionsCatalogue({ catalogue }: { catalogue: SanctionCatalogue }) {
  const t = useT();
  return (
    <Flex vertical gap={12}>
      <Alert type="info" showIcon title={t('credit.sanctions.commitmentRule')} />
      <Table<SanctionMeasure>
        rowKey="code"
        size="small"
        columns={[
          { title: t('credit.sanctions.measure'), dataIndex: 'name' },
          {
            title: t('credit.sanctions.trigger'),
            key: 'trigger',
            render: (_: unknown, m) => triggerText(m, catalogue, t),
          },
          {
            title: t('credit.sanctions.purposes'),
            dataIndex: 'purposes',
            render: (ps: Purpose[]) => (
              <Flex wrap gap={4}>
                {ps.map((p) => (
                  <Tag key={p} style={{ marginInlineEnd: 0 }}>
                    {t(`credit.purpose.${p}`)}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: t('credit.sanctions.decision'),
            key: 'decision',
            ...noWrap,
            render: (_: unknown, m) => (
              <Tag
                color={m.decision === 'block' ? 'error' : m.effect === 'incentive' ? 'success' : 'warning'}
              >
                {t(`credit.sanctions.decision.${m.decision}`)} · {t(`credit.sanctions.effect.${m.effect}`)}
              </Tag>
            ),
          },
        ]}
        dataSource={catalogue.measures}
        pagination={false}
        expandable={{
          expandedRowRender: (m) => (
            <Flex vertical gap={4}>
              <span>{m.message}</span>
              <Typography.Text type="secondary">
                {t('credit.sanctions.basis')}：{m.basis}
              </Typography.Text>
            </Flex>
          ),
        }}
        scroll={{ x: 720 }}
        data-testid="sanctions-catalogue"
      />
    </Flex>
  );
}
