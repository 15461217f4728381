/** An entity in a table cell: its name, and its USCC small underneath. */
import { Flex, Typography } from 'antd';

export function EntityCell({ name, uscc }: { name: string; uscc: string }) {
  return (
    <Flex vertical>
      <span>{name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {uscc}
      </Typography.Text>
    </Flex>
  );
}
