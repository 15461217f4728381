import { ArrowLeftOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Radio,
  Result,
  Steps,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, apiSend, newIdempotencyKey } from '../../api/client.ts';
import { fieldPath } from '../../api/field-errors.ts';
import type { StoredFile } from '../../api/types.ts';
import { useApi } from '../../api/use-api.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { Page } from '../../components/page.tsx';
import { valueText } from './application-parts.tsx';
import { MaterialUpload } from './material-upload.tsx';
import {
  fieldTitle,
  SchemaForm,
  serverFormErrors,
  type FormValues,
  type SchemaFormRef,
} from './schema-form.tsx';
import { servicesPaths } from './services.api.ts';
import { replaceLabel, usePhone, workdays } from './services-ui.tsx';
import type {
  Application,
  Bundle,
  BundleMaterial,
  MaterialInput,
  Precheck,
  PrecheckReason,
  Prefill,
  ReplaceableBy,
} from './services.types.ts';

type Choice =
  | { kind: 'file'; file: StoredFile }
  | { kind: 'replaced'; by: ReplaceableBy; ref: string }
  | { kind: 'paper' };

type Choices = Partial<Record<string, Choice>>;

/** A material is needed unless it is optional or 告知承诺 stands in for it. */
export function materialNeeded(m: Pick<BundleMaterial, 'required' | 'promiseReplaces'>, promise: boolean) {
  return m.required && !(promise && m.promiseReplaces === true);
}

export function materialsBody(materials: readonly BundleMaterial[], choices: Choices): MaterialInput[] {
  const out: MaterialInput[] = [];
  for (const m of materials) {
    const c = choices[m.code];
    if (!c) continue;
    if (c.kind === 'file') out.push({ code: m.code, fileId: c.file.id });
    else if (c.kind === 'paper') out.push({ code: m.code, paper: true });
    else
      out.push(c.ref ? { code: m.code, replacedBy: c.by, ref: c.ref } : { code: m.code, replacedBy: c.by });
  }
  return out;
}

function readReasons(error: unknown): PrecheckReason[] {
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

function MaterialRow({
  material,
  choice,
  needed,
  onChange,
  serverError,
  itemNames,
}: {
  material: BundleMaterial;
  choice: Choice | undefined;
  needed: boolean;
  onChange: (c: Choice | undefined) => void;
  serverError: string | undefined;
  itemNames: string;
}) {
  const t = useT();
  const mode = choice?.kind === 'replaced' ? 'replaced' : choice?.kind === 'paper' ? 'paper' : 'file';
  return (
    <Card
      size="small"
      data-testid="material-row"
      data-code={material.code}
      title={
        <Flex gap={8} wrap align="center" style={{ whiteSpace: 'normal', padding: '4px 0' }}>
          <span>{material.name}</span>
          {needed ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('services.material.required')}
            </Tag>
          ) : material.required ? (
            <Tag color="green" style={{ marginInlineEnd: 0 }}>
              {t('services.material.coveredByPromise')}
            </Tag>
          ) : (
            <Tag style={{ marginInlineEnd: 0 }}>{t('services.material.optional')}</Tag>
          )}
          {choice && (
            <Tag color="success" style={{ marginInlineEnd: 0 }} data-testid="material-done">
              {t('services.material.provided')}
            </Tag>
          )}
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('services.material.forItems', { items: itemNames })}
        </Typography.Text>
        <Radio.Group
          value={mode}
          onChange={(e) => {
            const v = e.target.value as string;
            if (v === 'file') onChange(undefined);
            else if (v === 'paper') onChange({ kind: 'paper' });
            else if (material.replaceableBy)
              onChange({ kind: 'replaced', by: material.replaceableBy, ref: '' });
          }}
          data-testid="material-mode"
          options={[
            { value: 'file', label: t('services.material.modeFile') },
            ...(material.replaceableBy
              ? [{ value: 'replaced', label: replaceLabel(material.replaceableBy, t) }]
              : []),
            { value: 'paper', label: t('services.material.modePaper') },
          ]}
        />
        {mode === 'file' && (
          <MaterialUpload
            material={material}
            file={choice?.kind === 'file' ? choice.file : undefined}
            onChange={(f) => onChange(f ? { kind: 'file', file: f } : undefined)}
          />
        )}
        {choice?.kind === 'replaced' && (
          <Flex vertical gap={4}>
            <Typography.Text type="secondary">
              {t(
                choice.by === 'elicence' ? 'services.material.elicenceHint' : 'services.material.earlierHint',
              )}
            </Typography.Text>
            <Input
              value={choice.ref}
              onChange={(e) => onChange({ ...choice, ref: e.target.value })}
              placeholder={t('services.material.refPlaceholder')}
              maxLength={100}
              style={{ maxWidth: 360 }}
              data-testid="material-ref"
            />
          </Flex>
        )}
        {choice?.kind === 'paper' && (
          <Typography.Text type="warning">{t('services.material.paperHint')}</Typography.Text>
        )}
        {serverError && <Typography.Text type="danger">{serverError}</Typography.Text>}
      </Flex>
    </Card>
  );
}

const STEP_KEYS = ['form', 'promise', 'materials', 'confirm'] as const;

function Wizard({ bundle, prefill }: { bundle: Bundle; prefill: Prefill }) {
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
      apiSend<Precheck>('POST', servicesPaths.precheck, {
        bundleCode: bundle.code,
        promise: withPromise,
      }).then(
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
    [bundle.code],
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
    apiSend<Application>('POST', servicesPaths.applications, body, {
      headers: { 'Idempotency-Key': key },
    }).then(
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

export function ApplyPage() {
  const t = useT();
  const { code = '' } = useParams();
  const bundle = useApi<Bundle>(servicesPaths.bundle(code));
  const prefill = useApi<Prefill>(servicesPaths.prefill(code));
  const back = (
    <Link to={`/services/bundles/${encodeURIComponent(code)}`}>
      <Button icon={<ArrowLeftOutlined />}>{t('services.apply.backToBundle')}</Button>
    </Link>
  );
  const error = bundle.error ?? prefill.error;
  return (
    <Page
      title={
        bundle.data ? t('services.apply.title', { name: bundle.data.name }) : t('services.apply.titlePlain')
      }
      extra={back}
    >
      {error ? (
        <ErrorAlert
          error={error}
          onRetry={() => {
            bundle.reload();
            prefill.reload();
          }}
        />
      ) : !bundle.data || !prefill.data ? (
        <Card>
          <CardSkeleton rows={8} />
        </Card>
      ) : (
        <Wizard key={bundle.data.code} bundle={bundle.data} prefill={prefill.data} />
      )}
    </Page>
  );
}
