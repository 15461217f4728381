/**
 * Sentences for the services module's problem codes (docs/errors-services.md): `errors.<CODE>` and, where the
 * server names the situation in `params.reason`, `errors.<CODE>.<reason>` — including kernel codes (NOT_FOUND,
 * VALIDATION_FAILED, …) in situations of this module. `{name}` placeholders are filled from the problem's `params`.
 */
import type { FeatureDictionary } from '../../app/i18n.ts';

const zh = {
  'errors.SERVICES_TASK_STATE': '当前状态“{status}”不能执行“{action}”。',
  'errors.SERVICES_TASK_NOT_CLAIMER': '该任务已由其他工作人员认领，只有认领人可以办理。',
  'errors.SERVICES_APPLICATION_CLOSED': '办件已结束，不能再办理。',
  'errors.SERVICES_SUPPLEMENT_ANSWERED': '该补正要求已答复。',
  'errors.SERVICES_NOTICE_CLOSED': '公示期已结束，不再受理异议。',
  'errors.SERVICES_CREDIT_BLOCKED': '受信用惩戒措施限制，不能申请：{measures}',
  'errors.SERVICES_PROMISE_REFUSED': '不适用告知承诺：{measures}',
  'errors.SERVICES_BUNDLE_INACTIVE': '“{name}”暂未开放申请。',
  'errors.SERVICES_ENTERPRISE_REQUIRED': '简易注销须由企业账号申请。',
  'errors.SERVICES_BUNDLE_INVALID': '“一件事”配置有 {count} 处错误，请按提示修改。',
  'errors.SERVICES_ITEM_INVALID': '事项配置有误，请按提示修改。',
  'errors.SERVICES_ITEM_INVALID.department-unknown': '请选择部门登记库中的部门。',
  'errors.SERVICES_ITEM_INVALID.definition': '事项配置有 {count} 处错误，请按提示修改。',
  'errors.SERVICES_CODE_TAKEN': '该代码已存在。',
  'errors.SERVICES_CODE_TAKEN.item': '事项代码 {code} 已存在。',
  'errors.SERVICES_CODE_TAKEN.bundle': '套餐代码 {code} 已存在。',
  'errors.NOT_FOUND.services-application': '没有找到这个办件，它可能已被删除，或您无权查看。',
  'errors.NOT_FOUND.services-application-task': '办件中没有这个任务：{key}。',
  'errors.NOT_FOUND.services-supplement': '没有这项补正要求。',
  'errors.NOT_FOUND.services-task': '没有找到这个办件任务，它可能已被删除，或您无权办理。',
  'errors.NOT_FOUND.services-notice': '没有这条注销公示。',
  'errors.NOT_FOUND.services-item': '没有这个政务服务事项：{code}。',
  'errors.NOT_FOUND.services-bundle': '没有这个“一件事”套餐：{code}。',
  'errors.FORBIDDEN.services-department-only': '办件任务只对部门工作人员开放。',
  'errors.VALIDATION_FAILED.services-material-unknown': '不认识的材料：{material}。',
  'errors.VALIDATION_FAILED.services-idempotency-key-required':
    '提交申请须带 Idempotency-Key 请求头，请刷新页面后重新提交。',
  'errors.VALIDATION_FAILED.services-code-mismatch': '请求体中的代码 {bodyCode} 与路径中的 {code} 不一致。',
} as const;

const en: Record<keyof typeof zh, string> = {
  'errors.SERVICES_TASK_STATE': 'A task in status “{status}” does not allow “{action}”.',
  'errors.SERVICES_TASK_NOT_CLAIMER':
    'Another officer has claimed this task; only the officer who claimed it can act on it.',
  'errors.SERVICES_APPLICATION_CLOSED': 'The application is already finished and can no longer be acted on.',
  'errors.SERVICES_SUPPLEMENT_ANSWERED': 'This supplement request has already been answered.',
  'errors.SERVICES_NOTICE_CLOSED': 'The notice period is over; no more objections are taken.',
  'errors.SERVICES_CREDIT_BLOCKED': 'A credit sanction prevents this application: {measures}',
  'errors.SERVICES_PROMISE_REFUSED': 'The notify-and-promise procedure is not available: {measures}',
  'errors.SERVICES_BUNDLE_INACTIVE': '“{name}” is not open for applications yet.',
  'errors.SERVICES_ENTERPRISE_REQUIRED':
    'Simple deregistration must be applied for with an enterprise account.',
  'errors.SERVICES_BUNDLE_INVALID':
    'The bundle definition has {count, plural, one {# error} other {# errors}}; correct it as shown.',
  'errors.SERVICES_ITEM_INVALID': 'The service item definition is invalid; correct it as shown.',
  'errors.SERVICES_ITEM_INVALID.department-unknown': 'Choose a department from the department register.',
  'errors.SERVICES_ITEM_INVALID.definition':
    'The service item definition has {count, plural, one {# error} other {# errors}}; correct it as shown.',
  'errors.SERVICES_CODE_TAKEN': 'This code is already in use.',
  'errors.SERVICES_CODE_TAKEN.item': 'The service item code {code} is already in use.',
  'errors.SERVICES_CODE_TAKEN.bundle': 'The bundle code {code} is already in use.',
  'errors.NOT_FOUND.services-application':
    'This application was not found. It may have been deleted, or you may not be allowed to see it.',
  'errors.NOT_FOUND.services-application-task': 'The application has no task {key}.',
  'errors.NOT_FOUND.services-supplement': 'This supplement request was not found.',
  'errors.NOT_FOUND.services-task':
    'This application task was not found. It may have been deleted, or you may not be allowed to act on it.',
  'errors.NOT_FOUND.services-notice': 'This deregistration notice was not found.',
  'errors.NOT_FOUND.services-item': 'There is no service item {code}.',
  'errors.NOT_FOUND.services-bundle': 'There is no bundle {code}.',
  'errors.FORBIDDEN.services-department-only': 'Application tasks are open to department officers only.',
  'errors.VALIDATION_FAILED.services-material-unknown': 'Unknown material: {material}.',
  'errors.VALIDATION_FAILED.services-idempotency-key-required':
    'Submitting an application needs an Idempotency-Key header; reload the page and submit again.',
  'errors.VALIDATION_FAILED.services-code-mismatch':
    'The code {bodyCode} in the body differs from the code {code} in the path.',
};

export const servicesErrorWords: FeatureDictionary<keyof typeof zh> = { 'zh-CN': zh, 'en-US': en };
