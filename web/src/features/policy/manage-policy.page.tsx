/**
 * One policy for its author: details, clauses (rule editor, benefit, tests), publication — refused in words while
 * a test fails — and withdrawal.
 */
import { EditOutlined, PlusOutlined, RocketOutlined, StopOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Popconfirm,
  Skeleton,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { showFieldErrors } from '../../api/field-errors.ts';
import { useApiMutation, useApiQuery } from '../../api/query.ts';
import { formatDateTime, formatDay } from '../../app/format.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { useUrlState } from '../../components/url-state.ts';
import { ClauseEditor } from './clause-editor.tsx';
import { PolicyFields, toInput, type PolicyFormValues } from './policy-form.tsx';
import { ModeTag, PolicyStatusTag } from './policy-ui.tsx';
import { PublishRefusal } from './publish-refusal.tsx';

export function ManagePolicyPage() {
  const t = useT();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const url = useUrlState();
  const query = useApiQuery(
    '/api/policies/manage/{id}',
    { params: { path: { id } } },
    { placeholderData: undefined },
  );
  const { data: policy, error } = query;
  const invalidates = ['/api/policies'] as const;
  const publish = useApiMutation('post', '/api/policies/{id}/publish', { invalidates });
  const withdraw = useApiMutation('post', '/api/policies/{id}/withdraw', { invalidates });
  const update = useApiMutation('put', '/api/policies/{id}', { invalidates });
  const [editingInfo, setEditingInfo] = useState(false);
  const [infoForm] = Form.useForm<PolicyFormValues>();
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const selected = url.get('clause');

  const openClause = (value: string | undefined) => url.set({ clause: value });

  const act = async (what: 'publish' | 'withdraw' | 'info', run: () => Promise<unknown>) => {
    setBusy(what);
    setActionError(undefined);
    try {
      await run();
      if (what === 'publish') message.success(t('policy.publish.done'));
      if (what === 'withdraw') message.success(t('policy.withdraw.done'));
      if (what === 'info') {
        message.success(t('policy.form.saved'));
        setEditingInfo(false);
      }
    } catch (cause) {
      setActionError(cause);
      if (what === 'info' && cause instanceof ApiError) showFieldErrors(infoForm, cause.errors);
    } finally {
      setBusy(undefined);
    }
  };

  if (error) return <ErrorAlert error={error} onRetry={() => void query.refetch()} />;
  if (!policy)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );
  const clause = policy.clauses.find((c) => c.id === selected);

  return (
    <Page
      title={policy.title}
      extra={
        <Flex gap={8} wrap>
          <Link to="/policies/manage">
            <Button>{t('common.back')}</Button>
          </Link>
          {policy.status !== 'published' && (
            <Button
              type="primary"
              icon={<RocketOutlined />}
              loading={busy === 'publish'}
              onClick={() =>
                void act('publish', () => publish.mutateAsync({ params: { path: { id: policy.id } } }))
              }
              data-testid="policy-publish"
            >
              {t('policy.publish.action')}
            </Button>
          )}
          {policy.status === 'published' && (
            <Popconfirm
              title={t('policy.withdraw.confirm')}
              okText={t('policy.withdraw.action')}
              cancelText={t('common.cancel')}
              onConfirm={() =>
                act('withdraw', () => withdraw.mutateAsync({ params: { path: { id: policy.id } } }))
              }
            >
              <Button
                danger
                icon={<StopOutlined />}
                loading={busy === 'withdraw'}
                data-testid="policy-withdraw"
              >
                {t('policy.withdraw.action')}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      }
    >
      <div data-testid="policy-editor" data-status={policy.status} data-id={policy.id}>
        <Flex vertical gap={16}>
          {query.isFetching && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
          {actionError !== undefined && <PublishRefusal error={actionError} t={t} />}
          <Card
            size="small"
            title={
              <Flex gap={8} align="center">
                <span>{t('policy.manage.info')}</span>
                <PolicyStatusTag status={policy.status} />
              </Flex>
            }
            extra={
              !editingInfo && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => {
                    infoForm.setFieldsValue({
                      title: policy.title,
                      documentNo: policy.documentNo,
                      issuedOn: dayjs(policy.issuedOn, 'YYYY-MM-DD'),
                      summary: policy.summary,
                      topics: policy.topics,
                      measureNos: policy.measureNos.map(String),
                      demo: policy.demo,
                    });
                    setEditingInfo(true);
                  }}
                >
                  {t('policy.manage.editInfo')}
                </Button>
              )
            }
          >
            {editingInfo ? (
              <Form<PolicyFormValues>
                form={infoForm}
                layout="vertical"
                onFinish={(v) =>
                  void act('info', () =>
                    update.mutateAsync({ params: { path: { id: policy.id } }, body: toInput(v) }),
                  )
                }
              >
                <PolicyFields withCode={false} />
                <Flex gap={8}>
                  <Button type="primary" htmlType="submit" loading={busy === 'info'}>
                    {t('common.save')}
                  </Button>
                  <Button onClick={() => setEditingInfo(false)}>{t('common.cancel')}</Button>
                </Flex>
              </Form>
            ) : (
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'code', label: t('policy.code'), children: policy.code },
                  { key: 'doc', label: t('policy.documentNo'), children: policy.documentNo },
                  { key: 'issued', label: t('policy.issuedOn'), children: formatDay(policy.issuedOn) },
                  {
                    key: 'published',
                    label: t('policy.manage.publishedAt'),
                    children: formatDateTime(policy.publishedAt),
                  },
                  { key: 'summary', label: t('policy.form.summary'), children: policy.summary || '—' },
                ]}
              />
            )}
          </Card>
          <Card
            size="small"
            title={t('policy.manage.clauses')}
            extra={
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => openClause('new')}
                disabled={selected === 'new'}
                data-testid="clause-new"
              >
                {t('policy.clause.add')}
              </Button>
            }
          >
            {policy.clauses.length === 0 ? (
              <Empty description={t('policy.noClauses')} />
            ) : (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={policy.clauses}
                scroll={{ x: 640 }}
                data-testid="clause-table"
                columns={[
                  { title: t('policy.clause.no'), dataIndex: 'no', width: 56 },
                  { title: t('policy.clause.title'), dataIndex: 'title' },
                  {
                    title: t('policy.clause.mode'),
                    key: 'mode',
                    render: (_: unknown, c) => <ModeTag mode={c.mode} />,
                  },
                  {
                    title: t('policy.clause.subject'),
                    key: 'subject',
                    render: (_: unknown, c) => t(`policy.subject.${c.subject}`),
                  },
                  {
                    title: t('policy.tests.title'),
                    key: 'tests',
                    render: (_: unknown, c) => t('policy.tests.count', { count: c.tests.length }),
                  },
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, c) => (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => openClause(c.id)}
                        data-testid="clause-edit"
                      >
                        {t('policy.clause.edit')}
                      </Button>
                    ),
                  },
                ]}
              />
            )}
          </Card>
          {(selected === 'new' || clause) && (
            <ClauseEditor
              key={selected}
              policy={policy}
              clause={clause}
              // A new clause keeps its editor (and its test results) open; the editor tracks the saved id.
              onClose={() => openClause(undefined)}
            />
          )}
        </Flex>
      </div>
    </Page>
  );
}
