/**
 * 按月归集完整度: for a month, which departments sent records of the monthly categories they are responsible for
 * (the further 47 categories of the credit catalogue), from `GET /api/credit/stats/collection`. One row per
 * department with its completeness and the categories still missing; the month is picked like the timeliness card.
 */
import { Card, Col, DatePicker, Empty, Flex, Progress, Row, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import type { CollectionStats } from './credit.api.ts';
import { chinaMonth } from '../../app/china-time.ts';

interface DepartmentRow {
  code: string;
  name: string;
  responsible: number;
  collected: number;
  records: number;
  missing: string[];
}

/** How many missing categories a row names before "and N more". */
const MISSING_SHOWN = 4;

export function byDepartment(stats: CollectionStats): DepartmentRow[] {
  const rows = new Map<string, DepartmentRow>();
  for (const c of stats.cells) {
    let r = rows.get(c.departmentCode);
    if (!r) {
      r = {
        code: c.departmentCode,
        name: c.departmentName,
        responsible: 0,
        collected: 0,
        records: 0,
        missing: [],
      };
      rows.set(c.departmentCode, r);
    }
    r.responsible++;
    r.records += c.records;
    if (c.collected) r.collected++;
    else r.missing.push(c.categoryName);
  }
  // Least complete first: that is where the month's follow-up goes.
  return [...rows.values()].sort(
    (a, b) =>
      a.collected / a.responsible - b.collected / b.responsible || a.name.localeCompare(b.name, 'zh-CN'),
  );
}

export function CollectionCard() {
  const t = useT();
  const [period, setPeriod] = useState(chinaMonth());
  const { data, error, isLoading, refetch } = useApiQuery('/api/credit/stats/collection', {
    params: { query: { period } },
  });
  const rows = useMemo(() => (data ? byDepartment(data) : []), [data]);
  const share =
    data && data.categories > 0 ? Math.round((data.collected / data.categories) * 1000) / 10 : null;
  return (
    <Card
      title={t('credit.collection.title')}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${period}-01`)}
          onChange={(d) => d && setPeriod(d.format('YYYY-MM'))}
          data-testid="collection-period"
        />
      }
      data-testid="collection-card"
    >
      {error ? (
        <ErrorAlert error={error} onRetry={() => void refetch()} />
      ) : isLoading && !data ? (
        <CardSkeleton rows={2} />
      ) : !data || data.categories === 0 ? (
        <Empty description={t('credit.collection.noCategories')} />
      ) : (
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]}>
            <Col xs={12} md={8}>
              <Statistic title={t('credit.collection.categories')} value={data.categories} />
            </Col>
            <Col xs={12} md={8}>
              <Statistic
                title={t('credit.collection.collected')}
                value={data.collected}
                data-testid="collection-collected"
              />
            </Col>
            <Col xs={24} md={8}>
              <Statistic
                title={t('credit.collection.share')}
                value={share ?? '—'}
                suffix={share === null ? undefined : '%'}
                data-testid="collection-share"
              />
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('credit.collection.rule')}
          </Typography.Text>
          {rows.length === 0 ? (
            <Empty description={t('credit.collection.noDepartments')} />
          ) : (
            <Table
              rowKey="code"
              size="small"
              dataSource={rows}
              data-testid="collection-table"
              pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
              scroll={{ x: 640 }}
              columns={[
                { title: t('credit.department'), dataIndex: 'name', width: 180 },
                {
                  title: t('credit.collection.completeness'),
                  key: 'completeness',
                  width: 200,
                  render: (_: unknown, r: DepartmentRow) => (
                    <Flex vertical gap={0}>
                      <Progress
                        aria-label={t('a11y.progress')}
                        percent={Math.round((r.collected / r.responsible) * 100)}
                        size="small"
                        status={r.collected === r.responsible ? 'success' : 'active'}
                      />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('credit.collection.ofCategories', {
                          collected: r.collected,
                          responsible: r.responsible,
                        })}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                { title: t('credit.collection.records'), dataIndex: 'records', align: 'right', width: 90 },
                {
                  title: t('credit.collection.missing'),
                  key: 'missing',
                  render: (_: unknown, r: DepartmentRow) =>
                    r.missing.length === 0 ? (
                      <Typography.Text type="success">{t('credit.collection.none')}</Typography.Text>
                    ) : (
                      <Flex wrap gap={4}>
                        {r.missing.slice(0, MISSING_SHOWN).map((m) => (
                          <Tag key={m}>{m}</Tag>
                        ))}
                        {r.missing.length > MISSING_SHOWN && (
                          <Typography.Text type="secondary">
                            {t('credit.collection.more', { n: r.missing.length - MISSING_SHOWN })}
                          </Typography.Text>
                        )}
                      </Flex>
                    ),
                },
              ]}
            />
          )}
        </Flex>
      )}
    </Card>
  );
}
