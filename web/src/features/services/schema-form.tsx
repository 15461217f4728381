/**
 * The bundle's combined form, rendered from its JSON Schema by react-jsonschema-form with the Ant Design theme
 * (@rjsf/antd on antd 6) and validated in the browser by AJV (@rjsf/validator-ajv8) against the very schema the
 * server validates with. Kept here: Chinese error messages, a mark on each prefilled field saying where the value
 * came from, and the server's field errors placed next to their fields.
 */
import { Alert, Tag, Tooltip, Form as AntForm } from 'antd';
import CoreForm from '@rjsf/core';
import { Theme } from '@rjsf/antd';
import {
  englishStringTranslator,
  getTemplate,
  getUiOptions,
  TranslatableString,
  type ErrorSchema,
  type FieldTemplateProps,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
} from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { Component, useMemo, type ReactNode, type Ref } from 'react';
import type { FieldError } from '../../api/client.ts';
import { fieldPath } from '../../api/field-errors.ts';
import { useT, type Translate } from '../../app/i18n.ts';
import type { FieldSource, JsonSchema } from './services.api.ts';

export type FormValues = Record<string, unknown>;
export type SchemaFormRef = CoreForm<FormValues, RJSFSchema, FormContext>;

interface FormContext {
  sources: Partial<Record<string, FieldSource>>;
  t: Translate;
  labelCol?: { span: number };
  wrapperCol?: { span: number };
  descriptionLocation?: 'below' | 'tooltip';
  readonlyAsDisabled?: boolean;
}

/** Antd's field frame with the label followed by a "from your profile / earlier submission" tag when prefilled. */
function FieldTemplate(props: FieldTemplateProps<FormValues, RJSFSchema, FormContext>) {
  const {
    children,
    description,
    displayLabel,
    errors,
    help,
    rawHelp,
    hidden,
    id,
    label,
    rawErrors,
    rawDescription,
    registry,
    required,
    schema,
    uiSchema,
    fieldPathId,
  } = props;
  const ctx = registry.formContext;
  const uiOptions = getUiOptions(uiSchema);
  const Wrap = getTemplate('WrapIfAdditionalTemplate', registry, uiOptions);
  if (hidden) return <div className="rjsf-field-hidden">{children}</div>;
  const top = fieldPathId.path.length === 1 ? String(fieldPathId.path[0]) : undefined;
  const source = top !== undefined ? ctx.sources[top] : undefined;
  const isCheckbox = uiOptions.widget === 'checkbox';
  const labelNode =
    displayLabel && !isCheckbox && label ? (
      <span>
        {label}
        {source && (
          <Tooltip title={ctx.t(`services.form.sourceHint.${source}`)}>
            <Tag
              color={source === 'profile' ? 'blue' : 'purple'}
              style={{ marginInlineStart: 8, marginInlineEnd: 0, fontWeight: 'normal' }}
              data-testid="prefill-source"
              data-field={top}
              data-source={source}
            >
              {ctx.t(`services.form.source.${source}`)}
            </Tag>
          </Tooltip>
        )}
      </span>
    ) : undefined;
  return (
    <Wrap {...props}>
      <AntForm.Item
        colon={false}
        hasFeedback={schema.type !== 'array' && schema.type !== 'object'}
        help={(!!rawHelp && !rawErrors?.length && help) || (rawErrors?.length ? errors : undefined)}
        htmlFor={id}
        label={labelNode}
        labelCol={{ span: 24 }}
        wrapperCol={{ span: 24 }}
        required={required}
        validateStatus={rawErrors?.length ? 'error' : undefined}
        extra={rawDescription ? description : undefined}
        data-testid="form-field"
        data-field={top}
      >
        {children}
      </AntForm.Item>
    </Wrap>
  );
}

/** AJV's messages are English; say the same in the user's language, using the field's title. */
function translateErrors(t: Translate) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors.map((e) => {
      const p = (e.params ?? {}) as Record<string, unknown>;
      const num = (k: string) => (typeof p[k] === 'number' ? p[k] : 0);
      let message: string | undefined;
      switch (e.name) {
        case 'required':
          message = t('services.form.err.required');
          break;
        case 'minLength':
          message = t('services.form.err.minLength', { n: num('limit') });
          break;
        case 'maxLength':
          message = t('services.form.err.maxLength', { n: num('limit') });
          break;
        case 'pattern':
          message = t('services.form.err.pattern');
          break;
        case 'format':
          message = t('services.form.err.format');
          break;
        case 'minimum':
        case 'exclusiveMinimum':
          message = t('services.form.err.minimum', { n: num('limit') });
          break;
        case 'maximum':
        case 'exclusiveMaximum':
          message = t('services.form.err.maximum', { n: num('limit') });
          break;
        case 'type':
          message = t('services.form.err.type');
          break;
        case 'enum':
        case 'const':
          message = t('services.form.err.enum');
          break;
        case 'minItems':
          message = t('services.form.err.minItems', { n: num('limit') });
          break;
        case 'maxItems':
          message = t('services.form.err.maxItems', { n: num('limit') });
          break;
        default:
          message = undefined;
      }
      return message ? { ...e, message, stack: `${e.property ?? ''} ${message}` } : e;
    });
}

/** rjsf's own button words (add/remove an array row, …) in the user's language. */
function stringTranslator(t: Translate) {
  return (key: TranslatableString, params?: string[]): string => {
    switch (key) {
      case TranslatableString.AddItemButton:
      case TranslatableString.AddButton:
        return t('services.form.addRow');
      case TranslatableString.RemoveButton:
        return t('services.form.removeRow');
      case TranslatableString.MoveUpButton:
        return t('services.form.moveUp');
      case TranslatableString.MoveDownButton:
        return t('services.form.moveDown');
      case TranslatableString.CopyButton:
        return t('services.form.copyRow');
      case TranslatableString.YesLabel:
        return t('common.yes');
      case TranslatableString.NoLabel:
        return t('common.no');
      case TranslatableString.EmptyArray:
        return t('services.form.emptyArray');
      case TranslatableString.AriaDateLabel:
        return t('services.form.pickDate');
      default:
        return englishStringTranslator(key, params);
    }
  };
}

/**
 * The server's field errors (`/body/form/companyName`, `form.companyName`) as rjsf's error schema, so each sits under
 * its field. Errors about anything outside the form (materials, promise) are left to the caller.
 */
export function serverFormErrors(errors: readonly FieldError[]): ErrorSchema<FormValues> | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const e of errors) {
    const path = fieldPath(e.field);
    if (path[0] !== 'form' || path.length < 2) continue;
    let node = out;
    for (const seg of path.slice(1)) {
      const key = String(seg);
      node[key] = node[key] ?? {};
      node = node[key] as Record<string, unknown>;
    }
    const list = (node.__errors as string[] | undefined) ?? [];
    list.push(e.message);
    node.__errors = list;
    any = true;
  }
  return any ? (out as ErrorSchema<FormValues>) : undefined;
}

/** The title the schema gives a top-level field, for error summaries in words. */
export function fieldTitle(schema: JsonSchema, field: string): string | undefined {
  const props = schema.properties;
  if (typeof props !== 'object' || props === null) return undefined;
  const p = (props as Record<string, unknown>)[field];
  if (typeof p !== 'object' || p === null) return undefined;
  const title = (p as Record<string, unknown>).title;
  return typeof title === 'string' ? title : undefined;
}

/**
 * A schema the renderer cannot draw (e.g. a broken `$ref` typed into the administrator's editor) shows a sentence
 * instead of taking the page down; a new schema (new `key`) tries again.
 */
class RenderGuard extends Component<
  { fallback: (error: Error) => ReactNode; children: ReactNode },
  { error?: Error }
> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

export function SchemaForm({
  schema,
  uiSchema,
  formData,
  onChange,
  sources = {},
  extraErrors,
  readonly = false,
  formRef,
}: {
  schema: JsonSchema;
  uiSchema?: JsonSchema | null | undefined;
  formData: FormValues;
  onChange?: (data: FormValues) => void;
  sources?: Partial<Record<string, FieldSource>>;
  extraErrors?: ErrorSchema<FormValues> | undefined;
  readonly?: boolean;
  formRef?: Ref<SchemaFormRef>;
}) {
  const t = useT();
  const context = useMemo<FormContext>(
    () => ({ sources, t, descriptionLocation: 'below', readonlyAsDisabled: false }),
    [sources, t],
  );
  const transform = useMemo(() => translateErrors(t), [t]);
  const translator = useMemo(() => stringTranslator(t), [t]);
  const templates = useMemo(() => ({ ...Theme.templates, FieldTemplate }), []);
  const schemaKey = useMemo(() => JSON.stringify(schema), [schema]);
  return (
    <div data-testid="schema-form">
      <RenderGuard
        key={schemaKey}
        fallback={(error) => (
          <Alert type="error" showIcon title={t('services.form.cannotRender')} description={error.message} />
        )}
      >
        <CoreForm<FormValues, RJSFSchema, FormContext>
          ref={formRef}
          schema={schema}
          uiSchema={(uiSchema ?? {}) as UiSchema<FormValues, RJSFSchema, FormContext>}
          formData={formData}
          validator={validator}
          templates={templates}
          widgets={Theme.widgets}
          formContext={context}
          onChange={(e) => onChange?.(e.formData ?? {})}
          transformErrors={transform}
          translateString={translator}
          extraErrors={extraErrors}
          showErrorList={false}
          noHtml5Validate
          focusOnFirstError
          readonly={readonly}
          idPrefix="f"
        >
          {/* Submitting is the wizard's job; the form only collects and validates. */}
          <></>
        </CoreForm>
      </RenderGuard>
    </div>
  );
}
