import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, Result, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, apiGet, apiSend } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import type { CalendarYear, CalendarYearInput } from '../../api/types.ts';
import { formatDateTime, toDay } from '../../app/format.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { calendarPaths, isYearNotLoaded } from './calendar.api.ts';

interface HolidayRow {
  name: string;
  start: Dayjs | null;
  end: Dayjs | null;
}

interface MakeupRow {
  date: Dayjs | null;
  name: string;
}

interface YearForm {
  notice: string;
  publishedOn: Dayjs | null;
  holidays: HolidayRow[];
  makeupWorkdays: MakeupRow[];
}

const EMPTY_FORM: YearForm = { notice: '', publishedOn: null, holidays: [], makeupWorkdays: [] };

function toForm(y: CalendarYear): YearForm {
  return {
    notice: y.notice,
    publishedOn: y.publishedOn ? dayjs(y.publishedOn) : null,
    holidays: y.holidays.map((h) => ({ name: h.name, start: dayjs(h.start), end: dayjs(h.end) })),
    makeupWorkdays: y.makeupWorkdays.map((m) => ({ date: dayjs(m.date), name: m.name })),
  };
}

function toInput(v: YearForm): CalendarYearInput {
  const day = (d: Dayjs | null) => (d ? toDay(d) : '');
  return {
    notice: v.notice.trim(),
    ...(v.publishedOn ? { publishedOn: toDay(v.publishedOn) } : {}),
    holidays: (v.holidays ?? []).map((h) => ({ name: h.name.trim(), start: day(h.start), end: day(h.end) })),
    makeupWorkdays: (v.makeupWorkdays ?? []).map((m) => ({ date: day(m.date), name: m.name.trim() })),
  };
}

/** "放假安排 第 2 行 · 结束日期" for `['holidays', 1, 'end']`, so a field error in the summary reads as words. */
function fieldLabel(path: (string | number)[], t: Translate): string | undefined {
  const [list, index, field] = path;
  const row = typeof index === 'number' ? t('calendarAdmin.row', { n: index + 1 }) : '';
  if (list === 'notice') return t('calendarAdmin.notice');
  if (list === 'publishedOn') return t('calendarAdmin.publishedOn');
  if (list === 'holidays') {
    const f =
      field === 'name'
        ? t('calendarAdmin.holidayName')
        : field === 'start'
          ? t('calendarAdmin.holidayStart')
          : field === 'end'
            ? t('calendarAdmin.holidayEnd')
            : '';
    return [t('calendarAdmin.holidaysShort'), row, f].filter(Boolean).join(' · ');
  }
  if (list === 'makeupWorkdays') {
    const f =
      field === 'date'
        ? t('calendarAdmin.makeupDate')
        : field === 'name'
          ? t('calendarAdmin.makeupName')
          : '';
    return [t('calendarAdmin.makeup'), row, f].filter(Boolean).join(' · ');
  }
  return undefined;
}

function HolidayRows() {
  const t = useT();
  return (
    <Form.List name="holidays">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid="holiday-rows">
          {fields.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendarAdmin.noHolidays')} />
          )}
          {fields.map(({ key, name }) => (
            <Flex key={key} gap={8} wrap align="start" data-testid="holiday-row">
              <Form.Item
                name={[name, 'name']}
                rules={[{ required: true, whitespace: true, message: t('calendarAdmin.required') }]}
                style={{ margin: 0, flex: '1 1 160px' }}
              >
                <Input
                  placeholder={t('calendarAdmin.holidayName')}
                  aria-label={t('calendarAdmin.holidayName')}
                />
              </Form.Item>
              <Form.Item
                name={[name, 'start']}
                rules={[{ required: true, message: t('calendarAdmin.required') }]}
                style={{ margin: 0 }}
              >
                <DatePicker
                  placeholder={t('calendarAdmin.holidayStart')}
                  aria-label={t('calendarAdmin.holidayStart')}
                />
              </Form.Item>
              <Form.Item
                name={[name, 'end']}
                dependencies={[['holidays', name, 'start']]}
                rules={[
                  { required: true, message: t('calendarAdmin.required') },
                  ({ getFieldValue }) => ({
                    validator: (_, value: Dayjs | null) => {
                      const start: unknown = getFieldValue(['holidays', name, 'start']);
                      return value && dayjs.isDayjs(start) && value.isBefore(start, 'day')
                        ? Promise.reject(new Error(t('calendarAdmin.endBeforeStart')))
                        : Promise.resolve();
                    },
                  }),
                ]}
                style={{ margin: 0 }}
              >
                <DatePicker
                  placeholder={t('calendarAdmin.holidayEnd')}
                  aria-label={t('calendarAdmin.holidayEnd')}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                onClick={() => remove(name)}
                danger
                type="text"
              />
            </Flex>
          ))}
          <div>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ name: '', start: null, end: null })}
              data-testid="add-holiday"
            >
              {t('calendarAdmin.addHoliday')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

function MakeupRows() {
  const t = useT();
  return (
    <Form.List name="makeupWorkdays">
      {(fields, { add, remove }) => (
        <Flex vertical gap={8} data-testid="makeup-rows">
          {fields.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendarAdmin.noMakeup')} />
          )}
          {fields.map(({ key, name }) => (
            <Flex key={key} gap={8} wrap align="start" data-testid="makeup-row">
              <Form.Item
                name={[name, 'date']}
                rules={[{ required: true, message: t('calendarAdmin.required') }]}
                style={{ margin: 0 }}
              >
                <DatePicker
                  placeholder={t('calendarAdmin.makeupDate')}
                  aria-label={t('calendarAdmin.makeupDate')}
                />
              </Form.Item>
              <Form.Item name={[name, 'name']} style={{ margin: 0, flex: '1 1 200px' }}>
                <Input
                  placeholder={t('calendarAdmin.makeupName')}
                  aria-label={t('calendarAdmin.makeupName')}
                />
              </Form.Item>
              <Button
                icon={<DeleteOutlined />}
                aria-label={t('common.remove')}
                onClick={() => remove(name)}
                danger
                type="text"
              />
            </Flex>
          ))}
          <div>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ date: null, name: '' })}
              data-testid="add-makeup"
            >
              {t('calendarAdmin.addMakeup')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}

type LoadState =
  | { state: 'loading' }
  | { state: 'loaded'; year: CalendarYear }
  | { state: 'new' }
  | { state: 'failed'; error: unknown };

function isMissing(error: unknown): boolean {
  return isYearNotLoaded(error) || (error instanceof ApiError && error.status === 404);
}

/** The form itself; mounted fresh for each loaded year so no values leak from one year to the next. */
function YearEditor({
  year,
  initial,
  onSaved,
}: {
  year: number;
  initial: YearForm;
  onSaved: (saved: CalendarYear) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<YearForm>();
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);

  const onFinish = async (values: YearForm) => {
    setSaving(true);
    setSaveError(undefined);
    try {
      const saved = await apiSend<CalendarYear>('PUT', calendarPaths.year(year), toInput(values));
      form.setFieldsValue(toForm(saved));
      onSaved(saved);
      void message.success(t('calendarAdmin.saved', { version: saved.version, workdays: saved.workdays }));
    } catch (cause) {
      setSaveError(cause);
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<YearForm>
      form={form}
      initialValues={initial}
      layout="vertical"
      onFinish={(v) => void onFinish(v)}
      data-testid="calendar-form"
    >
      <Flex vertical gap={16}>
        <Card>
          <Flex gap={16} wrap>
            <Form.Item
              name="notice"
              label={t('calendarAdmin.notice')}
              rules={[{ required: true, whitespace: true, message: t('calendarAdmin.noticeRequired') }]}
              style={{ flex: '1 1 320px', marginBottom: 0 }}
            >
              <Input placeholder={t('calendarAdmin.noticePlaceholder')} />
            </Form.Item>
            <Form.Item name="publishedOn" label={t('calendarAdmin.publishedOn')} style={{ marginBottom: 0 }}>
              <DatePicker />
            </Form.Item>
          </Flex>
        </Card>
        <Card title={t('calendarAdmin.holidays')}>
          <HolidayRows />
        </Card>
        <Card title={t('calendarAdmin.makeup')}>
          <MakeupRows />
        </Card>
        {saveError !== undefined && <ErrorAlert error={saveError} fieldLabel={(p) => fieldLabel(p, t)} />}
        <div>
          <Button type="primary" htmlType="submit" loading={saving} size="large" data-testid="calendar-save">
            {t('common.save')}
          </Button>
        </div>
      </Flex>
    </Form>
  );
}

export function CalendarEditPage() {
  const t = useT();
  const params = useParams();
  const year = Number(params.year);
  const validYear = Number.isInteger(year) && year >= 1949 && year <= 2100;
  const [load, setLoad] = useState<LoadState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!validYear) return;
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    apiGet<CalendarYear>(calendarPaths.year(year), controller.signal).then(
      (y) => {
        if (!controller.signal.aborted) setLoad({ state: 'loaded', year: y });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setLoad(isMissing(error) ? { state: 'new' } : { state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [year, validYear, attempt]);

  const back = (
    <Link to="/admin/calendar">
      <Button icon={<ArrowLeftOutlined />}>{t('common.back')}</Button>
    </Link>
  );

  if (!validYear) {
    return <Result status="warning" title={t('calendarAdmin.invalidYear')} extra={back} />;
  }

  return (
    <Page title={t('calendarAdmin.editTitle', { year })} extra={back}>
      {load.state === 'failed' && <ErrorAlert error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {load.state === 'new' && (
        <Alert
          type="info"
          showIcon
          title={t('calendarAdmin.notLoadedYet', { year })}
          data-testid="new-year"
        />
      )}
      {load.state === 'loaded' && (
        <Typography.Text type="secondary" data-testid="year-version">
          {load.year.updatedBy
            ? t('calendarAdmin.lastUpdated', {
                version: load.year.version,
                time: formatDateTime(load.year.updatedAt),
                by: load.year.updatedBy,
              })
            : t('calendarAdmin.lastUpdatedNoBy', {
                version: load.year.version,
                time: formatDateTime(load.year.updatedAt),
              })}
          {' · '}
          {t('calendar.workdaysInYear', { count: load.year.workdays })}
        </Typography.Text>
      )}
      {load.state === 'loading' && (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      )}
      {(load.state === 'loaded' || load.state === 'new') && (
        <YearEditor
          key={year}
          year={year}
          initial={load.state === 'loaded' ? toForm(load.year) : EMPTY_FORM}
          onSaved={(saved) => setLoad({ state: 'loaded', year: saved })}
        />
      )}
    </Page>
  );
}
