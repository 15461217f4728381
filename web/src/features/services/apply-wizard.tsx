/** The apply wizard: form, promise, materials, confirm; submits the application. */
import { Alert, Button, Card, Descriptions, Flex, Result, Steps, Switch, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, newIdempotencyKey } from '../../api/client.ts';
import { useApiMutation } from '../../api/query.ts';
import { fieldPath } from '../../api/field-errors.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { valueText } from './application-parts.tsx';
import {
  fieldTitle,
  SchemaForm,
  serverFormErrors,
  type FormValues,
  type SchemaFormRef,
} from './schema-form.tsx';
import { replaceLabel, usePhone, workdays } from './services-ui.tsx';
import type { Application, Bundle, BundleMaterial, Precheck, Prefill } from './services.api.ts';
import { materialNeeded, materialsBody, type Choices } from './apply-materials.ts';
import { MaterialRow } from './material-row.tsx';
import { PrecheckResult, readReasons } from './precheck-result.tsx';

const STEP_KEYS = ['form', 'promise', 'materials', 'confirm'] as const;

export function Wizard({ bundle, prefill }: { bundle: Bundle; prefill: Prefill }) {
  const t = useT();
  const phone = usePhone();
  const formRef = useRef<SchemaFormRef>(null);
  const [step, setStep] = useState(0);
  const [formData, setFormData] = useState<FormValues>(() => ({ ...prefill.values }));
  const [choices, setChoices] = useState<Choices>({});
  const [promise, setPromise] = useState(false);
  const [precheck, setPrecheck] = useState<Precheck | undefined>(undefined);
  const [precheckError, setPrecheckError] = useState<unknown>(undefined);
  const [prechecking, setPrechecking] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(undefined);
  const [created, setCreated] = useState<Application | undefined>(undefined);
  const [materialErrors, setMaterialErrors] = useState<Record<string, string>>({});
  // Missing materials are listed once the user tried to go on, and the list follows their uploads from then on.
  const [triedMaterials, setTriedMaterials] = useState(false);
  // One key per distinct body: a double click or a retry after a lost answer sends the same key with the same body
  // (the server returns the first application); a changed body gets a new key.
  const attempt = useRef<{ key: string; body: string } | undefined>(undefined);
  // The precheck only reads (a POST because it weighs the user's choices); nothing to refetch after it.
  const { mutateAsync: precheckCall } = useApiMutation('post', '/api/services/precheck');
  // A new application shows up in the applicant's list, the departments' queues and the overview.
  const { mutateAsync: submitCall } = useApiMutation('post', '/api/services/applications', {
    invalidates: ['/api/services/applications', '/api/services/tasks', '/api/services/overview'],
  });

  const extraErrors = useMemo(
    () => (submitError instanceof ApiError ? serverFormErrors(submitError.errors) : undefined),
    [submitError],
  );
  // A prefilled field keeps its mark only while it still holds the prefilled value.
  const sources = useMemo(() => {
    const out: Prefill['sources'] = {};
    for (const [field, source] of Object.entries(prefill.sources))
      if (JSON.stringify(formData[field]) === JSON.stringify(prefill.values[field])) out[field] = source;
    return out;
  }, [prefill, formData]);

  const runPrecheck = useCallback(
    (withPromise: boolean) => {
      setPrechecking(true);
      setPrecheckError(undefined);
      precheckCall({ body: { bundleCode: bundle.code, promise: withPromise } }).then(
        (p) => {
          setPrecheck(p);
          setPrechecking(false);
        },
        (cause: unknown) => {
          setPrecheck(undefined);
          setPrecheckError(cause);
          setPrechecking(false);
        },
      );
    },
    [bundle.code, precheckCall],
  );

  const pastForm = step >= 1;
  useEffect(() => {
    if (pastForm) runPrecheck(promise);
  }, [pastForm, promise, runPrecheck]);

  const neededMissing = () =>
    bundle.materials.filter((m) => materialNeeded(m, promise) && !choices[m.code]).map((m) => m.name);

  const next = () => {
    if (step === 0 && formRef.current && !formRef.current.validateForm()) return;
    if (step === 2) {
      setTriedMaterials(true);
      if (neededMissing().length > 0) return;
    }
    setStep((s) => Math.min(s + 1, STEP_KEYS.length - 1));
    window.scrollTo({ top: 0 });
  };

  const submit = () => {
    if (submitting) return;
    if (formRef.current && !formRef.current.validateForm()) {
      setStep(0);
      return;
    }
    if (neededMissing().length > 0) {
      setTriedMaterials(true);
      setStep(2);
      return;
    }
    const materials = materialsBody(bundle.materials, choices);
    const body = { bundleCode: bundle.code, form: formData, materials, promise };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
    const key = attempt.current.key;
    setSubmitting(true);
    setSubmitError(undefined);
    setMaterialErrors({});
    submitCall({ body, headers: { 'Idempotency-Key': key } }).then(
      (app) => {
        setSubmitting(false);
        setCreated(app);
        window.scrollTo({ top: 0 });
      },
      (cause: unknown) => {
        setSubmitting(false);
        setSubmitError(cause);
        if (!(cause instanceof ApiError)) return;
        const byMaterial: Record<string, string> = {};
        let formErr = false;
        for (const e of cause.errors) {
          const path = fieldPath(e.field);
          if (path[0] === 'materials' && typeof path[1] === 'number') {
            const code = materials[path[1]]?.code;
            if (code) byMaterial[code] = e.message;
          } else if (path[0] === 'form') formErr = true;
        }
        setMaterialErrors(byMaterial);
        if (formErr) setStep(0);
        else if (Object.keys(byMaterial).length > 0) setStep(2);
      },
    );
  };

  if (created)
    return (
      <Card data-testid="apply-done" data-number={created.number} data-id={created.id}>
        <Result
          status="success"
          title={t('services.apply.doneTitle')}
          subTitle={t('services.apply.doneText', {
            number: created.number,
            due: created.dueDate ?? '—',
          })}
          extra={[
            <Link key="open" to={`/services/applications/${encodeURIComponent(created.id)}`}>
              <Button type="primary" data-testid="apply-open-application">
                {t('services.apply.openApplication')}
              </Button>
            </Link>,
            <Link key="mine" to="/services/applications">
              <Button>{t('nav.servicesMine')}</Button>
            </Link>,
          ]}
        />
      </Card>
    );

  const itemNames = (m: BundleMaterial) =>
    m.items.map((c) => bundle.items.find((i) => i.code === c)?.name ?? c).join('、');
  const creditReasons = readReasons(submitError);
  const missing = triedMaterials ? neededMissing() : [];
  const formFieldLabel = (path: (string | number)[]) =>
    path[0] === 'form' && typeof path[1] === 'string'
      ? fieldTitle(bundle.formSchema, path[1])
      : path[0] === 'materials' && typeof path[1] === 'number'
        ? bundle.materials.find(
            (m) => m.code === materialsBody(bundle.materials, choices)[path[1] as number]?.code,
          )?.name
        : undefined;

  return (
    <Flex vertical gap={16} data-testid="apply-wizard" data-step={STEP_KEYS[step]}>
      <Card size="small">
        <Steps
          current={step}
          size="small"
          orientation={phone ? 'vertical' : 'horizontal'}
          items={STEP_KEYS.map((k) => ({ title: t(`services.apply.step.${k}`) }))}
        />
      </Card>
      {submitError !== undefined && (
        <ErrorAlert
          error={submitError}
          fieldLabel={formFieldLabel}
          title={
            submitError instanceof ApiError && submitError.code === 'SERVICES_CREDIT_BLOCKED'
              ? t('services.apply.creditBlocked')
              : submitError instanceof ApiError && submitError.code === 'SERVICES_PROMISE_REFUSED'
                ? t('services.precheck.promiseRefused')
                : undefined
          }
        />
      )}
      {creditReasons.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('services.apply.reasons')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {creditReasons.map((r, i) => (
                <li key={i}>{r.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card
        title={t('services.apply.formTitle')}
        style={{ display: step === 0 ? undefined : 'none' }}
        data-testid="apply-form-card"
      >
        {Object.keys(prefill.sources).length > 0 && (
          <Alert type="info" showIcon title={t('services.apply.prefillNote')} style={{ marginBottom: 16 }} />
        )}
        <div style={{ maxWidth: 760 }}>
          <SchemaForm
            formRef={formRef}
            schema={bundle.formSchema}
            uiSchema={bundle.uiSchema}
            formData={formData}
            onChange={setFormData}
            sources={sources}
            extraErrors={extraErrors}
          />
        </div>
      </Card>
      {step === 1 && (
        <Card title={t('services.apply.promiseTitle')} data-testid="apply-promise-card">
          <Flex vertical gap={12}>
            {bundle.promiseAllowed ? (
              <>
                <Typography.Paragraph style={{ margin: 0 }}>
                  {t('services.apply.promiseText')}
                </Typography.Paragraph>
                <Flex gap={8} align="center">
                  <Switch
                    checked={promise}
                    onChange={setPromise}
                    data-testid="promise-switch"
                    aria-label={t('services.apply.promiseChoose')}
                  />
                  <Typography.Text>{t('services.apply.promiseChoose')}</Typography.Text>
                </Flex>
              </>
            ) : (
              <Typography.Text type="secondary">{t('services.apply.promiseNotOffered')}</Typography.Text>
            )}
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('services.precheck.title')}
            </Typography.Title>
            {precheckError !== undefined ? (
              <ErrorAlert error={precheckError} onRetry={() => runPrecheck(promise)} />
            ) : prechecking || !precheck ? (
              <CardSkeleton rows={2} />
            ) : (
              <PrecheckResult precheck={precheck} promise={promise} />
            )}
          </Flex>
        </Card>
      )}
      {step === 2 && (
        <Card title={t('services.apply.materialsTitle')} data-testid="apply-materials-card">
          <Flex vertical gap={12}>
            {bundle.materials.length === 0 ? (
              <Typography.Text type="secondary">{t('services.bundle.noMaterials')}</Typography.Text>
            ) : (
              bundle.materials.map((m) => (
                <MaterialRow
                  key={m.code}
                  material={m}
                  needed={materialNeeded(m, promise)}
                  choice={choices[m.code]}
                  onChange={(c) => setChoices((all) => ({ ...all, [m.code]: c }))}
                  serverError={materialErrors[m.code]}
                  itemNames={itemNames(m)}
                />
              ))
            )}
            {missing.length > 0 && (
              <Alert
                type="error"
                showIcon
                title={t('services.apply.missingMaterials', { names: missing.join('、') })}
                data-testid="missing-materials"
              />
            )}
          </Flex>
        </Card>
      )}
      {step === 3 && (
        <Card title={t('services.apply.confirmTitle')} data-testid="apply-confirm-card">
          <Flex vertical gap={16}>
            <Descriptions
              size="small"
              bordered
              column={1}
              items={Object.keys(bundle.formSchema.properties ?? {}).map((field) => ({
                key: field,
                label: fieldTitle(bundle.formSchema, field) ?? field,
                children: valueText(formData[field], t),
              }))}
            />
            <Descriptions
              size="small"
              bordered
              column={1}
              items={bundle.materials.map((m) => {
                const c = choices[m.code];
                return {
                  key: m.code,
                  label: m.name,
                  children: !c
                    ? materialNeeded(m, promise)
                      ? '—'
                      : m.required
                        ? t('services.material.coveredByPromise')
                        : t('services.material.notProvided')
                    : c.kind === 'file'
                      ? c.file.name
                      : c.kind === 'paper'
                        ? t('services.material.modePaper')
                        : replaceLabel(c.by, t),
                };
              })}
            />
            <Typography.Text>
              {t('services.apply.promiseIs', { value: promise ? t('common.yes') : t('common.no') })} ·{' '}
              {t('services.apply.deadlineIs', { deadline: workdays(bundle.deadlineWorkdays, t) })}
            </Typography.Text>
            {precheck && <PrecheckResult precheck={precheck} promise={promise} />}
          </Flex>
        </Card>
      )}
      <Flex justify="space-between" gap={8} wrap>
        <Button
          disabled={step === 0 || submitting}
          onClick={() => setStep((s) => Math.max(0, s - 1))}
          data-testid="apply-prev"
        >
          {t('services.apply.prev')}
        </Button>
        {step < STEP_KEYS.length - 1 ? (
          <Button type="primary" onClick={next} data-testid="apply-next">
            {t('services.apply.next')}
          </Button>
        ) : (
          <Button
            type="primary"
            loading={submitting}
            disabled={precheck?.decision === 'block' || (promise && precheck?.promiseAllowed === false)}
            onClick={submit}
            data-testid="apply-submit"
          >
            {t('services.apply.submit')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
