import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { ApiError, CLIENT_ERROR_CODES, type FieldError } from '../api/client.ts';
import { fieldPath } from '../api/field-errors.ts';
import {
  isMessageKey,
  placeholders,
  useLocale,
  useT,
  type Locale,
  type MessageKey,
  type Translate,
} from '../app/i18n.ts';

function headline(error: ApiError, t: Translate): string {
  if (error.code === CLIENT_ERROR_CODES.network) return t('error.network');
  if (error.status >= 500) return t('error.status.5xx');
  // A 401 that is an answer (e.g. a wrong current password) must not read as "your session ended".
  if (error.status === 401 && error.code === 'INVALID_CREDENTIALS') return t('login.invalidCredentials');
  const key = `error.status.${error.status}`;
  const known: readonly string[] = ['400', '401', '403', '404', '409', '422', '423', '429'];
  return known.includes(String(error.status)) ? t(key as MessageKey) : t('error.title');
}

/** A dictionary sentence for `key` when it exists and `vars` fill every placeholder, else undefined. */
function sentence(key: string, vars: Record<string, string | number>, locale: Locale, t: Translate) {
  if (!isMessageKey(key)) return undefined;
  if (placeholders(locale, key).some((name) => vars[name] === undefined)) return undefined;
  return t(key, vars);
}

/**
 * The sentence for an error in the reader's language: `errors.<CODE>.<reason>` (when `params.reason` names the
 * situation), else `errors.<CODE>`, from the dictionaries filled from the problem's `params` (falling back to its
 * scalar extension members, e.g. `year`); otherwise the server's `detail`.
 */
export function errorSentence(error: ApiError, locale: Locale, t: Translate): string {
  const vars: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(error.problem)) {
    if (typeof value === 'string' || typeof value === 'number') vars[name] = value;
  }
  Object.assign(vars, error.params);
  const reason = error.params.reason;
  return (
    (typeof reason === 'string' ? sentence(`errors.${error.code}.${reason}`, vars, locale, t) : undefined) ??
    sentence(`errors.${error.code}`, vars, locale, t) ??
    error.detail
  );
}

/** A field violation in the reader's language: `rules.<rule>` filled from its params, else the server's message. */
export function fieldSentence(fe: FieldError, locale: Locale, t: Translate): string {
  return sentence(`rules.${fe.rule}`, fe.params ?? {}, locale, t) ?? fe.message;
}

export interface ErrorAlertProps {
  error: unknown;
  /** A sentence that replaces the generic headline, e.g. for a code the page understands. */
  title?: ReactNode;
  /** Turns a field path (without the `/body/` prefix) into words; the raw path is shown otherwise. */
  fieldLabel?: (path: (string | number)[]) => string | undefined;
  onRetry?: () => void;
  /** False when the page already shows every field error next to its field. */
  listFields?: boolean;
}

/** Shows an error in words: its code's sentence (or the server's `detail`), and each field error as "field: message". */
export function ErrorAlert({ error, title, fieldLabel, onRetry, listFields = true }: ErrorAlertProps) {
  const t = useT();
  const { locale } = useLocale();
  if (error === undefined || error === null) return null;
  const action = onRetry ? (
    <Button size="small" onClick={onRetry}>
      {t('common.retry')}
    </Button>
  ) : undefined;

  if (!(error instanceof ApiError)) {
    const text = error instanceof Error ? error.message : t('error.unknown');
    return (
      <Alert type="error" showIcon title={title ?? t('error.title')} description={text} action={action} />
    );
  }

  const fieldErrors = listFields ? error.errors : [];
  const detail = error.code === CLIENT_ERROR_CODES.network ? undefined : errorSentence(error, locale, t);
  const description = (
    <>
      {detail && <div>{detail}</div>}
      {fieldErrors.length > 0 && (
        <>
          <div style={{ marginTop: detail ? 8 : 0 }}>{t('error.fieldErrors')}</div>
          <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {fieldErrors.map((fe, i) => {
              const path = fieldPath(fe.field);
              const label = fieldLabel?.(path) ?? path.join('.');
              return (
                <li key={`${fe.field}-${i}`}>
                  {label
                    ? t('common.labelValue', { label, value: fieldSentence(fe, locale, t) })
                    : fieldSentence(fe, locale, t)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? headline(error, t)}
      description={detail || fieldErrors.length > 0 ? description : undefined}
      action={action}
      data-testid="error-alert"
    />
  );
}
