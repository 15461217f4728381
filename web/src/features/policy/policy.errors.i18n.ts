/**
 * Sentences for the policy module's problem codes (`errors.<CODE>[.<reason>]`), filled from the problem's
 * `params`; the server's codes and params are listed in docs/errors-policy.md. Generic codes the policy module
 * raises with a policy-specific `reason` (NOT_FOUND.clause …) are here too.
 */
import type { FeatureDictionary } from '../../app/i18n.ts';

const zh = {
  'errors.POLICY_RULE_INVALID': '资格规则或补贴公式有误（{count} 处），请按提示修改：{fields}。',
  'errors.POLICY_FACT_UNKNOWN': '以下 {count} 个事实不在事实目录中：{facts}。',
  'errors.POLICY_FACT_TYPE': '以下 {count} 个事实的取值类型不正确：{facts}。',
  'errors.POLICY_FACT_NOT_DECLARABLE': '以下 {count} 个事实由平台核定，不能自行申报：{facts}。',
  'errors.POLICY_TOPIC_UNKNOWN': '未知的政策主题（{count} 个）：{topics}。',
  'errors.POLICY_CODE_TAKEN': '政策编号 {code} 已被使用。',
  'errors.POLICY_NOT_DRAFT': '该操作只适用于草稿政策。',
  'errors.POLICY_NOT_DRAFT.delete-clause': '只能删除草稿政策的条款；已发布的政策请修改或废止。',
  'errors.POLICY_WITHDRAWN': '政策已废止。',
  'errors.POLICY_WITHDRAWN.add-clause': '政策已废止，不能再增加条款。',
  'errors.POLICY_WITHDRAWN.change-clause': '政策已废止，不能再修改条款。',
  'errors.POLICY_NO_CLAUSES': '政策没有条款，或有条款没有测试用例，不能发布。',
  'errors.POLICY_NO_CLAUSES.no-clause': '政策没有条款，不能发布。',
  'errors.POLICY_NO_CLAUSES.untested': '{count} 个条款没有测试用例（条款 {clauseNos}），不能发布。',
  'errors.POLICY_TESTS_FAILING': '{count} 个测试用例未通过：{cases}。',
  'errors.POLICY_CLAUSE_NOT_AUTO': '只有“免申即享”条款可以生成兑现名单。',
  'errors.POLICY_NOT_PUBLISHED': '政策尚未发布。',
  'errors.POLICY_NOT_PUBLISHED.withdraw': '只有已发布的政策可以废止。',
  'errors.POLICY_NOT_PUBLISHED.grant-list': '政策尚未发布，不能生成兑现名单。',
  'errors.POLICY_GRANT_LIST_EMPTY': '该条款没有尚未列入名单的匹配企业。',
  'errors.POLICY_GRANT_LIST_BUILDING': '名单仍在生成（信用核查中），请稍后再审核。',
  'errors.POLICY_GRANT_LIST_APPROVED': '该名单已审核通过。',
  'errors.POLICY_GRANT_NOT_CONFIRMABLE': '这项免申即享暂不能确认。',
  'errors.POLICY_GRANT_NOT_CONFIRMABLE.list-not-approved': '兑现名单尚未审核通过，暂不能确认。',
  'errors.POLICY_GRANT_NOT_CONFIRMABLE.excluded': '该企业未列入兑现名单：{exclusion}',
  'errors.POLICY_GRANT_NOT_CONFIRMED': '企业尚未确认，不能登记兑付。',
  'errors.POLICY_GRANT_DISBURSED': '该项已登记兑付。',
  'errors.POLICY_NO_ENTERPRISE': '该账号未绑定企业。',
  'errors.POLICY_FACTS_REJECTED': '事实数据有误（{count} 处）：{fields}。',
  'errors.NOT_FOUND.policy': '没有这项政策：{id}',
  'errors.NOT_FOUND.clause': '没有这个条款：{id}',
  'errors.NOT_FOUND.grant-list': '没有这份兑现名单：{id}',
  'errors.NOT_FOUND.grant': '没有这项免申即享：{id}',
  'errors.NOT_FOUND.enterprise': '没有这个企业：{id}',
  'errors.FORBIDDEN.not-department': '只有部门账号可以办理此事项。',
  'errors.CONFLICT.clause-no': '条款序号 {no} 已存在。',
  'errors.VALIDATION_FAILED.effective-dates': '失效日期 {effectiveTo} 不能早于生效日期 {effectiveFrom}。',
};

const en: Record<keyof typeof zh, string> = {
  'errors.POLICY_RULE_INVALID':
    'The eligibility rule or benefit formula has {count, plural, one {# problem} other {# problems}}; please correct it as shown: {fields}.',
  'errors.POLICY_FACT_UNKNOWN':
    '{count, plural, one {This fact is} other {These facts are}} not in the fact catalogue: {facts}.',
  'errors.POLICY_FACT_TYPE':
    '{count, plural, one {This fact has} other {These facts have}} a value of the wrong type: {facts}.',
  'errors.POLICY_FACT_NOT_DECLARABLE':
    '{count, plural, one {This fact is} other {These facts are}} set by the platform and cannot be declared: {facts}.',
  'errors.POLICY_TOPIC_UNKNOWN': 'Unknown policy {count, plural, one {topic} other {topics}}: {topics}.',
  'errors.POLICY_CODE_TAKEN': 'The policy code {code} is already in use.',
  'errors.POLICY_NOT_DRAFT': 'This is possible only for a draft policy.',
  'errors.POLICY_NOT_DRAFT.delete-clause':
    'Only clauses of a draft policy can be deleted; change or withdraw a published policy instead.',
  'errors.POLICY_WITHDRAWN': 'The policy has been withdrawn.',
  'errors.POLICY_WITHDRAWN.add-clause': 'The policy has been withdrawn; no clause can be added.',
  'errors.POLICY_WITHDRAWN.change-clause': 'The policy has been withdrawn; its clauses cannot be changed.',
  'errors.POLICY_NO_CLAUSES':
    'The policy has no clause, or a clause has no test case; it cannot be published.',
  'errors.POLICY_NO_CLAUSES.no-clause': 'The policy has no clause; it cannot be published.',
  'errors.POLICY_NO_CLAUSES.untested':
    'No test case for {count, plural, one {clause} other {clauses}} {clauseNos}; the policy cannot be published.',
  'errors.POLICY_TESTS_FAILING':
    '{count, plural, one {# test case fails} other {# test cases fail}}: {cases}.',
  'errors.POLICY_CLAUSE_NOT_AUTO': 'Only a clause granted without application can produce a grant list.',
  'errors.POLICY_NOT_PUBLISHED': 'The policy is not published.',
  'errors.POLICY_NOT_PUBLISHED.withdraw': 'Only a published policy can be withdrawn.',
  'errors.POLICY_NOT_PUBLISHED.grant-list': 'The policy is not published; no grant list can be built.',
  'errors.POLICY_GRANT_LIST_EMPTY':
    'The clause has no matching enterprise that is not already in one of its grant lists.',
  'errors.POLICY_GRANT_LIST_BUILDING':
    'The grant list is still being built (credit checks); please approve it a little later.',
  'errors.POLICY_GRANT_LIST_APPROVED': 'The grant list has already been approved.',
  'errors.POLICY_GRANT_NOT_CONFIRMABLE': 'This grant cannot be confirmed yet.',
  'errors.POLICY_GRANT_NOT_CONFIRMABLE.list-not-approved':
    'The grant list has not been approved yet; the grant cannot be confirmed.',
  'errors.POLICY_GRANT_NOT_CONFIRMABLE.excluded':
    'The enterprise was excluded from the grant list: {exclusion}',
  'errors.POLICY_GRANT_NOT_CONFIRMED':
    'The enterprise has not confirmed the grant yet; the disbursement cannot be recorded.',
  'errors.POLICY_GRANT_DISBURSED': 'The disbursement of this grant has already been recorded.',
  'errors.POLICY_NO_ENTERPRISE': 'The account is not bound to an enterprise.',
  'errors.POLICY_FACTS_REJECTED':
    'The fact values were rejected ({count, plural, one {# problem} other {# problems}}): {fields}.',
  'errors.NOT_FOUND.policy': 'No such policy: {id}',
  'errors.NOT_FOUND.clause': 'No such clause: {id}',
  'errors.NOT_FOUND.grant-list': 'No such grant list: {id}',
  'errors.NOT_FOUND.grant': 'No such grant: {id}',
  'errors.NOT_FOUND.enterprise': 'No such enterprise: {id}',
  'errors.FORBIDDEN.not-department': 'Only department accounts can do this.',
  'errors.CONFLICT.clause-no': 'Clause number {no} already exists.',
  'errors.VALIDATION_FAILED.effective-dates':
    'The end date {effectiveTo} must not be before the start date {effectiveFrom}.',
};

export const policyErrorWords: FeatureDictionary = { 'zh-CN': zh, 'en-US': en };
