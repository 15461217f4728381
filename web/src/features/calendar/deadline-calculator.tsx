import { Alert, Grid, Button, Card, Col, DatePicker, Flex, Form, InputNumber, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { CalculatorError } from './calculator-error.tsx';

interface AddForm {
  from: Dayjs;
  days: number;
}

interface BetweenForm {
  range: [Dayjs, Dayjs];
}

function AddWorkdays() {
  const t = useT();
  const narrow = !Grid.useBreakpoint().sm;
  // The question asked last; answers are cached per question (and refreshed when a calendar year is saved).
  const [asked, setAsked] = useState<{ from: string; days: number } | null>(null);
  const call = useApiQuery(
    '/api/calendar/add-workdays',
    { params: { query: asked ?? { from: '', days: 0 } } },
    { enabled: asked !== null, placeholderData: undefined },
  );
  return (
    <Card size="small" title={t('calendar.addTitle')} data-testid="calc-add">
      <Form<AddForm>
        layout={narrow ? 'vertical' : 'inline'}
        initialValues={{ from: dayjs(), days: 5 }}
        onFinish={(v) => setAsked({ from: toDay(v.from), days: v.days })}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="from"
          label={t('calendar.from')}
          rules={[{ required: true, message: t('calendar.pickDate') }]}
        >
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item
          name="days"
          label={t('calendar.days')}
          rules={[{ required: true, message: t('calendar.pickDays') }]}
        >
          <InputNumber min={0} max={3650} precision={0} style={{ width: 96 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={call.isFetching}>
          {t('calendar.compute')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        {call.data && (
          <Alert
            type="success"
            showIcon
            data-testid="calc-add-result"
            title={t('calendar.addResult', {
              from: call.data.from,
              days: call.data.days,
              date: call.data.date,
              weekday: dayjs(call.data.date).format('dddd'),
            })}
          />
        )}
        <CalculatorError error={call.error ?? undefined} />
      </div>
    </Card>
  );
}

function WorkdaysBetween() {
  const t = useT();
  const narrow = !Grid.useBreakpoint().sm;
  const [asked, setAsked] = useState<{ from: string; to: string } | null>(null);
  const call = useApiQuery(
    '/api/calendar/workdays-between',
    { params: { query: asked ?? { from: '', to: '' } } },
    { enabled: asked !== null, placeholderData: undefined },
  );
  return (
    <Card size="small" title={t('calendar.betweenTitle')} data-testid="calc-between">
      <Form<BetweenForm>
        layout={narrow ? 'vertical' : 'inline'}
        initialValues={{ range: [dayjs(), dayjs().add(1, 'month')] }}
        onFinish={(v) => setAsked({ from: toDay(v.range[0]), to: toDay(v.range[1]) })}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="range"
          label={t('calendar.range')}
          rules={[{ required: true, message: t('calendar.pickDate') }]}
        >
          <DatePicker.RangePicker allowClear={false} style={{ maxWidth: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={call.isFetching}>
          {t('calendar.compute')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        {call.data && (
          <Alert
            type="success"
            showIcon
            data-testid="calc-between-result"
            title={t('calendar.betweenResult', {
              from: call.data.from,
              to: call.data.to,
              workdays: call.data.workdays,
            })}
          />
        )}
        <CalculatorError error={call.error ?? undefined} />
      </div>
    </Card>
  );
}

export function DeadlineCalculator() {
  const t = useT();
  return (
    <Card title={t('calendar.calculator')} data-testid="deadline-calculator">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('calendar.calculatorHint')}</Typography.Text>
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={12}>
            <AddWorkdays />
          </Col>
          <Col xs={24} xl={12}>
            <WorkdaysBetween />
          </Col>
        </Row>
      </Flex>
    </Card>
  );
}
