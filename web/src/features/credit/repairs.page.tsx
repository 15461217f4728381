/**
 * 信用修复 (department): the page that holds the department's repair applications (approved or rejected with a
 * reason, by the deadline) and its commitments to verify (fulfilled, or broken — which becomes a record).
 */
import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useT } from '../../app/i18n.ts';
import { Page } from '../../components/page.tsx';
import type { Commitment } from './credit.api.ts';
import { CommitmentVerifyDialog } from './commitment-verify.dialog.tsx';
import { CommitmentsTable } from './commitments-table.tsx';
import { RepairApplications } from './repair-applications.tsx';

function Commitments() {
  const [verifying, setVerifying] = useState<Commitment | null>(null);
  return (
    <>
      <CommitmentsTable mine={false} onVerify={setVerifying} />
      {verifying && <CommitmentVerifyDialog commitment={verifying} onClose={() => setVerifying(null)} />}
    </>
  );
}

export function RepairReviewPage() {
  const t = useT();
  return (
    <div data-testid="repair-review">
      <Page title={t('credit.repair.reviewPageTitle')}>
        <Card>
          <Tabs
            items={[
              { key: 'repairs', label: t('credit.repair.tabApplications'), children: <RepairApplications /> },
              { key: 'commitments', label: t('credit.repair.tabCommitments'), children: <Commitments /> },
            ]}
          />
        </Card>
      </Page>
    </div>
  );
}
