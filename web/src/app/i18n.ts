/**
 * Every user-facing string, in both languages. `zh-CN` is the reference: `en-US` must have exactly the same keys
 * (the type below makes a missing or extra key a compile error). The app's own words are here; a feature's words
 * live in its folder (`features/<f>/<f>.i18n.ts`, a `FeatureDictionary`) and load with the feature's pages
 * (`lazyPage(…, { dictionaries: [...] })`); their keys are part of `MessageKey` through type-only imports. `{name}` placeholders are filled by `t(key, vars)`;
 * `{count, plural, one {# day} other {# days}}` picks a form by the language's plural rules (`#` is the number).
 */
import { createContext, useCallback, useContext } from 'react';
import { a11yEnUS, a11yZhCN } from './i18n-a11y.ts';
import { creditNavEnUS, creditNavZhCN } from '../features/credit/credit.nav-words.ts';
import type { CreditKey } from '../features/credit/credit.i18n.ts';
import { errorsEnUS, errorsZhCN, rulesEnUS, rulesZhCN } from './i18n-errors.ts';
import { kitEnUS, kitZhCN } from '../components/kit.i18n.ts';
import { planNavEnUS, planNavZhCN } from '../features/plan/plan.nav-words.ts';
import type { PlanMessageKey } from '../features/plan/plan.i18n.ts';
import { policyNavEnUS, policyNavZhCN } from '../features/policy/policy.nav-words.ts';
import type { PolicyMessageKey } from '../features/policy/policy.i18n.ts';
import { servicesNavEnUS, servicesNavZhCN } from '../features/services/services.nav-words.ts';
import type { servicesZhCN } from '../features/services/services.i18n.ts';

export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'yingshang.locale';

const zhCN = {
  'app.name': '营商',
  'app.fullName': '营商 · 相城区优化营商环境平台',
  'app.subtitle': '相城区优化营商环境平台',
  'app.tagline': '把《相城区优化营商环境创新行动2022》落到可用的软件里',

  'lang.label': '语言',
  'lang.zh-CN': '简体中文',
  'lang.en-US': 'English',

  'common.loading': '正在加载…',
  'common.retry': '重试',
  'common.reload': '刷新',
  'common.save': '保存',
  'common.cancel': '取消',
  'common.search': '搜索',
  'common.reset': '重置',
  'common.add': '添加',
  'common.remove': '删除',
  'common.yes': '是',
  'common.no': '否',
  'common.none': '无',
  'common.actions': '操作',
  'common.details': '详情',
  'common.back': '返回',
  'common.total': '共 {total} 条',
  'common.notYetAvailable': '建设中',
  'common.notYetAvailableText': '“{feature}”尚在建设中，暂不可用。这里不会显示任何模拟数据。',
  'common.open': '打开',
  'common.all': '全部',
  'common.never': '从未',
  'common.labelValue': '{label}：{value}',

  'error.title': '出错了',
  'error.network': '无法连接服务器，请检查网络后重试。',
  'error.status.400': '提交的内容有误',
  'error.status.401': '登录已失效，请重新登录',
  'error.status.403': '没有权限执行此操作',
  'error.status.404': '没有找到相应内容',
  'error.status.409': '操作与当前状态冲突',
  'error.status.422': '请求无法处理',
  'error.status.423': '账号已锁定',
  'error.status.429': '操作过于频繁，请稍后再试',
  'error.status.5xx': '服务器出现问题，请稍后再试',
  'error.fieldErrors': '需要修改的地方：',
  'error.unknown': '发生了未知错误。',

  'nav.home': '首页',
  'nav.calendar': '工作日历',
  'nav.uscc': '信用代码校验',
  'nav.enterprises': '市场主体',
  'nav.adminCalendar': '节假日维护',
  'nav.adminUsers': '用户管理',
  'nav.adminAudit': '审计日志',
  'nav.adminJobs': '后台任务',
  'nav.groupTools': '工具',
  'nav.groupAdmin': '系统管理',

  'kind.enterprise': '企业用户',
  'kind.individual': '个人用户',
  'kind.officer': '部门工作人员',
  'kind.office': '领导小组办公室',
  'kind.sysadmin': '系统管理员',
  'kind.secadmin': '安全管理员',
  'kind.auditor': '审计管理员',

  'header.notifications': '消息通知',
  'header.userMenu': '用户菜单',
  'header.changePassword': '修改密码',
  'header.logout': '退出登录',
  'header.loggedOut': '已退出登录',
  'header.collapse': '收起菜单',
  'header.expand': '展开菜单',

  'forbidden.title': '没有访问权限',
  'forbidden.text': '您的账号（{kind}）不能访问此页面。',
  'notFound.title': '页面不存在',
  'notFound.text': '您访问的地址不存在，可能已被移动。',
  'notFound.home': '回到首页',

  'login.title': '登录',
  'login.subtitle': '使用平台账号登录',
  'login.username': '用户名',
  'login.password': '密码',
  'login.usernameRequired': '请输入用户名',
  'login.passwordRequired': '请输入密码',
  'login.submit': '登录',
  'login.failed': '登录失败',
  'login.invalidCredentials': '用户名或密码不正确。',
  'login.attemptsLeft': '再失败 {n} 次，账号将被临时锁定。',
  'login.locked': '账号已被锁定。',
  'login.lockedUntil': '账号已被锁定，请于 {time} 之后再试，或联系安全管理员解锁。',
  'login.sessionExpired': '登录已失效，请重新登录。',
  'login.publicLinks': '无需登录即可使用：',
  'login.backToPublic': '返回公共服务首页',

  'password.title': '修改密码',
  'password.mustChange': '首次登录或密码已被重置，请先设置新密码再继续使用。',
  'password.current': '当前密码',
  'password.new': '新密码',
  'password.confirm': '确认新密码',
  'password.currentRequired': '请输入当前密码',
  'password.newRequired': '请输入新密码',
  'password.confirmRequired': '请再次输入新密码',
  'password.mismatch': '两次输入的新密码不一致',
  'password.sameAsOld': '新密码不能与当前密码相同',
  'password.hint': '密码强度要求由服务器校验；不符合时会在此处说明原因。',
  'password.submit': '修改密码',
  'password.changed': '密码已修改',
  'password.failed': '密码未修改',

  'public.title': '公共服务',
  'public.intro': '以下服务面向社会公众开放，无需登录。',
  'public.calendarTitle': '工作日历',
  'public.calendarText': '查看国务院公布的节假日与调休安排，并按工作日计算办理期限。',
  'public.usccTitle': '统一社会信用代码校验',
  'public.usccText': '校验 18 位统一社会信用代码是否有效，并解析登记管理部门、机构类别和行政区划。',
  'public.login': '登录',
  'public.goToWorkspace': '进入工作台',
  'public.loginText': '企业、个人、部门工作人员和管理员请登录后使用更多功能。',
  'public.home': '公共服务首页',

  'home.welcome': '您好，{name}',
  'home.shortcuts': '常用功能',
  'home.enterpriseProfile': '企业信息',
  'home.noEnterprise': '您的账号尚未绑定企业。',
  'home.personalProfile': '个人信息',
  'home.department': '所在部门',
  'home.departmentCode': '部门代码',
  'home.noDepartment': '您的账号尚未分配部门。',
  'home.workQueue': '待办工作',
  'home.feature.workQueue': '部门待办（审批、双公示、检查、投诉处理）',
  'home.feature.onlineServices': '一网通办 · 在线办事',
  'home.feature.policyMatch': '惠企政策匹配与免申即享',
  'home.feature.talentPolicy': '人才政策计算器',
  'home.overview': '市场主体概况',
  'home.enterpriseTotal': '市场主体总数',
  'home.townCount': '覆盖镇（街道）数',
  'home.topSection': '主体最多的行业门类',
  'home.smeShare': '中小微企业占比',
  'home.byTown': '各镇（街道）市场主体数',
  'home.bySize': '按企业规模',
  'home.bySection': '按行业门类',
  'home.noStats': '暂无市场主体数据。',
  'home.measures': '措施推进',
  'home.usersTotal': '用户总数',
  'home.calendarYears': '已加载的日历年度',
  'home.workdaysShort': '{count} 个工作日',
  'home.noCalendarYears': '尚未加载任何年度的工作日历。',
  'home.jobs': '后台任务',
  'home.jobsFailed': '{count} 个队列有失败任务',
  'home.jobsHealthy': '所有队列运行正常',
  'home.noJobs': '没有后台任务队列。',
  'home.lockedAccounts': '已锁定的账号',
  'home.noLockedAccounts': '当前没有被锁定的账号。',
  'home.lockedPartial': '仅检查了前 {checked} 个账号（共 {total} 个），完整列表请到用户管理查看。',
  'home.auditChain': '审计链完整性',
  'home.recheck': '重新校验',
  'home.viewAll': '查看全部',

  'field.username': '用户名',
  'field.displayName': '姓名',
  'field.kind': '账号类型',

  'calendar.title': '工作日历',
  'calendar.year': '年度',
  'calendar.month': '月份',
  'calendar.notice': '依据文件',
  'calendar.noticeLine': '依据文件：{notice}（第 {version} 版）· 全年工作日 {count} 天',
  'calendar.version': '版本 {version}',
  'calendar.workdaysInYear': '全年工作日 {count} 天',
  'calendar.prevMonth': '上个月',
  'calendar.nextMonth': '下个月',
  'calendar.today': '本月',
  'calendar.noYears': '尚未加载任何年度的工作日历，请联系系统管理员。',
  'calendar.yearNotLoaded':
    '{year} 年的节假日安排尚未加载，无法按工作日计算。请等国务院办公厅发布通知、系统管理员录入后再试。',
  'calendar.yearNotLoadedShort': '所涉及年度的节假日安排尚未加载，无法计算。',
  'calendar.kind.workday': '工作日',
  'calendar.kind.weekend': '周末',
  'calendar.kind.holiday': '法定节假日',
  'calendar.kind.makeup_workday': '调休上班',
  'calendar.makeupShort': '班',
  'calendar.holidayShort': '休',
  'calendar.legend': '图例',
  'calendar.weekday.1': '一',
  'calendar.weekday.2': '二',
  'calendar.weekday.3': '三',
  'calendar.weekday.4': '四',
  'calendar.weekday.5': '五',
  'calendar.weekday.6': '六',
  'calendar.weekday.7': '日',
  'calendar.calculator': '期限计算器',
  'calendar.calculatorHint': '按《民法典》第二百零一条，期限自起算日的次日开始计算；调休上班日计为工作日。',
  'calendar.addTitle': '起算日 + N 个工作日',
  'calendar.from': '起算日',
  'calendar.days': '工作日数',
  'calendar.compute': '计算',
  'calendar.addResult': '{from} 之后第 {days} 个工作日是 {date}（{weekday}）',
  'calendar.betweenTitle': '两个日期之间的工作日',
  'calendar.to': '截止日',
  'calendar.range': '日期范围',
  'calendar.betweenResult': '{from} 至 {to} 之间有 {workdays} 个工作日',
  'calendar.pickDate': '请选择日期',
  'calendar.pickDays': '请输入天数',
  'calendar.manage': '维护节假日',

  'calendarAdmin.title': '节假日维护',
  'calendarAdmin.editTitle': '{year} 年节假日安排',
  'calendarAdmin.years': '已加载的年度',
  'calendarAdmin.edit': '编辑',
  'calendarAdmin.loadNew': '加载新年度',
  'calendarAdmin.loadNewText': '国务院办公厅发布下一年度的节假日安排通知后，在此录入。',
  'calendarAdmin.newYear': '年度',
  'calendarAdmin.start': '开始录入',
  'calendarAdmin.loadYear': '录入 {year} 年安排',
  'calendarAdmin.notLoadedYet': '{year} 年尚未加载。填写下方内容并保存后，该年度即可用于工作日计算。',
  'calendarAdmin.notice': '通知文号',
  'calendarAdmin.noticeRequired': '请填写通知文号',
  'calendarAdmin.noticePlaceholder': '例如：国办发明电〔2026〕X号',
  'calendarAdmin.publishedOn': '发布日期',
  'calendarAdmin.holidays': '放假安排（每段假期一行，含首尾两天）',
  'calendarAdmin.holidayName': '假期名称',
  'calendarAdmin.holidayStart': '开始日期',
  'calendarAdmin.holidayEnd': '结束日期',
  'calendarAdmin.makeup': '调休上班日',
  'calendarAdmin.makeupDate': '日期',
  'calendarAdmin.makeupName': '说明（对应的节日）',
  'calendarAdmin.addHoliday': '添加一段假期',
  'calendarAdmin.addMakeup': '添加调休上班日',
  'calendarAdmin.required': '必填',
  'calendarAdmin.endBeforeStart': '结束日期不能早于开始日期',
  'calendarAdmin.noHolidays': '还没有假期，请添加。',
  'calendarAdmin.noMakeup': '没有调休上班日。',
  'calendarAdmin.saved': '已保存，当前为第 {version} 版，全年工作日 {workdays} 天',
  'calendarAdmin.lastUpdated': '第 {version} 版，{time} 由 {by} 更新',
  'calendarAdmin.lastUpdatedNoBy': '第 {version} 版，{time} 更新',
  'calendarAdmin.invalidYear': '年度应为四位数字，例如 2027。',
  'calendarAdmin.row': '第 {n} 行',
  'calendarAdmin.version': '版本',
  'calendarAdmin.workdays': '全年工作日',
  'calendarAdmin.updatedAt': '更新时间',
  'calendarAdmin.holidaysShort': '放假安排',

  'uscc.title': '统一社会信用代码校验',
  'uscc.intro': '依据 GB 32100-2015 校验 18 位统一社会信用代码，并解析其各部分含义。',
  'uscc.placeholder': '输入 18 位统一社会信用代码，例如 91350100M000100Y43',
  'uscc.check': '校验',
  'uscc.required': '请输入统一社会信用代码',
  'uscc.valid': '{code} 是有效的统一社会信用代码',
  'uscc.invalid': '{code} 不是有效的统一社会信用代码',
  'uscc.reason': '原因：{reason}',
  'uscc.parts': '代码解析',
  'uscc.registrationAuthority': '登记管理部门',
  'uscc.entityType': '机构类别',
  'uscc.division': '登记管理机关行政区划',
  'uscc.organizationCode': '主体标识码（组织机构代码）',
  'uscc.unknownName': '未知',
  'uscc.empty': '输入代码后点击“校验”。',
  'uscc.reasonCode.EMPTY': '代码为空。',
  'uscc.reasonCode.LENGTH': '代码应为 18 位。',
  'uscc.reasonCode.CHARSET': '含有不允许的字符（不使用 I、O、Z、S、V）。',
  'uscc.reasonCode.AUTHORITY': '第 1 位登记管理部门代码未定义。',
  'uscc.reasonCode.ENTITY_TYPE': '第 2 位机构类别不属于该登记管理部门。',
  'uscc.reasonCode.DIVISION': '第 3–8 位行政区划码应为 6 位数字。',
  'uscc.reasonCode.ORG_CHECK': '第 17 位（组织机构代码校验码）不正确。',
  'uscc.reasonCode.CHECK': '第 18 位校验码与前 17 位不符。',

  'enterprise.title': '市场主体',
  'enterprise.searchPlaceholder': '名称、统一社会信用代码或法定代表人',
  'enterprise.name': '名称',
  'enterprise.uscc': '统一社会信用代码',
  'enterprise.legalRepresentative': '法定代表人',
  'enterprise.industry': '行业',
  'enterprise.industrySection': '行业门类',
  'enterprise.size': '规模',
  'enterprise.entityType': '主体类型',
  'enterprise.registeredCapital': '注册资本（万元）',
  'enterprise.employees': '从业人数',
  'enterprise.foundedOn': '成立日期',
  'enterprise.town': '所属镇（街道）',
  'enterprise.address': '住所',
  'enterprise.highTech': '高新技术企业',
  'enterprise.specialisedSme': '专精特新中小企业',
  'enterprise.status': '登记状态',
  'enterprise.tags': '资质',
  'enterprise.empty': '没有符合条件的市场主体。',
  'enterprise.emptyAll': '还没有任何市场主体数据。',
  'enterprise.detail': '市场主体详情',
  'enterprise.anyTown': '全部镇（街道）',
  'enterprise.anySize': '全部规模',
  'enterprise.anySection': '全部行业门类',
  'size.micro': '微型',
  'size.small': '小型',
  'size.medium': '中型',
  'size.large': '大型',
  'entityType.company': '公司',
  'entityType.individual_business': '个体工商户',
  'entityType.cooperative': '农民专业合作社',
  'enterpriseStatus.active': '存续',
  'enterpriseStatus.deregistered': '已注销',
  'enterpriseStatus.revoked': '已吊销',

  'users.title': '用户管理',
  'users.searchPlaceholder': '用户名或姓名',
  'users.org': '所属部门 / 企业',
  'users.status': '状态',
  'users.active': '正常',
  'users.disabled': '已停用',
  'users.locked': '已锁定',
  'users.lockedUntil': '锁定至 {time}',
  'users.lastLoginAt': '最近登录',
  'users.lockedUntilColumn': '锁定至',
  'users.unlock': '解锁',
  'users.unlockConfirm': '解锁账号 {username}？',
  'users.unlocked': '已解锁 {username}',
  'users.empty': '没有符合条件的用户。',

  'audit.title': '审计日志',
  'audit.at': '时间',
  'audit.actor': '操作人',
  'audit.action': '操作',
  'audit.subject': '对象',
  'audit.hash': '哈希',
  'audit.prevHash': '前一条哈希',
  'audit.system': '系统',
  'audit.actionPlaceholder': '按操作筛选，例如 auth.logged_in',
  'audit.actorPlaceholder': '按操作人筛选',
  'audit.verify': '校验审计链',
  'audit.verifying': '正在校验…',
  'audit.chainOk': '审计链完整：已校验 {checked} 条记录，未发现篡改。',
  'audit.chainBroken': '审计链在记录 {id} 处断裂：{reason}（已校验 {checked} 条）',
  'audit.chainNotChecked': '尚未校验。',
  'audit.empty': '没有符合条件的审计记录。',
  'audit.systemActor': '系统（{name}）',
  'audit.action.auth.logged_in': '登录',
  'audit.action.auth.logged_out': '退出登录',
  'audit.action.auth.login_failed': '登录失败',
  'audit.action.auth.password_changed': '修改密码',
  'audit.action.calendar.year_saved': '保存节假日安排',
  'audit.action.calendar.year_seeded': '导入节假日安排',
  'audit.action.department.seeded': '导入部门名录',
  'audit.action.enterprise.demo_seeded': '导入演示市场主体',
  'audit.action.file.uploaded': '上传文件',
  'audit.action.system.job_started': '启动后台任务',
  'audit.action.system.sessions_purged': '清理过期会话',
  'audit.action.token.created': '创建访问令牌',
  'audit.action.token.revoked': '吊销访问令牌',
  'audit.action.user.created': '创建用户',
  'audit.action.user.unlocked': '解锁账号',
  'audit.subjectType.user': '用户',
  'audit.subjectType.enterprise': '市场主体',
  'audit.subjectType.department': '部门',
  'audit.subjectType.calendar_year': '日历年度',
  'audit.subjectType.session': '会话',
  'audit.subjectType.file': '文件',
  'audit.subjectType.api_token': '访问令牌',
  'audit.subjectType.job': '后台任务',

  'jobs.title': '后台任务',
  'jobs.name': '队列',
  'jobs.description': '说明',
  'jobs.schedule': '执行计划',
  'jobs.queued': '排队',
  'jobs.active': '执行中',
  'jobs.total': '总数',
  'jobs.failed': '失败',
  'jobs.lastProgress': '最近进度',
  'jobs.empty': '没有后台任务队列。',

  'notifications.title': '消息通知',
  'notifications.unreadOnly': '只看未读',
  'notifications.markRead': '标为已读',
  'notifications.markAllRead': '全部标为已读',
  'notifications.allRead': '已全部标为已读',
  'notifications.empty': '暂时没有消息。',
  'notifications.emptyUnread': '没有未读消息。',
  'notifications.scope.user': '个人',
  'notifications.scope.department': '部门',
  'notifications.unreadCount': '{count} 条未读',
  'notifications.open': '查看',
  ...planNavZhCN,
  ...servicesNavZhCN,
  ...policyNavZhCN,
  ...creditNavZhCN,
  ...errorsZhCN,
  ...rulesZhCN,
  ...kitZhCN,
  ...a11yZhCN,
} as const satisfies Record<string, string>;

/** Keys of the dictionaries features bring (type-only imports: nothing is loaded by naming them here). */
type FeatureMessageKey = PlanMessageKey | PolicyMessageKey | CreditKey | keyof typeof servicesZhCN;

type CoreKey = keyof typeof zhCN;
export type MessageKey = CoreKey | FeatureMessageKey;
type Dictionary = Record<CoreKey, string>;

const enUS: Dictionary = {
  'app.name': 'Yingshang',
  'app.fullName': 'Yingshang · Xiangcheng Business Environment Platform',
  'app.subtitle': 'Xiangcheng Business Environment Platform',
  'app.tagline': "Turning Xiangcheng's 2022 business-environment action plan into working software",

  'lang.label': 'Language',
  'lang.zh-CN': '简体中文',
  'lang.en-US': 'English',

  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.reload': 'Refresh',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.search': 'Search',
  'common.reset': 'Reset',
  'common.add': 'Add',
  'common.remove': 'Remove',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': 'None',
  'common.actions': 'Actions',
  'common.details': 'Details',
  'common.back': 'Back',
  'common.total': '{total} in total',
  'common.notYetAvailable': 'Not yet available',
  'common.notYetAvailableText':
    '“{feature}” is still being built and is not available yet. No sample data is shown here.',
  'common.open': 'Open',
  'common.all': 'All',
  'common.never': 'Never',
  'common.labelValue': '{label}: {value}',

  'error.title': 'Something went wrong',
  'error.network': 'Cannot reach the server. Check the connection and try again.',
  'error.status.400': 'Some of the input is not valid',
  'error.status.401': 'Your session has ended; please sign in again',
  'error.status.403': 'You do not have permission to do this',
  'error.status.404': 'Not found',
  'error.status.409': 'This conflicts with the current state',
  'error.status.422': 'The request cannot be processed',
  'error.status.423': 'Account locked',
  'error.status.429': 'Too many requests; please wait a moment',
  'error.status.5xx': 'The server ran into a problem; please try again later',
  'error.fieldErrors': 'Please correct:',
  'error.unknown': 'An unknown error occurred.',

  'nav.home': 'Home',
  'nav.calendar': 'Calendar',
  'nav.uscc': 'USCC check',
  'nav.enterprises': 'Enterprises',
  'nav.adminCalendar': 'Holiday calendar',
  'nav.adminUsers': 'Users',
  'nav.adminAudit': 'Audit log',
  'nav.adminJobs': 'Background jobs',
  'nav.groupTools': 'Tools',
  'nav.groupAdmin': 'Administration',

  'kind.enterprise': 'Enterprise user',
  'kind.individual': 'Individual',
  'kind.officer': 'Department officer',
  'kind.office': 'Leading-group office',
  'kind.sysadmin': 'System administrator',
  'kind.secadmin': 'Security administrator',
  'kind.auditor': 'Audit administrator',

  'header.notifications': 'Notifications',
  'header.userMenu': 'User menu',
  'header.changePassword': 'Change password',
  'header.logout': 'Sign out',
  'header.loggedOut': 'Signed out',
  'header.collapse': 'Collapse menu',
  'header.expand': 'Expand menu',

  'forbidden.title': 'No access',
  'forbidden.text': 'Your account ({kind}) cannot open this page.',
  'notFound.title': 'Page not found',
  'notFound.text': 'The address you opened does not exist or has moved.',
  'notFound.home': 'Back to home',

  'login.title': 'Sign in',
  'login.subtitle': 'Sign in with your platform account',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.usernameRequired': 'Enter your username',
  'login.passwordRequired': 'Enter your password',
  'login.submit': 'Sign in',
  'login.failed': 'Sign-in failed',
  'login.invalidCredentials': 'The username or password is not correct.',
  'login.attemptsLeft':
    '{n, plural, one {# more failed attempt} other {# more failed attempts}} will lock the account for a while.',
  'login.locked': 'This account is locked.',
  'login.lockedUntil':
    'This account is locked. Try again after {time}, or ask the security administrator to unlock it.',
  'login.sessionExpired': 'Your session has ended. Please sign in again.',
  'login.publicLinks': 'Available without signing in:',
  'login.backToPublic': 'Back to public services',

  'password.title': 'Change password',
  'password.mustChange':
    'This is your first sign-in or your password was reset. Please set a new password to continue.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.confirm': 'Confirm new password',
  'password.currentRequired': 'Enter your current password',
  'password.newRequired': 'Enter a new password',
  'password.confirmRequired': 'Enter the new password again',
  'password.mismatch': 'The two new passwords do not match',
  'password.sameAsOld': 'The new password must differ from the current one',
  'password.hint': 'The server checks password strength; if it is too weak, the reason is shown here.',
  'password.submit': 'Change password',
  'password.changed': 'Password changed',
  'password.failed': 'The password was not changed',

  'public.title': 'Public services',
  'public.intro': 'These services are open to everyone, no sign-in needed.',
  'public.calendarTitle': 'Working-day calendar',
  'public.calendarText': 'See the State Council holiday schedule and compute deadlines in working days.',
  'public.usccTitle': 'Unified social credit code check',
  'public.usccText':
    'Check whether an 18-character USCC is valid and decode its authority, entity type and division.',
  'public.login': 'Sign in',
  'public.goToWorkspace': 'Go to workspace',
  'public.loginText': 'Enterprises, individuals, department officers and administrators: sign in for more.',
  'public.home': 'Public services home',

  'home.welcome': 'Hello, {name}',
  'home.shortcuts': 'Shortcuts',
  'home.enterpriseProfile': 'Enterprise profile',
  'home.noEnterprise': 'Your account is not linked to an enterprise yet.',
  'home.personalProfile': 'Your profile',
  'home.department': 'Department',
  'home.departmentCode': 'Department code',
  'home.noDepartment': 'Your account has no department assigned yet.',
  'home.workQueue': 'Work queue',
  'home.feature.workQueue': 'Department work queue (approvals, publicity entries, inspections, complaints)',
  'home.feature.onlineServices': 'Online services (一网通办)',
  'home.feature.policyMatch': 'Policy matching and grants without application',
  'home.feature.talentPolicy': 'Talent policy calculator',
  'home.overview': 'Market entities at a glance',
  'home.enterpriseTotal': 'Market entities',
  'home.townCount': 'Towns / subdistricts covered',
  'home.topSection': 'Largest industry section',
  'home.smeShare': 'Share of micro, small and medium',
  'home.byTown': 'Market entities by town / subdistrict',
  'home.bySize': 'By enterprise size',
  'home.bySection': 'By industry section',
  'home.noStats': 'No market-entity data yet.',
  'home.measures': 'Measures',
  'home.usersTotal': 'Users',
  'home.calendarYears': 'Calendar years loaded',
  'home.workdaysShort': '{count, plural, one {# working day} other {# working days}}',
  'home.noCalendarYears': 'No calendar year has been loaded yet.',
  'home.jobs': 'Background jobs',
  'home.jobsFailed': '{count, plural, one {# queue has} other {# queues have}} failed jobs',
  'home.jobsHealthy': 'All queues are healthy',
  'home.noJobs': 'There are no job queues.',
  'home.lockedAccounts': 'Locked accounts',
  'home.noLockedAccounts': 'No account is locked right now.',
  'home.lockedPartial':
    'Only the first {checked} of {total} accounts were checked; see Users for the full list.',
  'home.auditChain': 'Audit chain integrity',
  'home.recheck': 'Check again',
  'home.viewAll': 'View all',

  'field.username': 'Username',
  'field.displayName': 'Name',
  'field.kind': 'Account type',

  'calendar.title': 'Working-day calendar',
  'calendar.year': 'Year',
  'calendar.month': 'Month',
  'calendar.notice': 'Notice',
  'calendar.noticeLine': 'Notice: {notice} (version {version}) · {count} working days in the year',
  'calendar.version': 'version {version}',
  'calendar.workdaysInYear': '{count} working days in the year',
  'calendar.prevMonth': 'Previous month',
  'calendar.nextMonth': 'Next month',
  'calendar.today': 'This month',
  'calendar.noYears': 'No calendar year has been loaded yet. Please contact the system administrator.',
  'calendar.yearNotLoaded':
    'The holiday schedule for {year} has not been loaded, so working days cannot be counted. Try again once the State Council notice is published and entered by the administrator.',
  'calendar.yearNotLoadedShort':
    'The holiday schedule for a year involved has not been loaded, so this cannot be computed.',
  'calendar.kind.workday': 'Working day',
  'calendar.kind.weekend': 'Weekend',
  'calendar.kind.holiday': 'Public holiday',
  'calendar.kind.makeup_workday': 'Make-up working day',
  'calendar.makeupShort': 'Work',
  'calendar.holidayShort': 'Off',
  'calendar.legend': 'Legend',
  'calendar.weekday.1': 'Mon',
  'calendar.weekday.2': 'Tue',
  'calendar.weekday.3': 'Wed',
  'calendar.weekday.4': 'Thu',
  'calendar.weekday.5': 'Fri',
  'calendar.weekday.6': 'Sat',
  'calendar.weekday.7': 'Sun',
  'calendar.calculator': 'Deadline calculator',
  'calendar.calculatorHint':
    'Counting starts the day after the start date (Civil Code art. 201); make-up working days count as working days.',
  'calendar.addTitle': 'Start date + N working days',
  'calendar.from': 'Start date',
  'calendar.days': 'Working days',
  'calendar.compute': 'Compute',
  'calendar.addResult': '{days} working days after {from}: {date} ({weekday})',
  'calendar.betweenTitle': 'Working days between two dates',
  'calendar.to': 'End date',
  'calendar.range': 'Date range',
  'calendar.betweenResult': 'There are {workdays} working days from {from} to {to}',
  'calendar.pickDate': 'Pick a date',
  'calendar.pickDays': 'Enter a number of days',
  'calendar.manage': 'Edit holidays',

  'calendarAdmin.title': 'Holiday calendar',
  'calendarAdmin.editTitle': 'Holiday schedule {year}',
  'calendarAdmin.years': 'Loaded years',
  'calendarAdmin.edit': 'Edit',
  'calendarAdmin.loadNew': 'Load a new year',
  'calendarAdmin.loadNewText':
    "Enter next year's schedule once the State Council General Office publishes its notice.",
  'calendarAdmin.newYear': 'Year',
  'calendarAdmin.start': 'Start entering',
  'calendarAdmin.loadYear': 'Enter the {year} schedule',
  'calendarAdmin.notLoadedYet':
    '{year} is not loaded yet. Fill in the form below and save to make it available for working-day calculations.',
  'calendarAdmin.notice': 'Notice number',
  'calendarAdmin.noticeRequired': 'Enter the notice number',
  'calendarAdmin.noticePlaceholder': 'e.g. 国办发明电〔2026〕X号',
  'calendarAdmin.publishedOn': 'Published on',
  'calendarAdmin.holidays': 'Holidays (one row per block, both ends included)',
  'calendarAdmin.holidayName': 'Holiday',
  'calendarAdmin.holidayStart': 'First day',
  'calendarAdmin.holidayEnd': 'Last day',
  'calendarAdmin.makeup': 'Make-up working days',
  'calendarAdmin.makeupDate': 'Date',
  'calendarAdmin.makeupName': 'Note (which holiday)',
  'calendarAdmin.addHoliday': 'Add a holiday block',
  'calendarAdmin.addMakeup': 'Add a make-up working day',
  'calendarAdmin.required': 'Required',
  'calendarAdmin.endBeforeStart': 'The last day cannot be before the first day',
  'calendarAdmin.noHolidays': 'No holidays yet; add one.',
  'calendarAdmin.noMakeup': 'No make-up working days.',
  'calendarAdmin.saved': 'Saved as version {version}; {workdays} working days in the year',
  'calendarAdmin.lastUpdated': 'Version {version}, updated {time} by {by}',
  'calendarAdmin.lastUpdatedNoBy': 'Version {version}, updated {time}',
  'calendarAdmin.invalidYear': 'The year must be four digits, e.g. 2027.',
  'calendarAdmin.row': 'row {n}',
  'calendarAdmin.version': 'Version',
  'calendarAdmin.workdays': 'Working days',
  'calendarAdmin.updatedAt': 'Updated',
  'calendarAdmin.holidaysShort': 'Holidays',

  'uscc.title': 'Unified social credit code check',
  'uscc.intro':
    'Checks an 18-character unified social credit code against GB 32100-2015 and decodes its parts.',
  'uscc.placeholder': 'Enter an 18-character code, e.g. 91350100M000100Y43',
  'uscc.check': 'Check',
  'uscc.required': 'Enter a unified social credit code',
  'uscc.valid': '{code} is a valid unified social credit code',
  'uscc.invalid': '{code} is not a valid unified social credit code',
  'uscc.reason': 'Reason: {reason}',
  'uscc.parts': 'Decoded parts',
  'uscc.registrationAuthority': 'Registration authority',
  'uscc.entityType': 'Entity type',
  'uscc.division': 'Administrative division',
  'uscc.organizationCode': 'Organisation code',
  'uscc.unknownName': 'unknown',
  'uscc.empty': 'Enter a code and press “Check”.',
  'uscc.reasonCode.EMPTY': 'The code is empty.',
  'uscc.reasonCode.LENGTH': 'The code must have 18 characters.',
  'uscc.reasonCode.CHARSET': 'It contains a character that is not allowed (I, O, Z, S and V are never used).',
  'uscc.reasonCode.AUTHORITY': 'The registration authority (character 1) is not defined.',
  'uscc.reasonCode.ENTITY_TYPE':
    'The entity type (character 2) does not belong to that registration authority.',
  'uscc.reasonCode.DIVISION': 'The administrative division (characters 3–8) must be 6 digits.',
  'uscc.reasonCode.ORG_CHECK': 'The organisation code check character (character 17) is wrong.',
  'uscc.reasonCode.CHECK': 'The check character (character 18) does not match the first 17.',

  'enterprise.title': 'Enterprises',
  'enterprise.searchPlaceholder': 'Name, USCC or legal representative',
  'enterprise.name': 'Name',
  'enterprise.uscc': 'USCC',
  'enterprise.legalRepresentative': 'Legal representative',
  'enterprise.industry': 'Industry',
  'enterprise.industrySection': 'Industry section',
  'enterprise.size': 'Size',
  'enterprise.entityType': 'Entity type',
  'enterprise.registeredCapital': 'Registered capital (10k CNY)',
  'enterprise.employees': 'Employees',
  'enterprise.foundedOn': 'Founded on',
  'enterprise.town': 'Town / subdistrict',
  'enterprise.address': 'Address',
  'enterprise.highTech': 'High-tech enterprise',
  'enterprise.specialisedSme': 'Specialised SME',
  'enterprise.status': 'Registration status',
  'enterprise.tags': 'Qualifications',
  'enterprise.empty': 'No enterprise matches these filters.',
  'enterprise.emptyAll': 'There is no enterprise data yet.',
  'enterprise.detail': 'Enterprise details',
  'enterprise.anyTown': 'All towns',
  'enterprise.anySize': 'All sizes',
  'enterprise.anySection': 'All sections',
  'size.micro': 'Micro',
  'size.small': 'Small',
  'size.medium': 'Medium',
  'size.large': 'Large',
  'entityType.company': 'Company',
  'entityType.individual_business': 'Individual business',
  'entityType.cooperative': "Farmers' cooperative",
  'enterpriseStatus.active': 'Active',
  'enterpriseStatus.deregistered': 'Deregistered',
  'enterpriseStatus.revoked': 'Licence revoked',

  'users.title': 'Users',
  'users.searchPlaceholder': 'Username or name',
  'users.org': 'Department / enterprise',
  'users.status': 'Status',
  'users.active': 'Active',
  'users.disabled': 'Disabled',
  'users.locked': 'Locked',
  'users.lockedUntil': 'Locked until {time}',
  'users.lastLoginAt': 'Last sign-in',
  'users.lockedUntilColumn': 'Locked until',
  'users.unlock': 'Unlock',
  'users.unlockConfirm': 'Unlock account {username}?',
  'users.unlocked': 'Unlocked {username}',
  'users.empty': 'No user matches.',

  'audit.title': 'Audit log',
  'audit.at': 'Time',
  'audit.actor': 'Actor',
  'audit.action': 'Action',
  'audit.subject': 'Subject',
  'audit.hash': 'Hash',
  'audit.prevHash': 'Previous hash',
  'audit.system': 'system',
  'audit.actionPlaceholder': 'Filter by action, e.g. auth.logged_in',
  'audit.actorPlaceholder': 'Filter by actor',
  'audit.verify': 'Verify audit chain',
  'audit.verifying': 'Verifying…',
  'audit.chainOk': 'The audit chain is intact: {checked} entries checked, no tampering found.',
  'audit.chainBroken': 'The audit chain breaks at entry {id}: {reason} ({checked} entries checked)',
  'audit.chainNotChecked': 'Not checked yet.',
  'audit.empty': 'No audit entry matches.',
  'audit.systemActor': 'system ({name})',
  'audit.action.auth.logged_in': 'Signed in',
  'audit.action.auth.logged_out': 'Signed out',
  'audit.action.auth.login_failed': 'Sign-in failed',
  'audit.action.auth.password_changed': 'Changed password',
  'audit.action.calendar.year_saved': 'Saved holiday schedule',
  'audit.action.calendar.year_seeded': 'Loaded holiday schedule',
  'audit.action.department.seeded': 'Loaded department registry',
  'audit.action.enterprise.demo_seeded': 'Loaded demo enterprises',
  'audit.action.file.uploaded': 'Uploaded a file',
  'audit.action.system.job_started': 'Started a background job',
  'audit.action.system.sessions_purged': 'Purged expired sessions',
  'audit.action.token.created': 'Created an access token',
  'audit.action.token.revoked': 'Revoked an access token',
  'audit.action.user.created': 'Created a user',
  'audit.action.user.unlocked': 'Unlocked an account',
  'audit.subjectType.user': 'User',
  'audit.subjectType.enterprise': 'Enterprise',
  'audit.subjectType.department': 'Department',
  'audit.subjectType.calendar_year': 'Calendar year',
  'audit.subjectType.session': 'Session',
  'audit.subjectType.file': 'File',
  'audit.subjectType.api_token': 'Access token',
  'audit.subjectType.job': 'Background job',

  'jobs.title': 'Background jobs',
  'jobs.name': 'Queue',
  'jobs.description': 'Description',
  'jobs.schedule': 'Schedule',
  'jobs.queued': 'Queued',
  'jobs.active': 'Active',
  'jobs.total': 'Total',
  'jobs.failed': 'Failed',
  'jobs.lastProgress': 'Latest progress',
  'jobs.empty': 'There are no job queues.',

  'notifications.title': 'Notifications',
  'notifications.unreadOnly': 'Unread only',
  'notifications.markRead': 'Mark as read',
  'notifications.markAllRead': 'Mark all as read',
  'notifications.allRead': 'All marked as read',
  'notifications.empty': 'No notifications yet.',
  'notifications.emptyUnread': 'No unread notifications.',
  'notifications.scope.user': 'Personal',
  'notifications.scope.department': 'Department',
  'notifications.unreadCount': '{count} unread',
  'notifications.open': 'Open',
  ...planNavEnUS,
  ...servicesNavEnUS,
  ...policyNavEnUS,
  ...creditNavEnUS,
  ...errorsEnUS,
  ...rulesEnUS,
  ...kitEnUS,
  ...a11yEnUS,
};

/** A feature's words in both languages; `en-US` has exactly the keys of `zh-CN`. */
export interface FeatureDictionary<K extends string = string> {
  'zh-CN': Readonly<Record<K, string>>;
  'en-US': Readonly<Record<K, string>>;
}

/** What is loaded so far: the app's words, then each feature's as its first page loads. */
const loaded: Record<Locale, Record<string, string>> = { 'zh-CN': { ...zhCN }, 'en-US': { ...enUS } };

/** Adds a feature's words (idempotent); `lazyPage` calls it before the page renders. */
export function addDictionary(dictionary: FeatureDictionary): void {
  for (const locale of LOCALES) Object.assign(loaded[locale], dictionary[locale]);
}

function template(locale: Locale, key: string): string | undefined {
  return loaded[locale][key];
}

export type MessageVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

const PLURAL = /\{(\w+),\s*plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;
const pluralRules = new Map<string, Intl.PluralRules>();

function pluralForm(locale: string, n: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

/**
 * Fills `{name}` and `{name, plural, =0 {…} one {…} other {…}}` (an ICU subset: exact `=N` first, then the
 * language's category, then `other`; `#` inside a case is the number). An unknown `{name}` stays as written.
 */
export function formatMessage(locale: string, template: string, vars?: MessageVars): string {
  if (!vars) return template;
  const plural = template.replace(PLURAL, (whole, name: string, cases: string) => {
    const value = vars[name];
    const n = typeof value === 'number' ? value : Number(value);
    if (value === undefined || Number.isNaN(n)) return whole;
    const forms = new Map<string, string>();
    for (const m of cases.matchAll(PLURAL_CASE)) forms.set(m[1] ?? '', m[2] ?? '');
    const chosen = forms.get(`=${n}`) ?? forms.get(pluralForm(locale, n)) ?? forms.get('other') ?? whole;
    return chosen.replace(/#/g, String(n));
  });
  return plural.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

export function translate(locale: Locale, key: MessageKey, vars?: MessageVars): string {
  const text = template(locale, key);
  if (text === undefined) {
    // A feature's words were not loaded with the page that uses them: show the key, say so where tests look.
    console.error(
      `i18n: no words for "${key}" — add its dictionary to the page's lazyPage(…, { dictionaries })`,
    );
    return key;
  }
  return formatMessage(locale, text, vars);
}

/** The names of the `{name}` placeholders a message needs, so a caller can tell whether it can fill them. */
export function placeholders(locale: Locale, key: MessageKey): string[] {
  return [...(template(locale, key) ?? '').matchAll(/\{(\w+)[,}]/g)].map((m) => m[1] ?? '');
}

/** For codes that come from the server (audit actions, subject types): words when the dictionary has them. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(loaded['zh-CN'], key);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage can be unavailable (private mode, disabled cookies); the default is fine then.
  }
  return DEFAULT_LOCALE;
}

export interface LocaleContextValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

export const LocaleContext = createContext<LocaleContextValue>({
  locale: DEFAULT_LOCALE,
  setLocale: () => {},
});

export function useLocale(): LocaleContextValue {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  const { locale } = useContext(LocaleContext);
  return useCallback((key: MessageKey, vars?: MessageVars) => translate(locale, key, vars), [locale]);
}
