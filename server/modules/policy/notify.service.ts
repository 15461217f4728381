/**
 * 惠企政策直达: every active match nobody has been told about (`policy_match.notified_at` null) becomes an in-app
 * notification to the enterprise's users, with the explanation's summary; then it is marked notified. Matches of
 * policies outside an enterprise's subscribed topics are marked without a notification. Dedupe keys make a re-run
 * (or a crash between notifying and marking) send nothing twice.
 */
import { chinaDate } from '../../kernel/clock.ts';
import type { AppContext } from '../../kernel/context.ts';
import { listActiveUserIdsOfEnterprises } from '../identity/index.ts';
import { notifyUser } from '../notifications/index.ts';
import { evaluateClause, withDerivedFacts } from './evaluation.ts';
import { getEnterpriseFacts } from './facts.repository.ts';
import { listUnnotifiedMatches, markMatchesNotified, type PendingMatchRow } from './matches.repository.ts';
import { subscribedTopicsOf } from './subscriptions.repository.ts';

const BATCH = 200;

type PendingRow = PendingMatchRow;

const MODE_WORDS = { apply: '可申报', auto: '免申即享', fast: '快申快享' } as const;

export interface NotifyResult {
  notified: number;
  skipped: number;
  notifications: number;
}

export async function notifyNewMatches(
  ctx: AppContext,
  options: { enterpriseId?: string } = {},
): Promise<NotifyResult> {
  const result: NotifyResult = { notified: 0, skipped: 0, notifications: 0 };
  const today = chinaDate(ctx.clock.now());
  for (;;) {
    const rows = await listUnnotifiedMatches(ctx.db, BATCH, options.enterpriseId);
    if (rows.length === 0) break;
    const enterpriseIds = [...new Set(rows.map((r) => r.enterprise_id))];
    const [users, topicsOf] = await Promise.all([
      listActiveUserIdsOfEnterprises(ctx.db, enterpriseIds),
      subscribedTopicsOf(ctx.db, enterpriseIds),
    ]);
    const factsOf = new Map<string, Record<string, unknown>>();
    const messages: { row: PendingRow; send: boolean; body: string }[] = [];
    for (const row of rows) {
      const subscribed = topicsOf.get(row.enterprise_id) ?? [];
      const wanted = subscribed.length === 0 || row.topics.some((t) => subscribed.includes(t));
      if (!wanted || (users.get(row.enterprise_id) ?? []).length === 0) {
        messages.push({ row, send: false, body: '' });
        continue;
      }
      let facts = factsOf.get(row.enterprise_id);
      if (!facts) {
        facts = withDerivedFacts(
          'enterprise',
          (await getEnterpriseFacts(ctx, row.enterprise_id)).values,
          today,
        );
        factsOf.set(row.enterprise_id, facts);
      }
      let body: string;
      try {
        const r = evaluateClause(row, facts);
        const amount = r.benefit?.amount != null ? `预计：${r.benefit.formula}。` : '';
        body = `贵企业符合《${row.policy_title}》第${row.clause_no}条“${row.clause_title}”（${MODE_WORDS[row.mode]}）：${r.summary}。${amount}`;
      } catch {
        body = `贵企业符合《${row.policy_title}》第${row.clause_no}条“${row.clause_title}”（${MODE_WORDS[row.mode]}）。`;
      }
      messages.push({ row, send: true, body: body.slice(0, 3900) });
    }
    await ctx.db.transaction().execute(async (trx) => {
      for (const m of messages) {
        if (m.send) {
          for (const userId of users.get(m.row.enterprise_id) ?? []) {
            const r = await notifyUser(trx, {
              userId,
              title: `政策直达：${m.row.policy_title}`.slice(0, 200),
              body: m.body,
              link: `/policies/my/${m.row.clause_id}`,
              category: 'policy.match',
              dedupeKey: `policy:match:${m.row.enterprise_id}:${m.row.clause_id}:${userId}`,
            });
            if (r.created) result.notifications += 1;
          }
          result.notified += 1;
        } else {
          result.skipped += 1;
        }
      }
      await markMatchesNotified(
        trx,
        messages.map((m) => ({ enterpriseId: m.row.enterprise_id, clauseId: m.row.clause_id })),
      );
    });
    if (rows.length < BATCH) break;
  }
  return result;
}
