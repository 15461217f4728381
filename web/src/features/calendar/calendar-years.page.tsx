import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Form, InputNumber, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { formatDateTime } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import type { CalendarYearSummary } from './calendar.api.ts';

function LoadNewYear({ suggested }: { suggested: number }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card title={t('calendarAdmin.loadNew')} data-testid="load-new-year">
      <Typography.Paragraph type="secondary">{t('calendarAdmin.loadNewText')}</Typography.Paragraph>
      <Form<{ year: number }>
        layout="inline"
        key={suggested}
        initialValues={{ year: suggested }}
        onFinish={(v) => void navigate(`/admin/calendar/${v.year}`)}
      >
        <Form.Item
          name="year"
          label={t('calendarAdmin.newYear')}
          rules={[
            {
              required: true,
              type: 'integer',
              min: 1949,
              max: 2100,
              message: t('calendarAdmin.invalidYear'),
            },
          ]}
        >
          <InputNumber precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />}>
          {t('calendarAdmin.start')}
        </Button>
      </Form>
    </Card>
  );
}

export function CalendarYearsPage() {
  const t = useT();
  const { data, error, isLoading, refetch } = useApiQuery('/api/calendar/years');
  const years = [...(data ?? [])].sort((a, b) => b.year - a.year);
  const suggested = (years[0]?.year ?? new Date().getFullYear()) + 1;

  return (
    <Page title={t('calendarAdmin.title')}>
      <Card title={t('calendarAdmin.years')}>
        {error ? (
          <ErrorAlert error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<CalendarYearSummary>
            rowKey="year"
            loading={isLoading}
            dataSource={years}
            pagination={false}
            locale={{ emptyText: <Empty description={t('home.noCalendarYears')} /> }}
            columns={[
              {
                title: t('calendar.year'),
                dataIndex: 'year',
                render: (y: number) => <Link to={`/admin/calendar/${y}`}>{y}</Link>,
              },
              { title: t('calendarAdmin.notice'), dataIndex: 'notice' },
              { title: t('calendarAdmin.version'), dataIndex: 'version' },
              { title: t('calendarAdmin.workdays'), dataIndex: 'workdays' },
              {
                title: t('calendarAdmin.updatedAt'),
                dataIndex: 'updatedAt',
                render: (v: string) => formatDateTime(v),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, y) => (
                  <Flex gap={8}>
                    <Link to={`/admin/calendar/${y.year}`}>{t('calendarAdmin.edit')}</Link>
                    <Link to={`/calendar?month=${y.year}-01`}>{t('nav.calendar')}</Link>
                  </Flex>
                ),
              },
            ]}
          />
        )}
      </Card>
      <LoadNewYear suggested={suggested} />
    </Page>
  );
}
