import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** Page frame: a title, optional actions on the right, then the content. */
export function Page({
  title,
  extra,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra && <div>{extra}</div>}
      </Flex>
      <Flex vertical gap={16}>
        {children}
      </Flex>
    </div>
  );
}
