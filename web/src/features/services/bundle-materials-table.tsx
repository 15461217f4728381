/** The materials a bundle asks for (一次告知), merged over its items, with what may replace them. */
import { Empty, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../app/i18n.ts';
import { noWrap } from '../../components/table-columns.ts';
import { formatBytes } from '../../components/file-types.ts';
import { replaceLabel, usePhone } from './services-ui.tsx';
import type { Bundle, BundleMaterial } from './services.api.ts';

export function MaterialsTable({ bundle }: { bundle: Bundle }) {
  const t = useT();
  const phone = usePhone();
  const itemName = (code: string) => bundle.items.find((i) => i.code === code)?.name ?? code;
  const columns: TableColumnsType<BundleMaterial> = [
    {
      title: t('services.material.name'),
      dataIndex: 'name',
      render: (name: string, m) => (
        <Flex vertical gap={2}>
          <span>
            {name}{' '}
            {m.required ? (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {t('services.material.required')}
              </Tag>
            ) : (
              <Tag style={{ marginInlineEnd: 0 }}>{t('services.material.optional')}</Tag>
            )}
          </span>
          {phone && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('services.material.typeSize', {
                types: m.accept.join('/').toUpperCase() || '—',
                size: formatBytes(m.maxBytes),
              })}
            </Typography.Text>
          )}
          {(m.replaceableBy || m.promiseReplaces) && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[
                m.replaceableBy
                  ? t('services.material.replaceable', { by: replaceLabel(m.replaceableBy, t) })
                  : '',
                m.promiseReplaces ? t('services.material.promiseReplaces') : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    ...(phone
      ? []
      : [
          {
            title: t('services.material.types'),
            key: 'accept',
            ...noWrap,
            render: (_: unknown, m: BundleMaterial) => m.accept.join(' / ').toUpperCase() || '—',
          },
          {
            title: t('services.material.maxSize'),
            key: 'max',
            ...noWrap,
            render: (_: unknown, m: BundleMaterial) => formatBytes(m.maxBytes),
          },
          {
            title: t('services.material.usedBy'),
            key: 'items',
            responsive: ['lg' as const],
            render: (_: unknown, m: BundleMaterial) => m.items.map(itemName).join('、'),
          },
        ]),
  ];
  return (
    <Table<BundleMaterial>
      rowKey="code"
      size="small"
      dataSource={bundle.materials}
      columns={columns}
      pagination={false}
      locale={{ emptyText: <Empty description={t('services.bundle.noMaterials')} /> }}
      data-testid="bundle-materials"
    />
  );
}
