/** The fields of a policy's basic information, shared by "new policy" and "edit information". */
import { Col, DatePicker, Form, Input, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../app/i18n.ts';
import type { PolicyInput } from './policy.api.ts';
import { useTopics } from './policy-ui.tsx';

export interface PolicyFormValues {
  code?: string;
  title: string;
  documentNo: string;
  issuedOn: Dayjs;
  summary?: string;
  topics?: string[];
  measureNos?: string[];
  demo?: boolean;
}

export function toInput(v: PolicyFormValues): PolicyInput {
  return {
    ...(v.code?.trim() ? { code: v.code.trim() } : {}),
    title: v.title.trim(),
    documentNo: v.documentNo.trim(),
    issuedOn: v.issuedOn.format('YYYY-MM-DD'),
    summary: (v.summary ?? '').trim(),
    topics: v.topics ?? [],
    measureNos: (v.measureNos ?? []).map(Number).filter((n) => Number.isInteger(n) && n > 0),
    demo: v.demo ?? false,
  };
}

export function PolicyFields({ withCode }: { withCode: boolean }) {
  const t = useT();
  const { topics, label } = useTopics();
  return (
    <Row gutter={16}>
      <Col xs={24} md={16}>
        <Form.Item
          name="title"
          label={t('policy.form.title')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('policy.form.titleRequired') }]}
        >
          <Input maxLength={200} data-testid="policy-title-input" />
        </Form.Item>
      </Col>
      {withCode && (
        <Col xs={24} md={8}>
          <Form.Item name="code" label={t('policy.code')} extra={t('policy.form.codeHint')}>
            <Input maxLength={40} placeholder="XC-KJ-2026-01" data-testid="policy-code-input" />
          </Form.Item>
        </Col>
      )}
      <Col xs={24} md={8}>
        <Form.Item
          name="documentNo"
          label={t('policy.documentNo')}
          rules={[{ required: true, whitespace: true, message: t('policy.form.documentNoRequired') }]}
        >
          <Input maxLength={100} data-testid="policy-docno-input" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item
          name="issuedOn"
          label={t('policy.issuedOn')}
          rules={[{ required: true, message: t('policy.form.issuedOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid="policy-issued-input" />
        </Form.Item>
      </Col>
      <Col xs={12} md={8}>
        <Form.Item name="demo" label={t('policy.form.demo')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="topics" label={t('policy.topics')}>
          <Select
            mode="multiple"
            options={topics.map((topic) => ({ value: topic.code, label: label(topic.code) }))}
            data-testid="policy-topics-input"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item name="measureNos" label={t('policy.measures')} extra={t('policy.form.measuresHint')}>
          <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item name="summary" label={t('policy.form.summary')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={4000} />
        </Form.Item>
      </Col>
    </Row>
  );
}
