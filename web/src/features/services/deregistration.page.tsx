import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Segmented,
  Table,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, apiSend, newIdempotencyKey } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApi } from '../../api/use-api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { readPaging } from '../../components/paging.ts';
import { noWrap } from '../../components/table-columns.ts';
import { servicesPaths } from './services.api.ts';
import { NoticeStatusTag, usePhone } from './services-ui.tsx';
import type { DeregistrationNotice, NoticeStatus, ObjectionCreated, ServicesPage } from './services.types.ts';

const FILTERS = ['running', 'objected', 'ended', 'all'] as const;

interface ObjectionValues {
  name: string;
  contact: string;
  reason: string;
}

function ObjectionModal({
  notice,
  onClose,
}: {
  notice: DeregistrationNotice;
  onClose: (sent: boolean) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ObjectionValues>();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [done, setDone] = useState<ObjectionCreated | undefined>(undefined);
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined);

  const submit = (values: ObjectionValues) => {
    if (sending) return;
    const body = { name: values.name.trim(), contact: values.contact.trim(), reason: values.reason.trim() };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    setSending(true);
    setError(undefined);
    apiSend<ObjectionCreated>('POST', servicesPaths.objections(notice.id), body, {
      headers: { 'Idempotency-Key': attempt.current.key },
    }).then(
      (created) => {
        setSending(false);
        setDone(created);
      },
      (cause: unknown) => {
        setSending(false);
        setError(cause);
        if (cause instanceof ApiError) showFieldErrors(form, cause.errors);
      },
    );
  };

  return (
    <Modal
      open
      title={t('services.notice.objectTitle', { name: notice.enterpriseName })}
      onCancel={() => onClose(done !== undefined)}
      footer={
        done
          ? [
              <Button key="close" type="primary" onClick={() => onClose(true)}>
                {t('services.notice.close')}
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={() => onClose(false)}>
                {t('common.cancel')}
              </Button>,
              <Button
                key="submit"
                type="primary"
                htmlType="submit"
                form="objection-form"
                loading={sending}
                data-testid="objection-submit"
              >
                {t('services.notice.submitObjection')}
              </Button>,
            ]
      }
      destroyOnHidden
    >
      {done ? (
        <Result status="success" title={t('services.notice.objectionSent')} data-testid="objection-done" />
      ) : (
        <Form<ObjectionValues>
          id="objection-form"
          form={form}
          layout="vertical"
          onFinish={submit}
          data-testid="objection-form"
        >
          <Typography.Paragraph type="secondary">{t('services.notice.objectionHint')}</Typography.Paragraph>
          <Form.Item
            name="name"
            label={t('services.notice.yourName')}
            rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
          >
            <Input maxLength={100} data-testid="objection-name" />
          </Form.Item>
          <Form.Item
            name="contact"
            label={t('services.notice.contact')}
            rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
          >
            <Input maxLength={100} data-testid="objection-contact" />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('services.notice.reason')}
            rules={[{ required: true, whitespace: true, message: t('services.admin.required') }]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={1000}
              showCount
              data-testid="objection-reason"
            />
          </Form.Item>
          {error !== undefined && <ErrorAlert error={error} listFields={false} />}
        </Form>
      )}
    </Modal>
  );
}

export function PublicDeregistrationPage() {
  const t = useT();
  const phone = usePhone();
  const [params, setParams] = useSearchParams();
  const { page, pageSize } = readPaging(params);
  const filterParam = params.get('status') ?? 'running';
  const filter = (FILTERS as readonly string[]).includes(filterParam) ? filterParam : 'running';
  const { data, error, loading, reload } = useApi<ServicesPage<DeregistrationNotice>>(
    servicesPaths.notices({ status: filter === 'all' ? undefined : filter, page, pageSize }),
  );
  const [objecting, setObjecting] = useState<DeregistrationNotice | undefined>(undefined);

  const update = (changes: Record<string, string | number>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '') next.delete(k);
      else next.set(k, String(v));
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  const objectButton = (n: DeregistrationNotice) =>
    n.status === 'running' ? (
      <Button size="small" onClick={() => setObjecting(n)} data-testid="objection-open">
        {t('services.notice.object')}
      </Button>
    ) : null;

  const columns: TableColumnsType<DeregistrationNotice> = phone
    ? [
        {
          title: t('services.notice.enterprise'),
          key: 'n',
          render: (_: unknown, n) => (
            <Flex vertical gap={4}>
              <Typography.Text strong>{n.enterpriseName}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {n.uscc}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('services.notice.periodShort', { from: n.startsOn, to: n.endsOn })}
              </Typography.Text>
              <Flex gap={8} align="center" wrap>
                <NoticeStatusTag status={n.status} />
                {objectButton(n)}
              </Flex>
            </Flex>
          ),
        },
      ]
    : [
        { title: t('services.notice.enterprise'), dataIndex: 'enterpriseName' },
        { title: t('services.notice.uscc'), dataIndex: 'uscc', ...noWrap },
        { title: t('services.notice.startsOn'), dataIndex: 'startsOn', ...noWrap },
        { title: t('services.notice.endsOn'), dataIndex: 'endsOn', ...noWrap },
        {
          title: t('services.app.status'),
          dataIndex: 'status',
          ...noWrap,
          render: (s: NoticeStatus) => <NoticeStatusTag status={s} />,
        },
        { title: t('services.notice.objections'), dataIndex: 'objections', ...noWrap, align: 'right' },
        { title: t('common.actions'), key: 'a', ...noWrap, render: (_: unknown, n) => objectButton(n) },
      ];

  return (
    <div data-testid="public-deregistration">
      <Page title={t('services.notice.title')}>
        <Alert type="info" showIcon title={t('services.notice.intro')} />
        <Card size={phone ? 'small' : undefined}>
          <div style={{ overflowX: 'auto', marginBottom: 12 }}>
            <Segmented
              value={filter}
              onChange={(v) => update({ status: String(v) === 'running' ? '' : String(v) })}
              options={FILTERS.map((f) => ({
                value: f,
                label: f === 'all' ? t('common.all') : t(`services.noticeStatus.${f}`),
              }))}
              data-testid="notice-filter"
            />
          </div>
          {error ? (
            <ErrorAlert error={error} onRetry={reload} />
          ) : (
            <Table<DeregistrationNotice>
              rowKey="id"
              size="small"
              loading={loading}
              dataSource={data?.items ?? []}
              columns={columns}
              scroll={phone ? undefined : { x: 'max-content' }}
              data-testid="notice-table"
              locale={{
                emptyText: (
                  <Empty
                    description={
                      filter === 'running' ? t('services.notice.noneRunning') : t('services.notice.none')
                    }
                  />
                ),
              }}
              pagination={{
                current: page,
                pageSize,
                total: data?.total ?? 0,
                showSizeChanger: !phone,
                showTotal: (total) => t('common.total', { total }),
                onChange: (p, s) => update({ page: p, pageSize: s }),
              }}
            />
          )}
        </Card>
      </Page>
      {objecting && (
        <ObjectionModal
          notice={objecting}
          onClose={(sent) => {
            setObjecting(undefined);
            if (sent) reload();
          }}
        />
      )}
    </div>
  );
}
