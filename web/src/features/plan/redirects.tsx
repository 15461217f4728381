import { Navigate, useParams } from 'react-router';
import { useMe } from '../../app/session.tsx';

/** `/plan/cases`: the office reviews, a department sees its own. */
export function CasesIndex() {
  const me = useMe();
  return (
    <Navigate
      to={me.permissions.includes('plan.supervise') ? '/plan/cases/review' : '/plan/cases/mine'}
      replace
    />
  );
}

/**
 * The server's notifications link to `/action-plan/measures/{no}` and `/action-plan/cases/{id}`; the pages live under
 * `/plan/…`. Forward, keeping the id.
 */
export function LegacyMeasureRedirect() {
  const { no } = useParams();
  return <Navigate to={`/plan/measures/${encodeURIComponent(no ?? '')}`} replace />;
}

export function LegacyCaseRedirect() {
  const { id } = useParams();
  return <Navigate to={`/plan/cases/${encodeURIComponent(id ?? '')}`} replace />;
}
