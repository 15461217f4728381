/**
 * Sentences for problem+json codes: `ErrorAlert` shows `errors.<CODE>` filled from the problem's `params` (and its
 * scalar extension members) when the key exists, else the server's `detail`. A module adds its codes here or in its
 * own dictionary file, as `errors.<CODE>` in both languages. A sentence whose placeholders the problem does not
 * fill is not used (the `detail` is shown instead), so a key never shows a raw `{name}`.
 */

export const errorsZhCN = {
  'errors.VALIDATION_FAILED': '提交的内容不符合要求，请按提示修改。',
  'errors.UNAUTHENTICATED': '登录已失效，请重新登录。',
  'errors.FORBIDDEN': '您的账号没有执行此操作的权限。',
  'errors.NOT_FOUND': '没有找到相应内容，它可能已被删除，或您无权查看。',
  'errors.CONFLICT': '操作与当前状态冲突，请刷新后再试。',
  'errors.IDEMPOTENCY_KEY_REUSED': '这次提交与之前的一次提交冲突，请刷新页面后重新提交。',
  'errors.PAYLOAD_TOO_LARGE': '提交的内容或文件太大。',
  'errors.UNSUPPORTED_MEDIA_TYPE': '不支持这种文件类型。',
  'errors.RATE_LIMITED': '操作过于频繁，请稍后再试。',
  'errors.INVALID_CREDENTIALS': '用户名或密码错误。',
  'errors.ACCOUNT_LOCKED': '登录失败次数过多，账号已暂时锁定。',
  'errors.ACCOUNT_DISABLED': '该账号已被停用，请联系管理员。',
  'errors.CALENDAR_YEAR_NOT_LOADED': '{year} 年的节假日安排尚未载入，无法计算工作日。',
} as const satisfies Record<`errors.${string}`, string>;

export const errorsEnUS: Record<keyof typeof errorsZhCN, string> = {
  'errors.VALIDATION_FAILED': 'Some of the input does not meet the rules; please correct it as shown.',
  'errors.UNAUTHENTICATED': 'Your session has ended; please sign in again.',
  'errors.FORBIDDEN': 'Your account does not have permission to do this.',
  'errors.NOT_FOUND':
    'Nothing was found here. It may have been deleted, or you may not be allowed to see it.',
  'errors.CONFLICT': 'This conflicts with the current state; refresh and try again.',
  'errors.IDEMPOTENCY_KEY_REUSED':
    'This submission clashes with an earlier one; reload the page and submit again.',
  'errors.PAYLOAD_TOO_LARGE': 'The content or file is too large.',
  'errors.UNSUPPORTED_MEDIA_TYPE': 'This type of file is not accepted.',
  'errors.RATE_LIMITED': 'Too many requests; please wait a moment and try again.',
  'errors.INVALID_CREDENTIALS': 'Wrong username or password.',
  'errors.ACCOUNT_LOCKED': 'Too many failed sign-ins; the account is locked for a while.',
  'errors.ACCOUNT_DISABLED': 'This account has been disabled; contact the administrator.',
  'errors.CALENDAR_YEAR_NOT_LOADED':
    'The holiday schedule for {year} has not been loaded, so working days cannot be counted.',
};

/**
 * Sentences for a field violation's rule (`rules.<rule>`, Ajv keywords and the server's own rules), filled from the
 * violation's `params`; the server's English `message` is shown when the rule has no sentence here.
 */
export const rulesZhCN = {
  'rules.required': '必填。',
  'rules.minLength': '至少 {limit} 个字符。',
  'rules.maxLength': '最多 {limit} 个字符。',
  'rules.pattern': '格式不正确。',
  'rules.format': '格式不正确（应为 {format}）。',
  'rules.minimum': '不能小于 {limit}。',
  'rules.maximum': '不能大于 {limit}。',
  'rules.exclusiveMinimum': '必须大于 {limit}。',
  'rules.exclusiveMaximum': '必须小于 {limit}。',
  'rules.minItems': '至少 {limit} 项。',
  'rules.maxItems': '最多 {limit} 项。',
  'rules.type': '类型不正确（应为 {type}）。',
  'rules.enum': '不是可选的值。',
  'rules.const': '不是允许的值。',
  'rules.additionalProperties': '不认识这个字段。',
} as const satisfies Record<`rules.${string}`, string>;

export const rulesEnUS: Record<keyof typeof rulesZhCN, string> = {
  'rules.required': 'Required.',
  'rules.minLength': 'At least {limit, plural, one {# character} other {# characters}}.',
  'rules.maxLength': 'At most {limit, plural, one {# character} other {# characters}}.',
  'rules.pattern': 'Not in the expected format.',
  'rules.format': 'Not a valid {format}.',
  'rules.minimum': 'Must be at least {limit}.',
  'rules.maximum': 'Must be at most {limit}.',
  'rules.exclusiveMinimum': 'Must be more than {limit}.',
  'rules.exclusiveMaximum': 'Must be less than {limit}.',
  'rules.minItems': 'At least {limit, plural, one {# item} other {# items}}.',
  'rules.maxItems': 'At most {limit, plural, one {# item} other {# items}}.',
  'rules.type': 'Wrong type (expected {type}).',
  'rules.enum': 'Not one of the allowed values.',
  'rules.const': 'Not the allowed value.',
  'rules.additionalProperties': 'Unknown field.',
};
