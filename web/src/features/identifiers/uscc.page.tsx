import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, Card, Descriptions, Empty, Grid, Input, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useLocale, useT, type MessageKey, type Translate } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import type { UsccCheck } from './identifiers.api.ts';

function codeName(value: { code: string; name: string | null } | null, unknown: string): string {
  if (!value) return '—';
  return `${value.code} · ${value.name ?? unknown}`;
}

const REASON_CODES = [
  'EMPTY',
  'LENGTH',
  'CHARSET',
  'AUTHORITY',
  'ENTITY_TYPE',
  'DIVISION',
  'ORG_CHECK',
  'CHECK',
] as const;

function reasonKey(code: string | null): MessageKey | undefined {
  const known = REASON_CODES.find((c) => c === code);
  return known ? `uscc.reasonCode.${known}` : undefined;
}

/** The server explains in Chinese (with the exact characters); other languages get the reason from its code and
 * keep the server's sentence alongside, since it names the expected character. */
function reasonText(result: UsccCheck, chinese: boolean, t: Translate): string | undefined {
  const key = reasonKey(result.reasonCode);
  if (chinese || !key) return result.reason ?? (key ? t(key) : undefined);
  return result.reason ? `${t(key)} (${result.reason})` : t(key);
}

function UsccResult({ result }: { result: UsccCheck }) {
  const t = useT();
  const { locale } = useLocale();
  // A fixed 260px label column leaves a phone ~60px for the value, one character per line.
  const narrow = Grid.useBreakpoint().sm === false;
  const reason = reasonText(result, locale === 'zh-CN', t);
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
          description={reason ? t('uscc.reason', { reason }) : undefined}
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
            layout={narrow ? 'vertical' : 'horizontal'}
            styles={narrow ? undefined : { label: { width: 260 } }}
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
  const { data, error, isFetching, refetch } = useApiQuery(
    '/api/identifiers/uscc/{code}',
    { params: { path: { code } } },
    { enabled: code !== '', placeholderData: undefined },
  );
  const loading = isFetching;
  const reload = () => void refetch();

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
