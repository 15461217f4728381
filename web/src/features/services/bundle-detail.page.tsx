import { ArrowLeftOutlined, FormOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { formFields } from './services.api.ts';
import { CategoryTag, workdays } from './services-ui.tsx';
import { TaskGraph } from './task-graph.tsx';
import { ItemsTable } from './bundle-items-table.tsx';
import { MaterialsTable } from './bundle-materials-table.tsx';

function BundleDetail({ base, canApply, isPublic }: { base: string; canApply: boolean; isPublic: boolean }) {
  const t = useT();
  const { code = '' } = useParams();
  const query = useApiQuery('/api/services/bundles/{code}', { params: { path: { code } } });
  const { data: bundle, error, isPending: loading } = query;
  const reload = () => void query.refetch();
  // Legal basis and results live on the items; the catalogue is public and small, so it is read whole.
  const { data: items } = useApiQuery('/api/services/items');
  const fields = useMemo(() => (bundle ? formFields(bundle.formSchema, bundle.uiSchema) : []), [bundle]);

  const back = (
    <Link to={base}>
      <Button icon={<ArrowLeftOutlined />}>{t('services.bundle.backToCatalogue')}</Button>
    </Link>
  );
  if (error)
    return (
      <Page title={t('services.bundle.title')} extra={back}>
        <ErrorAlert error={error} onRetry={reload} />
      </Page>
    );
  if (loading || !bundle)
    return (
      <Page title={t('services.bundle.title')} extra={back}>
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      </Page>
    );

  const applyButton = (where: string) =>
    canApply ? (
      <Link to={`/services/bundles/${encodeURIComponent(bundle.code)}/apply`}>
        <Button type="primary" icon={<FormOutlined />} data-testid={`apply-start${where}`}>
          {t('services.bundle.apply')}
        </Button>
      </Link>
    ) : isPublic ? (
      <Link to="/login" state={{ from: `/services/bundles/${encodeURIComponent(bundle.code)}` }}>
        <Button type="primary" icon={<LoginOutlined />} data-testid={`apply-login${where}`}>
          {t('services.bundle.loginToApply')}
        </Button>
      </Link>
    ) : null;

  return (
    <div data-testid="bundle-detail" data-code={bundle.code}>
      <Page
        title={bundle.name}
        extra={
          <Flex gap={8} wrap>
            {back}
            {applyButton('')}
          </Flex>
        }
      >
        <Card>
          <Flex vertical gap={12}>
            <Flex gap={8} wrap align="center">
              <CategoryTag category={bundle.category} />
              {bundle.promiseAllowed && <Tag color="green">{t('services.bundle.promiseAllowed')}</Tag>}
              {bundle.kind === 'simple_deregistration' && (
                <Tag color="volcano">{t('services.bundle.simpleDeregistration')}</Tag>
              )}
            </Flex>
            {bundle.description && (
              <Typography.Paragraph style={{ margin: 0 }}>{bundle.description}</Typography.Paragraph>
            )}
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 4 }}
              items={[
                {
                  key: 'deadline',
                  label: t('services.bundle.deadline'),
                  children: <span data-testid="bundle-deadline">{workdays(bundle.deadlineWorkdays, t)}</span>,
                },
                { key: 'items', label: t('services.bundle.itemCount'), children: bundle.items.length },
                {
                  key: 'departments',
                  label: t('services.bundle.departmentCount'),
                  children: new Set(bundle.tasks.map((x) => x.department)).size,
                },
                {
                  key: 'materials',
                  label: t('services.bundle.materialCount'),
                  children: bundle.materials.length,
                },
                ...(bundle.noticeDays
                  ? [
                      {
                        key: 'notice',
                        label: t('services.bundle.noticeDays'),
                        children: t('services.bundle.days', { count: bundle.noticeDays }),
                      },
                    ]
                  : []),
              ]}
            />
            <Alert type="info" showIcon title={t('services.bundle.onceTold')} />
          </Flex>
        </Card>
        <Card title={t('services.bundle.flow')} data-testid="bundle-flow">
          <TaskGraph tasks={bundle.tasks} />
        </Card>
        <Card title={t('services.bundle.items')}>
          <ItemsTable bundle={bundle} items={items} />
        </Card>
        <Card title={t('services.bundle.materials')}>
          <MaterialsTable bundle={bundle} />
        </Card>
        <Card title={t('services.bundle.fields')}>
          {fields.length === 0 ? (
            <Empty description={t('services.bundle.noFields')} />
          ) : (
            <Flex gap={8} wrap data-testid="bundle-fields">
              {fields.map((f) => (
                <Tag key={f.name} color={f.required ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
                  {f.title}
                  {f.required ? ' *' : ''}
                </Tag>
              ))}
            </Flex>
          )}
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
            {t('services.bundle.fieldsHint')}
          </Typography.Paragraph>
        </Card>
        {(canApply || isPublic) && <Flex justify="center">{applyButton('-bottom')}</Flex>}
      </Page>
    </div>
  );
}

export function BundleDetailPage() {
  const { me } = useSession();
  return (
    <BundleDetail
      base="/services"
      canApply={me?.permissions.includes('services.apply') ?? false}
      isPublic={false}
    />
  );
}

export function PublicBundleDetailPage() {
  const { me } = useSession();
  return (
    <BundleDetail
      base="/public/services"
      canApply={me?.permissions.includes('services.apply') ?? false}
      isPublic={!me}
    />
  );
}
