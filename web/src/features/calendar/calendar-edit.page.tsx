import { ArrowLeftOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, Result, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useParams } from 'react-router';
import { ApiError, type ApiInit } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime, toDay } from '../../app/format.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { isYearNotLoaded, type CalendarYear } from './calendar.api.ts';

type CalendarYearInput = NonNullable<ApiInit<'put', '/api/calendar/years/{year}'>['body']>;

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

function isMissing(error: unknown): boolean {
  return isYearNotLoaded(error) || (error instanceof ApiError && error.status === 404);
}

/** The form itself; mounted fresh for each loaded year so no values leak from one year to the next. */
function YearEditor({ year, initial }: { year: number; initial: YearForm }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<YearForm>();
  // Every calendar read (this year, the list, months, the calculator) may change with a saved year.
  const save = useApiMutation('put', '/api/calendar/years/{year}', { invalidates: ['/api/calendar'] });

  const onFinish = async (values: YearForm) => {
    try {
      const saved = await save.mutateAsync({ params: { path: { year } }, body: toInput(values) });
      form.setFieldsValue(toForm(saved));
      void message.success(t('calendarAdmin.saved', { version: saved.version, workdays: saved.workdays }));
    } catch (cause) {
      if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
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
        {save.error && <ErrorAlert error={save.error} fieldLabel={(p) => fieldLabel(p, t)} />}
        <div>
          <Button
            type="primary"
            htmlType="submit"
            loading={save.isPending}
            size="large"
            data-testid="calendar-save"
          >
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
  const load = useApiQuery(
    '/api/calendar/years/{year}',
    { params: { path: { year } } },
    { enabled: validYear, placeholderData: undefined },
  );
  const loaded = load.data;
  const isNew = !loaded && isMissing(load.error);
  const failed = !loaded && load.error && !isNew ? load.error : undefined;

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
      {failed && <ErrorAlert error={failed} onRetry={() => void load.refetch()} />}
      {isNew && (
        <Alert
          type="info"
          showIcon
          title={t('calendarAdmin.notLoadedYet', { year })}
          data-testid="new-year"
        />
      )}
      {loaded && (
        <Typography.Text type="secondary" data-testid="year-version">
          {loaded.updatedBy
            ? t('calendarAdmin.lastUpdated', {
                version: loaded.version,
                time: formatDateTime(loaded.updatedAt),
                by: loaded.updatedBy,
              })
            : t('calendarAdmin.lastUpdatedNoBy', {
                version: loaded.version,
                time: formatDateTime(loaded.updatedAt),
              })}
          {' · '}
          {t('calendar.workdaysInYear', { count: loaded.workdays })}
        </Typography.Text>
      )}
      {load.isPending && !load.error && (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      )}
      {(loaded || isNew) && (
        <YearEditor key={year} year={year} initial={loaded ? toForm(loaded) : EMPTY_FORM} />
      )}
    </Page>
  );
}
