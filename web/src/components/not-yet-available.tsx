import { ToolOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useT } from '../app/i18n.ts';

/** Marks a feature that is not built yet, honestly: no sample numbers, just a sentence saying so. */
export function NotYetAvailable({ feature }: { feature: string }) {
  const t = useT();
  return (
    <Alert
      type="info"
      showIcon
      icon={<ToolOutlined />}
      title={t('common.notYetAvailable')}
      description={t('common.notYetAvailableText', { feature })}
      data-testid="not-yet-available"
    />
  );
}
