import type { AppContext } from '../../kernel/context.ts';
import { chinaDate } from '../../kernel/china-time.ts';
import { checkIdCard, maskIdCard } from '../../kernel/identifiers/id-card.ts';
import { checkUscc } from '../../kernel/identifiers/uscc.ts';
import type { IdCardCheckDto, UsccCheckDto } from './identifiers.schemas.ts';

/** Public: a 统一社会信用代码 is published information, and the check reveals nothing the code does not. */
export function checkUsccCode(code: string): UsccCheckDto {
  return checkUscc(code);
}

/**
 * ID numbers are personal data: the answer is built field by field and carries only the masked number, never
 * the input. "Today" for the birth-date check is the platform clock's date in China.
 */
export function checkIdCardNumber(ctx: AppContext, number: string): IdCardCheckDto {
  const r = checkIdCard(number, { today: chinaDate(ctx.clock.now()) });
  return {
    valid: r.valid,
    reason: r.reason,
    reasonCode: r.reasonCode,
    birthMonth: r.birthDate ? r.birthDate.slice(0, 7) : null,
    sex: r.sex,
    masked: maskIdCard(r.code),
  };
}
