/** The bundles tab of the catalogue: bundles (一件事) as cards grouped by category, with a search. */
import { ClockCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Input, Row, Segmented, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import { CategoryTag, workdays } from './services-ui.tsx';
import { BUNDLE_CATEGORIES, type BundleCategory, type BundleSummary } from './services.api.ts';

/** Case-insensitive match of a search text against a bundle's name, description, items and departments. */
function bundleMatches(b: BundleSummary, q: string): boolean {
  if (q === '') return true;
  const hay = [b.name, b.code, b.description, ...b.items.flatMap((i) => [i.name, i.department])]
    .join('\n')
    .toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

function BundleCard({ bundle, base }: { bundle: BundleSummary; base: string }) {
  const t = useT();
  const longest = bundle.deadlineWorkdays;
  const departments = [...new Set(bundle.items.map((i) => i.department))];
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      data-testid="bundle-card"
      data-code={bundle.code}
      title={
        <Link to={`${base}/${encodeURIComponent(bundle.code)}`} data-testid="bundle-link">
          {bundle.name}
        </Link>
      }
      extra={<CategoryTag category={bundle.category} />}
    >
      <Flex vertical gap={8}>
        {bundle.description && (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
            {bundle.description}
          </Typography.Paragraph>
        )}
        <Flex gap={8} wrap align="center">
          {longest !== undefined && (
            <Tag icon={<ClockCircleOutlined />} color="blue" style={{ marginInlineEnd: 0 }}>
              {t('services.catalogue.within', { count: longest })}
            </Tag>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('services.catalogue.counts', { items: bundle.items.length, departments: departments.length })}
          </Typography.Text>
        </Flex>
        <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="bundle-card-items">
          {bundle.items.map((i) => (
            <li key={i.code}>
              <Typography.Text>{i.name}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.department} · {workdays(i.deadlineWorkdays, t)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      </Flex>
    </Card>
  );
}

export function BundlesTab({ base }: { base: string }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const categoryParam = params.get('category') ?? '';
  const category = (BUNDLE_CATEGORIES as readonly string[]).includes(categoryParam)
    ? (categoryParam as BundleCategory)
    : undefined;
  const query = useApiQuery('/api/services/bundles', { params: { query: { includeInactive: false } } });
  const { data, error, isFetching: loading } = query;
  const reload = () => void query.refetch();

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const groups = useMemo(() => {
    const rows = (data ?? []).filter((b) => bundleMatches(b, q) && (!category || b.category === category));
    return BUNDLE_CATEGORIES.map((c) => ({
      category: c,
      bundles: rows.filter((b) => b.category === c),
    })).filter((g) => g.bundles.length > 0);
  }, [data, q, category]);
  const present = useMemo(() => new Set((data ?? []).map((b) => b.category)), [data]);

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('services.catalogue.searchPlaceholder')}
          defaultValue={q}
          onChange={(e) => set('q', e.target.value.trim())}
          style={{ maxWidth: 360, flex: '1 1 220px' }}
          data-testid="bundle-search"
          aria-label={t('services.catalogue.searchPlaceholder')}
        />
        <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
          <Segmented
            value={category ?? ''}
            onChange={(v) => set('category', String(v))}
            options={[
              { value: '', label: t('common.all') },
              ...BUNDLE_CATEGORIES.filter((c) => present.has(c)).map((c) => ({
                value: c,
                label: t(`services.category.${c}`),
              })),
            ]}
            data-testid="bundle-category"
          />
        </div>
      </Flex>
      {error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : loading && !data ? (
        <CardSkeleton rows={6} />
      ) : groups.length === 0 ? (
        <Empty
          description={
            (data ?? []).length === 0 ? t('services.catalogue.none') : t('services.catalogue.noMatch')
          }
        />
      ) : (
        groups.map((g) => (
          <section key={g.category} data-testid="bundle-group" data-category={g.category}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t(`services.category.${g.category}`)}{' '}
              <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                {t('services.catalogue.bundleCount', { count: g.bundles.length })}
              </Typography.Text>
            </Typography.Title>
            <Row gutter={[12, 12]}>
              {g.bundles.map((b) => (
                <Col key={b.code} xs={24} md={12} xl={8}>
                  <BundleCard bundle={b} base={base} />
                </Col>
              ))}
            </Row>
          </section>
        ))
      )}
    </Flex>
  );
}
