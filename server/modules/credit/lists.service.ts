/**
 * Red and black lists (守信激励 / 失信惩戒名单): a department enters an entity with the reason, the legal basis and
 * an exit rule (a date, or a condition such as fulfilling a court judgment); it exits by the department's decision
 * (with why) or automatically on its exit date. Officers manage only their own department's entries; the public
 * sees current entries of public lists without the reason text.
 */
import { appendAudit, systemOrigin, type AuditOrigin } from '../../kernel/audit.ts';
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { AppError } from '../../kernel/errors.ts';
import type { Actor, SystemActor } from '../../kernel/policy.ts';
import {
  exitEntriesDue,
  exitListEntry,
  findListEntry,
  insertListEntry,
  listEntryRows,
  type ListEntryRow,
} from './lists.repository.ts';
import type {
  AddListEntryInput,
  EntryListQueryInput,
  ExitListEntryInput,
  ListEntryDto,
  ListEntryListDto,
  PublicEntryListQueryInput,
  PublicListEntryListDto,
} from './lists.schemas.ts';
import { findList } from './sanctions.repository.ts';
import { resolveEntity } from './sanctions.service.ts';

function isCurrent(r: ListEntryRow, today: string): boolean {
  return r.exited_on === null && r.entered_on <= today && (r.exit_on === null || r.exit_on > today);
}

function toDto(r: ListEntryRow, today: string): ListEntryDto {
  return {
    id: r.id,
    list: { code: r.list_code, name: r.list_name, type: r.list_type },
    uscc: r.uscc,
    entityName: r.entity_name,
    enterpriseId: r.enterprise_id,
    departmentId: r.department_id,
    reason: r.reason,
    basis: r.basis,
    enteredOn: r.entered_on,
    exitRule: { on: r.exit_on, condition: r.exit_condition },
    exitedOn: r.exited_on ?? (r.exit_on !== null && r.exit_on <= today ? r.exit_on : null),
    exitReason: r.exit_reason ?? (r.exit_on !== null && r.exit_on <= today ? '移出日期届满' : null),
    current: isCurrent(r, today),
  };
}

function departmentOf(actor: Actor): string {
  if (!actor.departmentId)
    throw new AppError('FORBIDDEN', 'Only department accounts manage credit lists.', {
      params: { reason: 'department-lists' },
    });
  return actor.departmentId;
}

async function getOwnEntry(ctx: AppContext, actor: Actor, id: string): Promise<ListEntryRow> {
  const row = await findListEntry(ctx.db, id);
  if (!row || row.department_id !== actor.departmentId)
    throw new AppError('NOT_FOUND', `No such list entry: ${id}`, {
      params: { reason: 'credit-list-entry', id },
    });
  return row;
}

export async function addListEntry(
  ctx: AppContext,
  actor: Actor,
  input: AddListEntryInput,
  origin: AuditOrigin,
): Promise<ListEntryDto> {
  const departmentId = departmentOf(actor);
  const list = await findList(ctx.db, input.listCode);
  if (!list)
    throw new AppError('CREDIT_LIST_UNKNOWN', `No credit list ${input.listCode}.`, {
      params: { listCode: input.listCode },
    });
  if (!input.exitOn && !input.exitCondition) {
    throw new AppError('VALIDATION_FAILED', 'An exit rule is required: an exit date or an exit condition.', {
      params: { reason: 'list-exit-rule' },
      errors: [{ field: '/body/exitOn', rule: 'required', message: 'exitOn or exitCondition is required' }],
    });
  }
  if (input.exitOn && input.exitOn <= input.enteredOn) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The exit date ${input.exitOn} must be after the entry date ${input.enteredOn}.`,
      {
        params: { reason: 'list-exit-after-entry', exitOn: input.exitOn, enteredOn: input.enteredOn },
        errors: [
          {
            field: '/body/exitOn',
            rule: 'after',
            message: 'exitOn must be after enteredOn',
            params: { limit: input.enteredOn },
          },
        ],
      },
    );
  }
  const entity = await resolveEntity(ctx.db, { uscc: input.uscc });
  const entityName = entity.name ?? input.entityName?.trim();
  if (!entityName) {
    throw new AppError(
      'VALIDATION_FAILED',
      `USCC ${entity.uscc} is not a registered enterprise; give the entity's name.`,
      {
        params: { reason: 'list-entity-name', uscc: entity.uscc },
        errors: [{ field: '/body/entityName', rule: 'required', message: 'entityName is required' }],
      },
    );
  }
  const id = await ctx.db.transaction().execute(async (trx) => {
    const entryId = await insertListEntry(trx, {
      list_code: list.code,
      uscc: entity.uscc,
      entity_name: entityName,
      enterprise_id: entity.enterpriseId,
      department_id: departmentId,
      reason: input.reason.trim(),
      basis: input.basis.trim(),
      entered_on: input.enteredOn,
      exit_on: input.exitOn ?? null,
      exit_condition: input.exitCondition?.trim() ?? null,
      created_by: actor.userId,
    });
    await appendAudit(trx, origin, {
      action: 'credit.list_entered',
      subjectType: 'credit_list_entry',
      subjectId: entryId,
      detail: { list: list.code, uscc: entity.uscc, departmentId, enteredOn: input.enteredOn },
    });
    return entryId;
  });
  return getListEntry(ctx, actor, id);
}

export async function getListEntry(ctx: AppContext, actor: Actor, id: string): Promise<ListEntryDto> {
  return toDto(await getOwnEntry(ctx, actor, id), chinaDate(ctx.clock.now()));
}

export async function exitListEntryByDecision(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: ExitListEntryInput,
  origin: AuditOrigin,
): Promise<ListEntryDto> {
  const today = chinaDate(ctx.clock.now());
  const exitedOn = input.exitedOn ?? today;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await getOwnEntry({ ...ctx, db: trx }, actor, id);
    if (exitedOn < row.entered_on) {
      throw new AppError(
        'VALIDATION_FAILED',
        `The exit date ${exitedOn} must not precede the entry date ${row.entered_on}.`,
        {
          params: { reason: 'list-exited-before-entry', exitedOn, enteredOn: row.entered_on },
          errors: [
            {
              field: '/body/exitedOn',
              rule: 'after',
              message: 'exitedOn must not precede enteredOn',
              params: { limit: row.entered_on },
            },
          ],
        },
      );
    }
    if (
      !isCurrent(row, today) ||
      !(await exitListEntry(trx, id, { exitedOn, reason: input.reason.trim(), by: actor.userId }))
    ) {
      throw new AppError('CREDIT_LIST_ENTRY_EXITED', `List entry ${id} has already exited the list.`, {
        params: { id },
      });
    }
    await appendAudit(trx, origin, {
      action: 'credit.list_exited',
      subjectType: 'credit_list_entry',
      subjectId: id,
      detail: { list: row.list_code, uscc: row.uscc, exitedOn, reason: input.reason.trim() },
    });
  });
  return getListEntry(ctx, actor, id);
}

export async function listDepartmentEntries(
  ctx: AppContext,
  actor: Actor,
  q: EntryListQueryInput,
): Promise<ListEntryListDto> {
  const today = chinaDate(ctx.clock.now());
  const page = await listEntryRows(
    ctx.db,
    { departmentId: departmentOf(actor), state: q.state ?? 'current', today },
    q,
  );
  return { items: page.items.map((r) => toDto(r, today)), total: page.total };
}

export async function listPublicEntries(
  ctx: AppContext,
  listCode: string,
  q: PublicEntryListQueryInput,
): Promise<PublicListEntryListDto> {
  const list = await findList(ctx.db, listCode);
  if (!list)
    throw new AppError('NOT_FOUND', `No credit list ${listCode}.`, {
      params: { reason: 'credit-list', listCode },
    });
  const today = chinaDate(ctx.clock.now());
  const page = await listEntryRows(
    ctx.db,
    { listCode: list.code, state: 'current', today, publicOnly: true },
    q,
  );
  return {
    total: page.total,
    items: page.items.map((r) => ({
      list: { code: r.list_code, name: r.list_name, type: r.list_type },
      uscc: r.uscc,
      entityName: r.entity_name,
      basis: r.basis,
      enteredOn: r.entered_on,
      exitOn: r.exit_on,
    })),
  };
}

/** Daily: entries whose exit date has come are exited, one audit entry for the sweep. */
export async function exitDueListEntries(ctx: AppContext, actor: SystemActor): Promise<number> {
  const today = chinaDate(ctx.clock.now());
  return ctx.db.transaction().execute(async (trx) => {
    const exited = await exitEntriesDue(trx, today);
    if (exited.length > 0) {
      await appendAudit(trx, systemOrigin(actor), {
        action: 'credit.list_exits_due',
        subjectType: 'credit_list_entry',
        detail: { today, count: exited.length, ids: exited.slice(0, 500).map((e) => e.id) },
      });
    }
    return exited.length;
  });
}
