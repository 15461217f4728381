/** Why a policy was not published: the failing tests in words (`POLICY_TESTS_FAILING`), or the server's problem. */
import { Alert, Flex } from 'antd';
import { ApiError } from '../../api/client.ts';
import type { Translate } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { testFailureText } from './clause-tests.tsx';
import type { TestResult } from './policy.api.ts';

/** The failures the server sends with `POLICY_TESTS_FAILING`, if it sent them in the expected shape. */
function failuresOf(error: unknown): TestResult[] {
  if (!(error instanceof ApiError)) return [];
  const value = error.problem.failures;
  return Array.isArray(value)
    ? value.filter(
        (x): x is TestResult => typeof x === 'object' && x !== null && 'name' in x && 'passed' in x,
      )
    : [];
}

export function PublishRefusal({ error, t }: { error: unknown; t: Translate }) {
  const failures = failuresOf(error);
  if (
    !(error instanceof ApiError) ||
    (error.code !== 'POLICY_TESTS_FAILING' && error.code !== 'POLICY_NO_CLAUSES')
  )
    return <ErrorAlert error={error} />;
  return (
    <Alert
      type="error"
      showIcon
      title={
        error.code === 'POLICY_TESTS_FAILING'
          ? t('policy.publish.refusedTests')
          : t('policy.publish.refusedNoClauses')
      }
      description={
        <Flex vertical gap={4}>
          {error.detail && <span>{error.detail}</span>}
          {failures.length > 0 && (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {failures.map((f, i) => (
                <li key={`${f.clauseId}-${f.name}-${i}`}>
                  {t('policy.publish.failure', {
                    no: f.clauseNo,
                    name: f.name,
                    reason: testFailureText(f, t),
                  })}
                </li>
              ))}
            </ul>
          )}
        </Flex>
      }
      data-testid="publish-refused"
    />
  );
}
