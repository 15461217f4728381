import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Input, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { UsccCheck } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';

function codeName(value: { code: string; name: string | null } | null, unknown: string): string {
  if (!value) return '—';
  return `${value.code} · ${value.name ?? unknown}`;
}

function UsccResult({ result }: { result: UsccCheck }) {
  const t = useT();
  const hasParts = [
    result.registrationAuthority,
    result.entityType,
    result.division,
    result.organizationCode,
  ].some((p) => p !== null);
  return (
    <Card data-testid="uscc-result">
      {result.valid ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          title={t('uscc.valid', { code: result.code })}
          data-testid="uscc-valid"
        />
      ) : (
        <Alert
          type="error"
          showIcon
          icon={<CloseCircleFilled />}
          title={t('uscc.invalid', { code: result.code })}
          description={result.reason ? t('uscc.reason', { reason: result.reason }) : undefined}
          data-testid="uscc-invalid"
        />
      )}
      {hasParts && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('uscc.parts')}
          </Typography.Title>
          <Descriptions
            column={1}
            bordered
            size="small"
            styles={{ label: { width: 260 } }}
            data-testid="uscc-parts"
          >
            <Descriptions.Item label={t('uscc.registrationAuthority')}>
              {codeName(result.registrationAuthority, t('uscc.unknownName'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('uscc.entityType')}>
              {codeName(result.entityType, t('uscc.unknownName'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('uscc.division')}>
              {codeName(result.division, t('uscc.unknownName'))}
            </Descriptions.Item>
            <Descriptions.Item label={t('uscc.organizationCode')}>
              <span style={{ fontFamily: 'monospace' }}>{result.organizationCode ?? '—'}</span>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Card>
  );
}

/** The code to check lives in the URL (`?code=`), so a result can be linked and the back button works. */
export function UsccPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const code = (params.get('code') ?? '').trim().toUpperCase();
  const [missing, setMissing] = useState(false);
  const { data, error, loading, reload } = useApi<UsccCheck>(
    code ? `/api/identifiers/uscc/${encodeURIComponent(code)}` : null,
  );

  return (
    <Page title={t('uscc.title')}>
      <Card>
        <Typography.Paragraph type="secondary">{t('uscc.intro')}</Typography.Paragraph>
        <Input.Search
          key={code}
          defaultValue={code}
          placeholder={t('uscc.placeholder')}
          enterButton={t('uscc.check')}
          size="large"
          maxLength={40}
          status={missing ? 'error' : undefined}
          aria-label={t('uscc.title')}
          data-testid="uscc-input"
          style={{ maxWidth: 640 }}
          onChange={() => setMissing(false)}
          onSearch={(value) => {
            const next = value.trim().toUpperCase();
            setMissing(next === '');
            if (next) setParams({ code: next });
          }}
        />
        {missing && (
          <Typography.Text type="danger" style={{ display: 'block', marginTop: 4 }}>
            {t('uscc.required')}
          </Typography.Text>
        )}
      </Card>
      {!code ? (
        <Card>
          <Empty description={t('uscc.empty')} />
        </Card>
      ) : error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading || !data ? (
        <Card>
          <CardSkeleton rows={5} />
        </Card>
      ) : (
        <UsccResult result={data} />
      )}
    </Page>
  );
}
