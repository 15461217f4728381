/**
 * Form fields generated from the fact catalogue: one input per fact, by type (number with its unit, whole number,
 * 是/否, one option, several options, a date, text). Values live under `facts.<name>` so the server's field errors
 * (`/body/facts/<name>`) land next to the field. A fact left empty is "unknown" and is not sent.
 */
import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useLocale, useT } from '../../app/i18n.ts';
import type { Fact } from './policy.api.ts';
import { factName } from './policy-ui.tsx';

export type FormFactValue = number | string | string[] | boolean | Dayjs | null | undefined;

/** Server values → form values (dates become dayjs). */
export function toFormFacts(
  values: Record<string, unknown>,
  facts: readonly Fact[],
): Record<string, FormFactValue> {
  const out: Record<string, FormFactValue> = {};
  for (const fact of facts) {
    const v = values[fact.name];
    if (v === undefined || v === null) continue;
    if (fact.type === 'date' && typeof v === 'string') out[fact.name] = dayjs(v, 'YYYY-MM-DD');
    else if (
      typeof v === 'number' ||
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    )
      out[fact.name] = v;
  }
  return out;
}

/** Form values → the facts to send: empty ones left out, dates as `YYYY-MM-DD`. */
export function fromFormFacts(
  values: Record<string, FormFactValue> | undefined,
  facts: readonly Fact[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const fact of facts) {
    const v = values?.[fact.name];
    if (v === undefined || v === null || v === '') continue;
    if (dayjs.isDayjs(v)) out[fact.name] = v.format('YYYY-MM-DD');
    else if (Array.isArray(v) && fact.type === 'enum[]') out[fact.name] = v;
    else out[fact.name] = v;
  }
  return out;
}

interface FactInputProps {
  fact: Fact;
  disabled?: boolean;
  /** Injected by the enclosing Form.Item; handed to the control so the form sees the value. */
  id?: string;
  value?: FormFactValue;
  onChange?: (value: FormFactValue) => void;
}

function FactInput({ fact, disabled, ...control }: FactInputProps): ReactNode {
  const t = useT();
  const bind = control as Record<string, unknown>;
  const unknown = t('policy.value.unknownPlaceholder');
  switch (fact.type) {
    case 'number':
      return (
        <InputNumber
          {...bind}
          style={{ width: '100%' }}
          placeholder={unknown}
          suffix={fact.unit}
          disabled={disabled}
          data-testid={`fact-${fact.name}`}
        />
      );
    case 'integer':
      return (
        <InputNumber
          {...bind}
          style={{ width: '100%' }}
          precision={0}
          placeholder={unknown}
          suffix={fact.unit}
          disabled={disabled}
          data-testid={`fact-${fact.name}`}
        />
      );
    case 'boolean':
      return (
        <Select
          {...bind}
          allowClear
          placeholder={unknown}
          disabled={disabled}
          options={[
            { value: true, label: t('common.yes') },
            { value: false, label: t('common.no') },
          ]}
          data-testid={`fact-${fact.name}`}
        />
      );
    case 'enum':
      return (
        <Select
          {...bind}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={unknown}
          disabled={disabled}
          options={(fact.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          data-testid={`fact-${fact.name}`}
        />
      );
    case 'enum[]':
      return (
        <Select
          {...bind}
          mode="multiple"
          allowClear
          placeholder={t('policy.value.nonePlaceholder')}
          disabled={disabled}
          options={(fact.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
          data-testid={`fact-${fact.name}`}
        />
      );
    case 'date':
      return (
        <DatePicker
          {...bind}
          style={{ width: '100%' }}
          placeholder={unknown}
          disabled={disabled}
          data-testid={`fact-${fact.name}`}
        />
      );
    default:
      return <Input {...bind} placeholder={unknown} disabled={disabled} data-testid={`fact-${fact.name}`} />;
  }
}

/** Inputs for `facts` (inside an antd Form). `extra(fact)` adds a line under a field, e.g. its source. */
export function FactFields({
  facts,
  extra,
  disabled,
  columns = 2,
}: {
  facts: readonly Fact[];
  extra?: (fact: Fact) => ReactNode;
  disabled?: (fact: Fact) => boolean;
  columns?: 1 | 2 | 3;
}) {
  const { locale } = useLocale();
  const span = 24 / columns;
  return (
    <Row gutter={16}>
      {facts.map((fact) => (
        <Col xs={24} md={span} key={fact.name}>
          <Form.Item
            name={['facts', fact.name]}
            label={factName(fact, fact.name, locale)}
            extra={
              extra?.(fact) ?? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fact.sourceLabel}
                </Typography.Text>
              )
            }
          >
            <FactInput fact={fact} disabled={disabled?.(fact)} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
