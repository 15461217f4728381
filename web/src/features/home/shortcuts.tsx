import { Card, Col, Row, Typography } from 'antd';
import { createElement, type ComponentType } from 'react';
import { Link } from 'react-router';
import { useT, type MessageKey } from '../../app/i18n.ts';

export interface Shortcut {
  to: string;
  icon: ComponentType;
  label: MessageKey;
}

export function Shortcuts({ items }: { items: readonly Shortcut[] }) {
  const t = useT();
  return (
    <Card title={t('home.shortcuts')} data-testid="shortcuts">
      <Row gutter={[12, 12]}>
        {items.map((s) => (
          <Col key={s.to} xs={12} md={8}>
            <Link to={s.to}>
              <Card hoverable size="small" style={{ textAlign: 'center' }}>
                <div style={{ fontSize: 24 }}>{createElement(s.icon)}</div>
                <Typography.Text>{t(s.label)}</Typography.Text>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
