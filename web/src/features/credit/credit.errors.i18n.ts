/**
 * Sentences for the credit module's problem codes (`errors.<CODE>`) and for the situations it names with
 * `params.reason` (`errors.<CODE>.<reason>`, also for kernel codes such as NOT_FOUND or VALIDATION_FAILED that
 * credit throws). `{name}` placeholders are filled from the problem's `params`; the server's English `detail` is
 * shown only when a key or a placeholder is missing. Loaded with the credit pages.
 */
import type { FeatureDictionary } from '../../app/i18n.ts';

const zh = {
  // Credit codes (server/modules/credit/*.errors.ts, docs/errors.md § Credit)
  'errors.CREDIT_USCC_INVALID': '统一社会信用代码“{uscc}”不合法。',
  'errors.CREDIT_USCC_INVALID.empty': '统一社会信用代码为空。',
  'errors.CREDIT_USCC_INVALID.length': '统一社会信用代码应为 18 位，“{uscc}”为 {length} 位。',
  'errors.CREDIT_USCC_INVALID.charset': '统一社会信用代码“{uscc}”含有不允许的字符（不使用 I、O、Z、S、V）。',
  'errors.CREDIT_USCC_INVALID.authority':
    '统一社会信用代码“{uscc}”的第 1 位登记管理部门代码未定义（应为 1–9、A、N 或 Y）。',
  'errors.CREDIT_USCC_INVALID.entity-type': '统一社会信用代码“{uscc}”的第 2 位机构类别代码不合法。',
  'errors.CREDIT_USCC_INVALID.division': '统一社会信用代码“{uscc}”的第 3–8 位行政区划码应为 6 位数字。',
  'errors.CREDIT_USCC_INVALID.org-check': '统一社会信用代码“{uscc}”的第 17 位（组织机构代码校验码）不正确。',
  'errors.CREDIT_USCC_INVALID.check': '统一社会信用代码“{uscc}”的第 18 位校验码与前 17 位不符。',
  'errors.CREDIT_LIST_UNKNOWN': '没有名单“{listCode}”。',
  'errors.CREDIT_LIST_ENTRY_EXITED': '该主体已移出名单。',
  'errors.CREDIT_REPAIR_TOO_EARLY': '最短公示期未满，自 {eligibleFrom} 起可申请信用修复。',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE': '该信息不适用信用修复。',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.not-published': '该信息未公示，无需修复。',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.ended-repaired': '该信息已修复，公示已停止。',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.ended-expired': '该信息公示期已届满，公示已自动停止。',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.revoked': '该信息已撤销。',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.no-minimum-period': '该信息没有最短公示期，不适用信用修复。',
  'errors.CREDIT_REPAIR_PENDING': '该信息已有待审核的修复申请。',
  'errors.CREDIT_REPAIR_ALREADY_REVIEWED': '该修复申请已审核。',
  'errors.CREDIT_COMMITMENT_EXCLUDED': '不适用告知承诺制：{messages}',
  'errors.CREDIT_COMMITMENT_ALREADY_VERIFIED': '该承诺已核查。',
  'errors.CREDIT_CATEGORY_NOT_CONFIGURED': '信用信息目录中没有“{categoryCode}”类别，无法记录违背承诺信息。',
  'errors.CREDIT_RULES_INVALID': '分类规则有 {count} 处错误：{problems}',
  'errors.CREDIT_CATEGORY_INACTIVE': '信用信息类别“{name}”已停用，不能录入。',
  'errors.CREDIT_IMPORT_UNREADABLE': '无法读取导入文件。',
  'errors.CREDIT_IMPORT_UNREADABLE.no-zip-directory': '文件不是有效的 XLSX（找不到 ZIP 目录）。',
  'errors.CREDIT_IMPORT_UNREADABLE.zip-directory-damaged': 'XLSX 的 ZIP 目录损坏。',
  'errors.CREDIT_IMPORT_UNREADABLE.not-a-workbook': 'ZIP 文件不是 XLSX 工作簿（缺少 xl/workbook.xml）。',
  'errors.CREDIT_IMPORT_UNREADABLE.empty': '文件为空。',
  'errors.CREDIT_IMPORT_UNREADABLE.unknown-format':
    '文件既不是 XLSX，也不是 UTF-8 或 GB18030 编码的 CSV 文本。',
  'errors.CREDIT_IMPORT_UNREADABLE.binary': '文件含有二进制控制字符，不是 CSV 文本。',
  'errors.CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED': 'XLSX 解压后过大，未打开。',
  'errors.CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED.zip64': 'XLSX 使用 ZIP64 格式（超大文件），不予打开。',
  'errors.CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED.entry-over-4gb': 'XLSX 中有声明超过 4 GB 的条目，不予打开。',
  'errors.CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED.declared-size':
    'XLSX 解压后声明大小 {declaredBytes} 字节，超过上限 {limitBytes} 字节，未打开。',
  'errors.CREDIT_IMPORT_NOT_FINISHED': '导入尚未完成，错误报告还没有生成。',

  // Kernel codes in credit's situations
  'errors.NOT_FOUND.enterprise': '没有这个市场主体：{enterpriseId}',
  'errors.NOT_FOUND.enterprise-uscc': '市场主体库中没有 {uscc}。',
  'errors.NOT_FOUND.commitment': '没有这项承诺：{id}',
  'errors.NOT_FOUND.credit-import': '没有找到该导入批次。',
  'errors.NOT_FOUND.credit-import-report': '该批次没有错误行，没有错误报告。',
  'errors.NOT_FOUND.credit-list-entry': '没有这个名单条目：{id}',
  'errors.NOT_FOUND.credit-list': '没有名单“{listCode}”。',
  'errors.NOT_FOUND.credit-category': '没有找到信用信息类别 {code}。',
  'errors.NOT_FOUND.credit-record': '没有找到该信用信息：{id}',
  'errors.NOT_FOUND.credit-repair': '没有这个修复申请：{id}',
  'errors.NOT_FOUND.own-sanctions': '只能查询本企业的信用惩戒情况。',
  'errors.NOT_FOUND.credit-entity': '没有统一社会信用代码为 {uscc} 的市场主体或信用信息。',
  'errors.FORBIDDEN.commitment-scope': '需要 credit.own（企业）或 credit.review（部门）权限。',
  'errors.FORBIDDEN.department-lists': '只有部门账号可以管理名单。',
  'errors.FORBIDDEN.no-department': '账号未绑定部门。',
  'errors.FORBIDDEN.department-repairs': '只有部门账号可以审核信用修复。',
  'errors.FORBIDDEN.sanction-check-scope': '需要 credit.read 或 credit.own 权限。',
  'errors.FORBIDDEN.enterprise-credit': '只有企业账号可以查看本企业信用信息。',
  'errors.VALIDATION_FAILED.commitment-uscc': '部门录入承诺须填写承诺主体的统一社会信用代码。',
  'errors.VALIDATION_FAILED.commitment-department': '请选择负责核查的部门。',
  'errors.VALIDATION_FAILED.verify-by-past': '核查日期 {verifyBy} 不能早于今天（{today}）。',
  'errors.VALIDATION_FAILED.broken-commitment-note': '认定违背承诺须说明理由。',
  'errors.VALIDATION_FAILED.list-exit-rule': '须给出移出规则：移出日期或移出条件。',
  'errors.VALIDATION_FAILED.list-exit-after-entry': '移出日期 {exitOn} 须晚于列入日期 {enteredOn}。',
  'errors.VALIDATION_FAILED.list-entity-name': '统一社会信用代码 {uscc} 不在市场主体库中，请填写主体名称。',
  'errors.VALIDATION_FAILED.list-exited-before-entry': '移出日期 {exitedOn} 不能早于列入日期 {enteredOn}。',
  'errors.VALIDATION_FAILED.credit-unknown-fields': '类别“{category}”没有字段 {fields}。',
  'errors.VALIDATION_FAILED.credit-record': '信用信息有 {count} 处校验未通过，请按提示修改。',
  'errors.VALIDATION_FAILED.credit-category-settings': '类别设置有 {count} 处错误：{problems}',
  'errors.VALIDATION_FAILED.repair-materials': '有 {count} 份证明材料不符合要求。',
  'errors.VALIDATION_FAILED.repair-reject-comment': '不予修复须说明理由。',
  'errors.VALIDATION_FAILED.sanction-check-subject': '请提供 uscc 或 enterpriseId。',
  'errors.VALIDATION_FAILED.measure-list': '名单“{listCode}”不在名单目录中。',
  'errors.VALIDATION_FAILED.measure-classes': '按信用分类触发的措施至少要选一个分类。',
  'errors.UNSUPPORTED_MEDIA_TYPE.multipart': '请以 multipart/form-data 上传，文件放在 file 字段。',
  'errors.PAYLOAD_TOO_LARGE.credit-import': '导入文件超过 {limitBytes} 字节。',
} as const satisfies Record<`errors.${string}`, string>;

const en: Record<keyof typeof zh, string> = {
  'errors.CREDIT_USCC_INVALID': 'The unified social credit code “{uscc}” is invalid.',
  'errors.CREDIT_USCC_INVALID.empty': 'The unified social credit code is empty.',
  'errors.CREDIT_USCC_INVALID.length':
    'A unified social credit code has 18 characters; “{uscc}” has {length, plural, one {# character} other {# characters}}.',
  'errors.CREDIT_USCC_INVALID.charset':
    'The unified social credit code “{uscc}” contains a character that is not allowed (I, O, Z, S and V are not used).',
  'errors.CREDIT_USCC_INVALID.authority':
    'The first character of “{uscc}” (registration authority) is not defined; it must be 1–9, A, N or Y.',
  'errors.CREDIT_USCC_INVALID.entity-type':
    'The second character of “{uscc}” (entity type) is not valid for its registration authority.',
  'errors.CREDIT_USCC_INVALID.division':
    'Characters 3–8 of “{uscc}” (administrative division) must be six digits.',
  'errors.CREDIT_USCC_INVALID.org-check':
    "Character 17 of “{uscc}” (the organisation code's check character) is wrong.",
  'errors.CREDIT_USCC_INVALID.check':
    'The check character (18th) of “{uscc}” does not match the first 17 characters.',
  'errors.CREDIT_LIST_UNKNOWN': 'There is no credit list “{listCode}”.',
  'errors.CREDIT_LIST_ENTRY_EXITED': 'This entry has already left the list.',
  'errors.CREDIT_REPAIR_TOO_EARLY':
    'The minimum publication period is not over; credit repair may be applied for from {eligibleFrom}.',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE': 'Credit repair does not apply to this record.',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.not-published':
    'This record is not published, so there is nothing to repair.',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.ended-repaired':
    'This record has already been repaired; its publication has ended.',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.ended-expired':
    'The publication period of this record is over; its publication ended automatically.',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.revoked': 'This record has been revoked.',
  'errors.CREDIT_REPAIR_NOT_APPLICABLE.no-minimum-period':
    'This record has no minimum publication period, so credit repair does not apply.',
  'errors.CREDIT_REPAIR_PENDING': 'A repair application for this record is already awaiting review.',
  'errors.CREDIT_REPAIR_ALREADY_REVIEWED': 'This repair application has already been reviewed.',
  'errors.CREDIT_COMMITMENT_EXCLUDED': 'Notification and commitment does not apply: {messages}',
  'errors.CREDIT_COMMITMENT_ALREADY_VERIFIED': 'This commitment has already been verified.',
  'errors.CREDIT_CATEGORY_NOT_CONFIGURED':
    'The credit catalogue has no category “{categoryCode}”, so a broken commitment cannot be recorded.',
  'errors.CREDIT_RULES_INVALID':
    'The classification rules have {count, plural, one {# problem} other {# problems}}: {problems}',
  'errors.CREDIT_CATEGORY_INACTIVE':
    'The credit category “{name}” is switched off; nothing can be entered into it.',
  'errors.CREDIT_IMPORT_UNREADABLE': 'The import file cannot be read.',
  'errors.CREDIT_IMPORT_UNREADABLE.no-zip-directory':
    'The file is not a valid XLSX file (no ZIP directory found).',
  'errors.CREDIT_IMPORT_UNREADABLE.zip-directory-damaged': 'The ZIP directory of the XLSX file is damaged.',
  'errors.CREDIT_IMPORT_UNREADABLE.not-a-workbook':
    'The ZIP file is not an XLSX workbook (xl/workbook.xml is missing).',
  'errors.CREDIT_IMPORT_UNREADABLE.empty': 'The file is empty.',
  'errors.CREDIT_IMPORT_UNREADABLE.unknown-format':
    'The file is neither XLSX nor CSV text encoded in UTF-8 or GB18030.',
  'errors.CREDIT_IMPORT_UNREADABLE.binary':
    'The file contains binary control characters; it is not CSV text.',
  'errors.CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED':
    'The XLSX file is too large once uncompressed; it was not opened.',
  'errors.CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED.zip64':
    'The XLSX file uses the ZIP64 format (very large files); it was not opened.',
  'errors.CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED.entry-over-4gb':
    'The XLSX file declares an entry larger than 4 GB; it was not opened.',
  'errors.CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED.declared-size':
    'The XLSX file declares {declaredBytes} bytes uncompressed, over the limit of {limitBytes} bytes; it was not opened.',
  'errors.CREDIT_IMPORT_NOT_FINISHED': 'The import is still running; its error report is not ready yet.',

  'errors.NOT_FOUND.enterprise': 'No such enterprise: {enterpriseId}',
  'errors.NOT_FOUND.enterprise-uscc': 'No registered enterprise has the code {uscc}.',
  'errors.NOT_FOUND.commitment': 'No such commitment: {id}',
  'errors.NOT_FOUND.credit-import': 'This import was not found.',
  'errors.NOT_FOUND.credit-import-report': 'This import had no bad rows, so there is no error report.',
  'errors.NOT_FOUND.credit-list-entry': 'No such list entry: {id}',
  'errors.NOT_FOUND.credit-list': 'There is no credit list “{listCode}”.',
  'errors.NOT_FOUND.credit-category': 'No credit category {code} was found.',
  'errors.NOT_FOUND.credit-record': 'This credit record was not found: {id}',
  'errors.NOT_FOUND.credit-repair': 'No such repair application: {id}',
  'errors.NOT_FOUND.own-sanctions': 'An enterprise can only check its own credit sanctions.',
  'errors.NOT_FOUND.credit-entity': 'No enterprise or credit information has the code {uscc}.',
  'errors.FORBIDDEN.commitment-scope':
    'This needs the credit.own (enterprise) or credit.review (department) permission.',
  'errors.FORBIDDEN.department-lists': 'Only department accounts can manage credit lists.',
  'errors.FORBIDDEN.no-department': 'Your account is not assigned to a department.',
  'errors.FORBIDDEN.department-repairs': 'Only department accounts can review credit repairs.',
  'errors.FORBIDDEN.sanction-check-scope': 'This needs the credit.read or credit.own permission.',
  'errors.FORBIDDEN.enterprise-credit': 'Only enterprise accounts can see their own credit information.',
  'errors.VALIDATION_FAILED.commitment-uscc':
    "A commitment entered by a department needs the committing party's unified social credit code.",
  'errors.VALIDATION_FAILED.commitment-department': 'Choose the department that will verify the commitment.',
  'errors.VALIDATION_FAILED.verify-by-past':
    'The verification date {verifyBy} cannot be before today ({today}).',
  'errors.VALIDATION_FAILED.broken-commitment-note': 'Finding a commitment broken needs a reason.',
  'errors.VALIDATION_FAILED.list-exit-rule': 'Give an exit rule: an exit date or an exit condition.',
  'errors.VALIDATION_FAILED.list-exit-after-entry':
    'The exit date {exitOn} must be after the entry date {enteredOn}.',
  'errors.VALIDATION_FAILED.list-entity-name':
    'The code {uscc} is not a registered enterprise; please give the name of the entity.',
  'errors.VALIDATION_FAILED.list-exited-before-entry':
    'The exit date {exitedOn} cannot be before the entry date {enteredOn}.',
  'errors.VALIDATION_FAILED.credit-unknown-fields': 'The category “{category}” has no field {fields}.',
  'errors.VALIDATION_FAILED.credit-record':
    'The record failed {count, plural, one {# check} other {# checks}}; please correct it as shown.',
  'errors.VALIDATION_FAILED.credit-category-settings':
    'The category settings have {count, plural, one {# problem} other {# problems}}: {problems}',
  'errors.VALIDATION_FAILED.repair-materials':
    '{count, plural, one {# supporting document does} other {# supporting documents do}} not meet the requirements.',
  'errors.VALIDATION_FAILED.repair-reject-comment': 'Rejecting a repair needs a reason.',
  'errors.VALIDATION_FAILED.sanction-check-subject': 'Give either uscc or enterpriseId.',
  'errors.VALIDATION_FAILED.measure-list': 'The list “{listCode}” is not in the list catalogue.',
  'errors.VALIDATION_FAILED.measure-classes': 'A measure triggered by credit class needs at least one class.',
  'errors.UNSUPPORTED_MEDIA_TYPE.multipart':
    'Upload as multipart/form-data, with the file in the “file” field.',
  'errors.PAYLOAD_TOO_LARGE.credit-import': 'The import file is larger than {limitBytes} bytes.',
};

export const creditErrorWords: FeatureDictionary<keyof typeof zh> = { 'zh-CN': zh, 'en-US': en };
