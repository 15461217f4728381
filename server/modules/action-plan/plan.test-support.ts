/**
 * Writes a whole plan structure directly, through the plan's and the measures' repositories. The shipped plan is
 * imported by plan-import.service from the plan text; this is for tests and tools that need a small, exact plan
 * (it writes no audit entry and no plan_import record).
 */
import type { Db } from '../../kernel/db/database.ts';
import type { UnitRole } from './action-plan.tables.ts';
import { insertMeasures, replaceMeasureUnits } from './measures.repository.ts';
import { insertPlan, upsertPart, upsertSection } from './plan.repository.ts';

export interface PlanFixture {
  code: string;
  title: string;
  reportingPeriod?: 'monthly' | 'quarterly';
  reportDueWorkdays?: number;
  escalationWorkdays?: number;
  createdAt: Date;
  parts: {
    ordinal: number;
    label: string;
    title: string;
    sections: {
      ordinal: number;
      label: string;
      title: string;
      measures: {
        no: number;
        title: string;
        body: string;
        units: { name: string; role: UnitRole; departmentId: string | null }[];
      }[];
    }[];
  }[];
}

export async function insertPlanStructure(
  db: Db,
  plan: PlanFixture,
): Promise<{ planId: string; measureIds: Map<number, string> }> {
  const at = plan.createdAt;
  const planId = await insertPlan(
    db,
    plan.code,
    { title: plan.title, issuer: null, documentNo: null, issuedOn: null, sourceSha256: 'fixture', at },
    {
      reportingPeriod: plan.reportingPeriod ?? 'monthly',
      reportDueWorkdays: plan.reportDueWorkdays ?? 5,
      escalationWorkdays: plan.escalationWorkdays ?? 5,
    },
  );
  const measureIds = new Map<number, string>();
  for (const part of plan.parts) {
    const partId = await upsertPart(db, planId, part);
    for (const section of part.sections) {
      const sectionId = await upsertSection(db, planId, { ...section, partId });
      const ids = await insertMeasures(
        db,
        planId,
        section.measures.map((m) => ({ no: m.no, title: m.title, body: m.body, sectionId })),
        at,
      );
      for (const [no, id] of ids) measureIds.set(no, id);
      const units = section.measures.flatMap((m) => {
        const measureId = ids.get(m.no);
        if (!measureId) throw new Error(`fixture measure ${m.no} was not inserted`);
        return m.units.map((u, i) => ({ measureId, position: i + 1, ...u }));
      });
      await replaceMeasureUnits(db, [], units);
    }
  }
  return { planId, measureIds };
}
