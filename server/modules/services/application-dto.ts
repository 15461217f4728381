/** The application's wire shapes: summary, detail (tasks, timeline, results, supplements, notice), notice. */
import type { Db } from '../../kernel/db/database.ts';
import { eventsOf, resultsOf, supplementsOf, tasksOf } from './applications.repository.ts';
import type { ApplicationDto, ApplicationSummaryDto, NoticeDto } from './applications.schemas.ts';
import type { Catalogue } from './catalogue.service.ts';
import { noticeOf } from './notices.repository.ts';
import type { ApplicationRow, NoticeRow } from './services.tables.ts';

export function summaryDto(r: ApplicationRow, c: Catalogue): ApplicationSummaryDto {
  return {
    id: r.id,
    number: r.number,
    bundleCode: r.bundle_code,
    bundleName: c.bundles.get(r.bundle_code)?.name ?? r.bundle_code,
    status: r.status,
    submittedAt: new Date(r.submitted_at).toISOString(),
    dueDate: r.due_date,
    completedAt: r.completed_at ? new Date(r.completed_at).toISOString() : null,
    applicantName: r.applicant_name,
    enterpriseId: r.enterprise_id,
  };
}

export function noticeDto(n: NoticeRow): NoticeDto {
  return {
    id: n.id,
    applicationId: n.application_id,
    enterpriseName: n.enterprise_name,
    uscc: n.uscc,
    startsOn: n.starts_on,
    endsOn: n.ends_on,
    status: n.status,
    objections: n.objections,
  };
}

export async function applicationDto(db: Db, r: ApplicationRow, c: Catalogue): Promise<ApplicationDto> {
  const [tasks, events, results, supplements, notice] = await Promise.all([
    tasksOf(db, r.id),
    eventsOf(db, r.id),
    resultsOf(db, r.id),
    supplementsOf(db, r.id),
    noticeOf(db, r.id),
  ]);
  const bundle = c.bundles.get(r.bundle_code);
  const materialNames = new Map((bundle?.composed.materials ?? []).map((m) => [m.code, m.name]));
  return {
    ...summaryDto(r, c),
    form: r.form,
    promise: r.promise,
    creditFlags: r.credit_flags,
    materials: r.materials.map((m) => {
      const name = materialNames.get(m.code) ?? m.code;
      if ('fileId' in m) return { code: m.code, name, fileId: m.fileId, fileName: m.fileName };
      if ('replacedBy' in m) return { code: m.code, name, replacedBy: m.replacedBy, ref: m.ref };
      if ('paper' in m) return { code: m.code, name, paper: true };
      return { code: m.code, name, promise: true };
    }),
    tasks: tasks.map((t) => ({
      id: t.id,
      key: t.key,
      itemCode: t.item_code,
      name: t.name,
      department: c.departments.get(t.department_id) ?? '',
      departmentId: t.department_id,
      dependsOn: t.depends_on,
      status: t.status,
      deadlineWorkdays: t.deadline_workdays,
      startedOn: t.started_on,
      dueDate: t.due_date,
      claimedBy: t.claimed_by_name,
      finishedAt: t.finished_at ? new Date(t.finished_at).toISOString() : null,
      comment: t.comment,
      pausedWorkdays: t.paused_workdays,
    })),
    timeline: events.map((e) => ({
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      actor: e.actor,
      taskId: e.task_id,
      text: e.text,
    })),
    results: results.map((x) => ({
      kind: x.kind,
      name: x.name,
      number: x.number,
      fileId: x.file_id,
      issuedAt: new Date(x.issued_at).toISOString(),
      itemCode: x.item_code,
    })),
    supplements: supplements.map((s) => ({
      id: s.id,
      taskId: s.task_id,
      requestedAt: new Date(s.requested_at).toISOString(),
      reason: s.reason,
      materials: s.materials,
      answeredAt: s.answered_at ? new Date(s.answered_at).toISOString() : null,
      note: s.note,
    })),
    ...(notice ? { notice: noticeDto(notice) } : {}),
  };
}
