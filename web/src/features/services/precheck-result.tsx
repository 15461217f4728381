/** What the precheck (预审) said about the form: passed, or the reasons it was refused. */
import { Alert, Flex, Typography } from 'antd';
import { ApiError } from '../../api/client.ts';
import { useT } from '../../app/i18n.ts';
import type { Precheck, PrecheckReason } from './services.api.ts';

export function readReasons(error: unknown): Pick<PrecheckReason, 'code' | 'message'>[] {
  if (!(error instanceof ApiError)) return [];
  const r = error.problem.reasons;
  if (!Array.isArray(r)) return [];
  return r.flatMap((x: unknown) => {
    if (typeof x !== 'object' || x === null) return [];
    const o = x as Record<string, unknown>;
    return typeof o.message === 'string'
      ? [{ code: typeof o.code === 'string' ? o.code : '', message: o.message }]
      : [];
  });
}

/** The credit precheck in words: what it decided and why. */
export function PrecheckResult({ precheck, promise }: { precheck: Precheck; promise: boolean }) {
  const t = useT();
  const type = precheck.decision === 'block' ? 'error' : precheck.decision === 'flag' ? 'warning' : 'success';
  const promiseRefused = promise && !precheck.promiseAllowed;
  return (
    <Flex vertical gap={8} data-testid="precheck-result" data-decision={precheck.decision}>
      <Alert
        type={type}
        showIcon
        title={t(`services.precheck.${precheck.decision}`)}
        description={
          precheck.reasons.length > 0 ? (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {precheck.reasons.map((r, i) => (
                <li key={`${r.code}-${i}`}>
                  {r.message}
                  {r.basis ? (
                    <Typography.Text type="secondary">
                      {' '}
                      （{t('services.precheck.basis', { basis: r.basis })}）
                    </Typography.Text>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            t('services.precheck.noReasons')
          )
        }
      />
      {promiseRefused && (
        <Alert
          type="error"
          showIcon
          title={t('services.precheck.promiseRefused')}
          data-testid="promise-refused"
        />
      )}
    </Flex>
  );
}
