import { Alert, Grid, Button, Card, Col, DatePicker, Flex, Form, InputNumber, Row, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { apiGet } from '../../api/client.ts';
import type { AddWorkdaysResult, WorkdaysBetweenResult } from '../../api/types.ts';
import { toDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { calendarPaths } from './calendar.api.ts';
import { CalculatorError } from './calculator-error.tsx';

interface AddForm {
  from: Dayjs;
  days: number;
}

interface BetweenForm {
  range: [Dayjs, Dayjs];
}

function useCall<T>() {
  const [result, setResult] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(false);
  const run = async (path: string) => {
    setLoading(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await apiGet<T>(path));
    } catch (cause) {
      setError(cause);
    } finally {
      setLoading(false);
    }
  };
  return { result, error, loading, run };
}

function AddWorkdays() {
  const t = useT();
  const narrow = !Grid.useBreakpoint().sm;
  const call = useCall<AddWorkdaysResult>();
  return (
    <Card size="small" title={t('calendar.addTitle')} data-testid="calc-add">
      <Form<AddForm>
        layout={narrow ? 'vertical' : 'inline'}
        initialValues={{ from: dayjs(), days: 5 }}
        onFinish={(v) => void call.run(calendarPaths.addWorkdays(toDay(v.from), v.days))}
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
        <Button type="primary" htmlType="submit" loading={call.loading}>
          {t('calendar.compute')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        {call.result && (
          <Alert
            type="success"
            showIcon
            data-testid="calc-add-result"
            title={t('calendar.addResult', {
              from: call.result.from,
              days: call.result.days,
              date: call.result.date,
              weekday: dayjs(call.result.date).format('dddd'),
            })}
          />
        )}
        <CalculatorError error={call.error} />
      </div>
    </Card>
  );
}

function WorkdaysBetween() {
  const t = useT();
  const narrow = !Grid.useBreakpoint().sm;
  const call = useCall<WorkdaysBetweenResult>();
  return (
    <Card size="small" title={t('calendar.betweenTitle')} data-testid="calc-between">
      <Form<BetweenForm>
        layout={narrow ? 'vertical' : 'inline'}
        initialValues={{ range: [dayjs(), dayjs().add(1, 'month')] }}
        onFinish={(v) => void call.run(calendarPaths.workdaysBetween(toDay(v.range[0]), toDay(v.range[1])))}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="range"
          label={t('calendar.range')}
          rules={[{ required: true, message: t('calendar.pickDate') }]}
        >
          <DatePicker.RangePicker allowClear={false} style={{ maxWidth: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={call.loading}>
          {t('calendar.compute')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        {call.result && (
          <Alert
            type="success"
            showIcon
            data-testid="calc-between-result"
            title={t('calendar.betweenResult', {
              from: call.result.from,
              to: call.result.to,
              workdays: call.result.workdays,
            })}
          />
        )}
        <CalculatorError error={call.error} />
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
