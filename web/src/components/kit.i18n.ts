/** Words of the shared kit (components/), merged into the app's dictionaries. `en-US` has exactly the same keys. */

export const kitZhCN = {
  'kit.table.empty': '暂无数据',
  'kit.review.approve': '通过',
  'kit.review.reject': '不通过',
  'kit.review.comment': '审核意见',
  'kit.review.reasonRequired': '不通过时须填写理由，申请人会看到它。',
  'kit.upload.pick': '选择文件',
  'kit.upload.hint': '支持 {types}，单个文件不超过 {size}。',
  'kit.upload.tooLarge': '“{name}”有 {size}，超过了 {max} 的上限。',
  'kit.upload.wrongType': '“{name}”不是可接受的类型（{types}）。',
  'kit.upload.failed': '“{name}”上传失败',
  'kit.upload.remove': '移除文件',
  'kit.importErrors.row': '行号',
  'kit.importErrors.column': '列',
  'kit.importErrors.rule': '规则',
  'kit.importErrors.message': '说明',
  'kit.importErrors.sample': '此处显示前 {shown} 条，共 {total} 条错误；完整列表请下载错误报告。',
} as const satisfies Record<string, string>;

export const kitEnUS: Record<keyof typeof kitZhCN, string> = {
  'kit.table.empty': 'Nothing here yet',
  'kit.review.approve': 'Approve',
  'kit.review.reject': 'Reject',
  'kit.review.comment': 'Review comment',
  'kit.review.reasonRequired': 'A rejection needs a reason; the applicant will read it.',
  'kit.upload.pick': 'Choose files',
  'kit.upload.hint': '{types}; at most {size} per file.',
  'kit.upload.tooLarge': '“{name}” is {size}, over the limit of {max}.',
  'kit.upload.wrongType': '“{name}” is not an accepted type ({types}).',
  'kit.upload.failed': 'Upload of “{name}” failed',
  'kit.upload.remove': 'Remove file',
  'kit.importErrors.row': 'Line',
  'kit.importErrors.column': 'Column',
  'kit.importErrors.rule': 'Rule',
  'kit.importErrors.message': 'Message',
  'kit.importErrors.sample':
    'The first {shown} of {total, plural, one {# error} other {# errors}}; download the error report for all of them.',
};
