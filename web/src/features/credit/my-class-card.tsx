/** The enterprise's risk class: the letter, the explained score parts and the monthly history. */
import { Card, Col, Empty, Flex, Row, Space, Statistic, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import type { MyCredit } from './credit.api.ts';
import { ClassHistoryChart, ClassTag, ScoreParts } from './credit-ui.tsx';

export function ClassCard({ data }: { data: MyCredit }) {
  const t = useT();
  const cls = data.class;
  const history = cls.history ?? [];
  return (
    <Card title={t('credit.class.title')} data-testid="my-class">
      <Row gutter={[24, 16]}>
        <Col xs={24} md={10}>
          <Flex vertical gap={12}>
            <Space size="large" align="center" wrap>
              <ClassTag value={cls.class} large />
              <Statistic title={t('credit.class.score')} value={cls.score} suffix="/ 100" />
            </Space>
            <Typography.Text type="secondary">
              {cls.period ? t('credit.class.period', { period: cls.period }) : t('credit.class.provisional')}
            </Typography.Text>
            <ScoreParts parts={cls.parts} />
          </Flex>
        </Col>
        <Col xs={24} md={14}>
          <Typography.Text strong>{t('credit.class.history')}</Typography.Text>
          {history.length === 0 ? (
            <Empty description={t('credit.class.noHistory')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <ClassHistoryChart history={history} />
          )}
        </Col>
      </Row>
    </Card>
  );
}
