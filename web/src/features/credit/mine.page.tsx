/**
 * 我的信用: the enterprise's own full record (published or not), its class with the explained score parts and
 * history, the repair option of each record (and from when it opens), repair applications with materials, list
 * entries, and its commitments with their fulfilment.
 */
import { Alert, Card, Descriptions, Empty, Flex, Tabs } from 'antd';
import { useState } from 'react';
import { useApiQuery } from '../../api/query.ts';
import { useT } from '../../app/i18n.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Page } from '../../components/page.tsx';
import { CardSkeleton } from '../../components/page-loading.tsx';
import type { MyRecord } from './credit.api.ts';
import { ListEntriesTable } from './query.page.tsx';
import { ApplyRepairModal } from './repair-apply.dialog.tsx';
import { ClassCard } from './my-class-card.tsx';
import { RecordsCard } from './my-records-card.tsx';
import { RepairsCard } from './my-repairs-card.tsx';
import { CommitmentsTable } from './commitments-table.tsx';

export function MyCreditPage() {
  const t = useT();
  const my = useApiQuery('/api/credit/my');
  const { data, error } = my;
  const [applying, setApplying] = useState<MyRecord | null>(null);
  const eligible = data?.records.filter((r) => r.repair.status === 'eligible').length ?? 0;

  return (
    <div data-testid="my-credit">
      <Page title={t('credit.mine.title')}>
        {error ? (
          <ErrorAlert error={error} onRetry={() => void my.refetch()} />
        ) : !data ? (
          <Card>
            <CardSkeleton rows={8} />
          </Card>
        ) : data ? (
          <>
            <Card>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: 'name', label: t('credit.entityName'), children: data.name },
                  { key: 'uscc', label: t('credit.uscc'), children: data.uscc },
                ]}
              />
            </Card>
            {eligible > 0 && (
              <Alert
                type="info"
                showIcon
                title={t('credit.mine.eligibleNote', { count: eligible })}
                data-testid="repair-eligible-note"
              />
            )}
            <ClassCard data={data} />
            <Tabs
              items={[
                {
                  key: 'records',
                  label: t('credit.mine.tabRecords'),
                  children: (
                    <Flex vertical gap={16}>
                      <RecordsCard data={data} onApply={setApplying} />
                      <RepairsCard repairs={data.repairs} />
                    </Flex>
                  ),
                },
                {
                  key: 'lists',
                  label: t('credit.mine.tabLists', { count: data.lists.length }),
                  children:
                    data.lists.length === 0 ? (
                      <Card>
                        <Empty description={t('credit.mine.noLists')} />
                      </Card>
                    ) : (
                      <Card>
                        <ListEntriesTable entries={data.lists} />
                      </Card>
                    ),
                },
                {
                  key: 'commitments',
                  label: t('credit.mine.tabCommitments'),
                  children: (
                    <Card>
                      <CommitmentsTable mine />
                    </Card>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Page>
      {applying && <ApplyRepairModal record={applying} onClose={() => setApplying(null)} />}
    </div>
  );
}
