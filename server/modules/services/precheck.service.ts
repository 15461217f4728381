/**
 * The credit gate of an application (the credit module's sanctions for this applicant), shown before submission
 * as the precheck and applied again at submission.
 */
import type { AppContext } from '../../kernel/context.ts';
import type { Actor } from '../../kernel/policy.ts';
import { checkSanctions } from '../credit/index.ts';
import type { PrecheckDto } from './applications.schemas.ts';
import { findBundleForUse, type CatalogueBundle } from './catalogue.service.ts';
import type { CreditFlag } from './services.tables.ts';

export interface GateResult extends PrecheckDto {
  flags: CreditFlag[];
}

/**
 * The credit module's sanctions for this applicant: `application` for the bundle itself, `commitment` when a
 * 告知承诺 is chosen or offered. Individuals (no enterprise) are not on the enterprise lists: allowed.
 */
export async function creditGate(
  ctx: AppContext,
  actor: Actor,
  bundle: CatalogueBundle,
  promise: boolean,
  mode: 'precheck' | 'submit' = 'precheck',
): Promise<GateResult> {
  const offered = bundle.composed.promiseAllowed;
  // At submission the commitment check is needed only when 告知承诺 is chosen; the precheck shows it either way.
  const checkCommitment = offered && (promise || mode === 'precheck');
  if (!actor.enterpriseId) {
    return { allowed: true, promiseAllowed: offered, decision: 'allow', reasons: [], flags: [] };
  }
  const [app, commitment] = await Promise.all([
    checkSanctions(ctx, { enterpriseId: actor.enterpriseId }, 'application'),
    checkCommitment
      ? checkSanctions(ctx, { enterpriseId: actor.enterpriseId }, 'commitment')
      : Promise.resolve(undefined),
  ]);
  const reasons: PrecheckDto['reasons'] = app.reasons
    .filter((r) => r.effect === 'restriction')
    .map((r) => ({
      code: r.code,
      message: r.message,
      decision: r.decision,
      basis: r.basis,
      purpose: 'application' as const,
    }));
  const promiseBlocked = commitment?.decision === 'block';
  if (promise && commitment) {
    for (const r of commitment.reasons.filter((x) => x.effect === 'restriction')) {
      reasons.push({
        code: r.code,
        message: r.message,
        decision: r.decision,
        basis: r.basis,
        purpose: 'commitment',
      });
    }
  }
  const appBlocked = app.decision === 'block';
  const blocked = appBlocked || (promise && promiseBlocked);
  const flagged = reasons.some((r) => r.decision === 'flag');
  return {
    allowed: !blocked,
    promiseAllowed: offered && !promiseBlocked,
    decision: blocked ? 'block' : flagged ? 'flag' : 'allow',
    reasons,
    flags: reasons.filter((r) => r.decision === 'flag').map((r) => ({ code: r.code, message: r.message })),
  };
}

export async function precheck(
  ctx: AppContext,
  actor: Actor,
  input: { bundleCode: string; promise: boolean },
): Promise<PrecheckDto> {
  const { bundle } = await findBundleForUse(ctx, input.bundleCode);
  const { flags: _flags, ...dto } = await creditGate(ctx, actor, bundle, input.promise);
  return dto;
}
