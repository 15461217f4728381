import { Skeleton, Spin } from 'antd';
import { useT } from '../app/i18n.ts';

/** Full-area spinner while a lazily loaded page or the session arrives. */
export function PageLoading() {
  const t = useT();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '64px 0' }}>
      <Spin size="large" description={t('common.loading')}>
        <div style={{ width: 160, height: 40 }} />
      </Spin>
    </div>
  );
}

/** Placeholder lines while a card's data arrives. */
export function CardSkeleton({ rows = 3 }: { rows?: number }) {
  return <Skeleton active paragraph={{ rows }} title={false} />;
}
