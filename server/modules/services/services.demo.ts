/**
 * Demo applications so the pages are not empty on `npm start`: for `ent` a finished 企业开办 (processed over a
 * morning two working days ago), a 企业信息变更 in progress, a 开办餐饮店 waiting for a supplement and a 水电气信视
 * connection just submitted; for `person` a 职工退休. Runs through the real use cases (audited, notified).
 * Idempotent: does nothing when `ent` is missing or already has applications.
 */
import { Readable } from 'node:stream';
import { chinaDate, FixedClock } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import type { Actor, SystemActor } from '../../kernel/policy.ts';
import { getWorkCalendar } from '../calendar/index.ts';
import { storeUpload } from '../files/index.ts';
import { findActorByUsername } from '../identity/index.ts';
import type { ApplicationDto, MaterialInputDto } from './applications.schemas.ts';
import { findTaskByKey, hasApplications, tasksOf } from './applications.repository.ts';
import { prefill } from './prefill.service.ts';
import { submitApplication } from './submission.service.ts';
import { findBundleForUse } from './catalogue.service.ts';
import { sampleForm } from './services.samples.ts';
import { actOnTask } from './tasks.service.ts';

function demoPdf(title: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n% demo ${title}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

/** Materials for a bundle: e-licence where allowed, otherwise a small PDF uploaded by the applicant. */
export async function sampleMaterials(
  ctx: AppContext,
  actor: Actor,
  bundleCode: string,
): Promise<MaterialInputDto[]> {
  const { bundle } = await findBundleForUse(ctx, bundleCode);
  const out: MaterialInputDto[] = [];
  for (const m of bundle.composed.materials) {
    if (!m.required) continue;
    if (m.replaceableBy === 'elicence') {
      out.push({ code: m.code, replacedBy: 'elicence', ref: '电子证照库' });
      continue;
    }
    const file = await storeUpload(ctx, actor, {
      ownerModule: 'files',
      ownerId: null,
      filename: `${m.name}.pdf`,
      stream: Readable.from([demoPdf(m.code)]),
      purpose: 'document',
    });
    out.push({ code: m.code, fileId: file.id });
  }
  return out;
}

export async function submitSample(
  ctx: AppContext,
  seeder: SystemActor,
  actor: Actor,
  bundleCode: string,
  overrides: Record<string, unknown> = {},
): Promise<ApplicationDto> {
  const { bundle } = await findBundleForUse(ctx, bundleCode);
  const pre = await prefill(ctx, actor, bundleCode);
  const form = sampleForm(
    bundle.composed.formSchema,
    { ...pre.values, ...overrides },
    chinaDate(ctx.clock.now()),
  );
  return submitApplication(
    ctx,
    actor,
    { bundleCode, form, materials: await sampleMaterials(ctx, actor, bundleCode), promise: false },
    { actor, system: seeder.name },
  );
}

/**
 * `seeder`: the seed-demo job's system actor. The demo applications are acted by the demo accounts themselves
 * (they are real users of the demo data); the job is named alongside in the audit origin.
 */
export async function seedDemoApplications(
  ctx: AppContext,
  seeder: SystemActor,
): Promise<{ created: number }> {
  const ent = await findActorByUsername(ctx.db, 'ent');
  if (!ent?.enterpriseId) return { created: 0 };
  if (await hasApplications(ctx.db, ent.userId)) return { created: 0 };
  const officers = new Map<string, Actor>();
  for (const name of ['samr', 'tax', 'police', 'hrss', 'fund']) {
    const a = await findActorByUsername(ctx.db, name);
    if (a?.departmentId) officers.set(a.departmentId, a);
  }
  const cal = await getWorkCalendar(ctx);
  const today = chinaDate(ctx.clock.now());
  const day = cal.addWorkdays(today, -2);
  const clock = new FixedClock(`${day}T01:20:00Z`); // 09:20 China time
  const demo: AppContext = { ...ctx, clock };
  const origin = (a: Actor) => ({ actor: a, system: seeder.name });
  let created = 0;

  const process = async (app: ApplicationDto, stepMinutes: number, stopAfter = Infinity) => {
    let done = 0;
    for (let round = 0; round < 5 && done < stopAfter; round++) {
      const current = await tasksOf(ctx.db, app.id);
      const pending = current.filter((t) => t.status === 'pending' && officers.has(t.department_id));
      if (pending.length === 0) break;
      for (const t of pending) {
        if (done >= stopAfter) break;
        const officer = officers.get(t.department_id)!;
        clock.advance(stepMinutes * 60_000);
        await actOnTask(demo, officer, t.id, { type: 'claim' }, origin(officer));
        clock.advance(stepMinutes * 60_000);
        await actOnTask(
          demo,
          officer,
          t.id,
          { type: 'approve', comment: '材料齐全，准予办理' },
          origin(officer),
        );
        done++;
      }
    }
  };

  // 企业开办: submitted 09:20, finished before noon.
  const opening = await submitSample(demo, seeder, ent, 'enterprise-opening', {
    companyName: '苏州相城云启智能科技有限公司',
  });
  created++;
  await process(opening, 12);

  clock.advance(90 * 60_000);
  const change = await submitSample(demo, seeder, ent, 'enterprise-change', { changeItems: ['住所'] });
  created++;
  await process(change, 15, 2);

  clock.advance(60 * 60_000);
  const restaurant = await submitSample(demo, seeder, ent, 'restaurant-opening', {
    companyName: '苏州相城阳澄味道餐饮有限公司',
  });
  created++;
  await process(restaurant, 10, 1);
  const samr = [...officers.values()].find((o) => o.username === 'samr');
  if (samr) {
    const food = await findTaskByKey(ctx.db, restaurant.id, 'food');
    if (food) {
      clock.advance(20 * 60_000);
      await actOnTask(demo, samr, food.id, { type: 'claim' }, origin(samr));
      await actOnTask(
        demo,
        samr,
        food.id,
        {
          type: 'request_supplement',
          reason: '经营场所平面布局图未标明粗加工区与专间，请补正。',
          materials: ['food-layout'],
        },
        origin(samr),
      );
    }
  }

  clock.set(ctx.clock.now().toISOString());
  await submitSample(demo, seeder, ent, 'utilities-connection');
  created++;

  const person = await findActorByUsername(ctx.db, 'person');
  if (person) {
    await submitSample(demo, seeder, person, 'retirement');
    created++;
  }
  return { created };
}
