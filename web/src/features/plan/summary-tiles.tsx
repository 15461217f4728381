import { Card, Col, Row, Statistic } from 'antd';
import { MEASURE_STATUSES, type PlanSummary } from './plan.api.ts';
import { useT } from '../../app/i18n.ts';
import { statusColours } from '../../app/theme.ts';

/** Measures in total, by status, and the average progress, as one row of tiles. */
export function SummaryTiles({
  summary,
  size = 'default',
}: {
  summary: PlanSummary;
  size?: 'default' | 'small';
}) {
  const t = useT();
  const small = size === 'small';
  return (
    <Row gutter={[12, 12]} data-testid="plan-summary">
      <Col xs={12} sm={8} xl={4}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic
            title={t('plan.measuresTotal')}
            value={summary.measures}
            styles={small ? { content: { fontSize: 20 } } : undefined}
            data-testid="summary-measures"
          />
        </Card>
      </Col>
      {MEASURE_STATUSES.map((s) => (
        <Col key={s} xs={12} sm={8} xl={4}>
          <Card size="small" style={{ height: '100%', borderTop: `3px solid ${statusColours[s]}` }}>
            <Statistic
              title={t(`plan.status.${s}`)}
              value={summary.byStatus[s]}
              styles={{ content: { color: statusColours[s], ...(small ? { fontSize: 20 } : {}) } }}
              data-testid={`summary-${s}`}
            />
          </Card>
        </Col>
      ))}
      <Col xs={12} sm={8} xl={4}>
        <Card size="small" style={{ height: '100%' }}>
          <Statistic
            title={t('plan.averageProgress')}
            value={summary.averageProgress}
            precision={summary.averageProgress % 1 === 0 ? 0 : 1}
            suffix="%"
            styles={small ? { content: { fontSize: 20 } } : undefined}
            data-testid="summary-progress"
          />
        </Card>
      </Col>
    </Row>
  );
}
