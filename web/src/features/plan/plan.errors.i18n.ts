/**
 * Sentences for the action plan's problem codes (docs/errors.md, "Action plan"): `errors.<CODE>` and, where the
 * server names the situation in `params.reason`, `errors.<CODE>.<reason>` — including kernel codes (NOT_FOUND,
 * VALIDATION_FAILED, …) in situations of this module. `{name}` placeholders are filled from the problem's `params`.
 */
import type { FeatureDictionary } from '../../app/i18n.ts';

const zh = {
  'errors.PLAN_TEXT_INVALID': '无法识别方案文本，请按提示修改后再导入。',
  'errors.PLAN_TEXT_INVALID.format': '无法识别方案文本（{count} 处问题），请按提示修改后再导入。',
  'errors.PLAN_TEXT_INVALID.not-utf8':
    '文件不是 UTF-8 编码的文本（可能是 GBK/GB18030 或 Word/PDF 文件），请另存为 UTF-8 纯文本后再导入。',
  'errors.PLAN_TEXT_INVALID.control-characters': '文本中含有控制字符，不像是方案文本。',
  'errors.PLAN_TEXT_INVALID.empty': '方案文本是空的。',
  'errors.PLAN_NOT_LOADED': '尚未导入行动方案。',
  'errors.KPI_CODE_TAKEN': '指标代码 {code} 已存在。',
  'errors.TYPICAL_CASE_ALREADY_REVIEWED': '该案例已审核，不能再次审核。',
  'errors.TYPICAL_CASE_ALREADY_REVIEWED.published': '该案例已审核（已发布）。',
  'errors.TYPICAL_CASE_ALREADY_REVIEWED.rejected': '该案例已审核（未采用）。',
  'errors.PLAN_REPORT_PERIOD_CLOSED': '只能报送本期（{current}）或上一期（{previous}）的进展。',
  'errors.PLAN_MILESTONE_NOT_COMPLETABLE': '所列节点须为本部门在该措施下尚未完成的节点。',
  'errors.PLAN_EVIDENCE_REJECTED': '佐证材料须为本人上传、尚未用于其他事项的文档或图片，且合计不超过 50 MB。',
  'errors.PLAN_MILESTONE_OWNER_NOT_UNIT': '部门 {code} 不是该措施的牵头或责任单位。',
  'errors.PLAN_MILESTONE_COMPLETED': '该节点已完成，不能再修改或删除。',
  'errors.NOT_FOUND.plan': '尚未导入行动方案。',
  'errors.NOT_FOUND.plan-measure': '没有找到第 {no} 项措施。',
  'errors.NOT_FOUND.plan-account-department': '该账号不属于任何部门。',
  'errors.NOT_FOUND.plan-kpi': '没有指标 {code}。',
  'errors.NOT_FOUND.plan-typical-case': '没有找到这个典型案例，它可能已被删除，或您无权查看。',
  'errors.NOT_FOUND.plan-milestone': '没有找到该节点。',
  'errors.FORBIDDEN.plan-case-department-only': '只有部门账号可以报送典型案例。',
  'errors.VALIDATION_FAILED.plan-measure-unknown': '方案中没有第 {measureNo} 条措施。',
  'errors.VALIDATION_FAILED.plan-code-required': '还没有任何方案，请给出方案代码。',
  'errors.VALIDATION_FAILED.plan-code-pattern':
    '方案代码 {code} 无效：只能用小写字母、数字和连字符（3–64 个字符）。',
  'errors.VALIDATION_FAILED.plan-milestone-due-before-calendar': '截止日期不能早于 {firstYear} 年。',
  'errors.VALIDATION_FAILED.plan-unexpected-file': '不认识的文件字段 {field}。',
  'errors.VALIDATION_FAILED.plan-one-file': '每次只能导入一个文件。',
  'errors.VALIDATION_FAILED.plan-file-not-text': 'file 字段应是文件，而不是文本。',
  'errors.VALIDATION_FAILED.plan-unexpected-field': '不认识的字段 {field}。',
  'errors.VALIDATION_FAILED.plan-code-repeated': 'code 字段重复。',
  'errors.VALIDATION_FAILED.plan-file-missing': '缺少文件（file 字段）。',
  'errors.PAYLOAD_TOO_LARGE.plan-text': '方案文本不能超过 {limitMb} MB。',
  'errors.UNSUPPORTED_MEDIA_TYPE.plan-import':
    '请以 JSON 正文（text 字段）或上传文件（file 字段）提交方案文本。',
} as const;

const en: Record<keyof typeof zh, string> = {
  'errors.PLAN_TEXT_INVALID': 'The plan text could not be read; correct it as shown and import it again.',
  'errors.PLAN_TEXT_INVALID.format':
    'The plan text could not be read ({count, plural, one {# problem} other {# problems}}); correct it as shown and import it again.',
  'errors.PLAN_TEXT_INVALID.not-utf8':
    'The file is not UTF-8 text (perhaps GBK/GB18030, or a Word or PDF file); save it as UTF-8 plain text and import it again.',
  'errors.PLAN_TEXT_INVALID.control-characters':
    'The text contains control characters; it does not look like a plan.',
  'errors.PLAN_TEXT_INVALID.empty': 'The plan text is empty.',
  'errors.PLAN_NOT_LOADED': 'No action plan has been imported yet.',
  'errors.KPI_CODE_TAKEN': 'The KPI code {code} is already in use.',
  'errors.TYPICAL_CASE_ALREADY_REVIEWED': 'This case has already been reviewed.',
  'errors.TYPICAL_CASE_ALREADY_REVIEWED.published': 'This case has already been reviewed (published).',
  'errors.TYPICAL_CASE_ALREADY_REVIEWED.rejected': 'This case has already been reviewed (not adopted).',
  'errors.PLAN_REPORT_PERIOD_CLOSED':
    'Progress can only be reported for the current period ({current}) or the previous one ({previous}).',
  'errors.PLAN_MILESTONE_NOT_COMPLETABLE':
    'Only open milestones of this measure owned by your department can be completed.',
  'errors.PLAN_EVIDENCE_REJECTED':
    'Evidence must be documents or images you uploaded, not yet used elsewhere, 50 MB in total at most.',
  'errors.PLAN_MILESTONE_OWNER_NOT_UNIT':
    'Department {code} is not a lead or responsible unit of this measure.',
  'errors.PLAN_MILESTONE_COMPLETED': 'This milestone is completed and can no longer be changed or deleted.',
  'errors.NOT_FOUND.plan': 'No action plan has been imported yet.',
  'errors.NOT_FOUND.plan-measure': 'Measure {no} was not found.',
  'errors.NOT_FOUND.plan-account-department': 'This account does not belong to any department.',
  'errors.NOT_FOUND.plan-kpi': 'There is no KPI {code}.',
  'errors.NOT_FOUND.plan-typical-case':
    'This typical case was not found. It may have been deleted, or you may not be allowed to see it.',
  'errors.NOT_FOUND.plan-milestone': 'This milestone was not found.',
  'errors.FORBIDDEN.plan-case-department-only': 'Only department accounts can submit typical cases.',
  'errors.VALIDATION_FAILED.plan-measure-unknown': 'The plan has no measure {measureNo}.',
  'errors.VALIDATION_FAILED.plan-code-required': 'There is no plan yet; give a plan code.',
  'errors.VALIDATION_FAILED.plan-code-pattern':
    'The plan code {code} is invalid: use 3–64 lower-case letters, digits and hyphens.',
  'errors.VALIDATION_FAILED.plan-milestone-due-before-calendar': 'The due date cannot be before {firstYear}.',
  'errors.VALIDATION_FAILED.plan-unexpected-file': 'Unknown file field {field}.',
  'errors.VALIDATION_FAILED.plan-one-file': 'Import one file at a time.',
  'errors.VALIDATION_FAILED.plan-file-not-text': 'The file field must be a file, not text.',
  'errors.VALIDATION_FAILED.plan-unexpected-field': 'Unknown field {field}.',
  'errors.VALIDATION_FAILED.plan-code-repeated': 'The code field is given more than once.',
  'errors.VALIDATION_FAILED.plan-file-missing': 'The file is missing (file field).',
  'errors.PAYLOAD_TOO_LARGE.plan-text': 'The plan text must not exceed {limitMb} MB.',
  'errors.UNSUPPORTED_MEDIA_TYPE.plan-import':
    'Send the plan text as a JSON body (text field) or as an uploaded file (file field).',
};

export const planErrorWords: FeatureDictionary<keyof typeof zh> = { 'zh-CN': zh, 'en-US': en };
