/**
 * Action-plan words needed before any plan page loads (menu labels, the public landing page, the home cards of
 * plan-home-cards.tsx), spread into the app's dictionaries in app/i18n.ts. The rest is in plan.i18n.ts.
 */

export const planNavZhCN = {
  'nav.groupPlan': '行动方案',
  'nav.planDashboard': '推进看板',
  'nav.planMeasures': '措施清单',
  'nav.planMy': '本部门任务',
  'nav.planCases': '典型案例',
  'nav.planKpis': '指标管理',
  'nav.planImport': '方案导入',

  'public.planTitle': '行动方案',
  'public.planText': '查看《相城区优化营商环境创新行动2022》58 项措施的责任单位、推进状态和进度。',
  'public.casesTitle': '典型案例',
  'public.casesText': '各部门在优化营商环境中形成的、经领导小组办公室审核发布的典型案例。',

  'plan.status.not_started': '未启动',
  'plan.status.in_progress': '推进中',
  'plan.status.completed': '已完成',
  'plan.status.lagging': '滞后',
  'plan.measureNo': '第 {no} 项',
  'plan.averageProgress': '平均进度',
  'plan.measuresTotal': '措施总数',

  'plan.my.noMeasures': '本部门目前没有承担方案中的措施。',
  'plan.my.measuresCount': '承担 {count} 项措施',
  'plan.my.laggingCount': '{count} 项滞后',
  'plan.my.openMilestones': '{count} 个未完成节点',
  'plan.my.overdueReports': '{count} 项进展逾期未报',

  'plan.report.goReport': '去填报进展',

  'plan.home.openDashboard': '打开推进看板',
  'plan.home.upcoming': '即将到期的节点',
  'plan.home.noUpcoming': '没有未完成的节点。',
} as const satisfies Record<string, string>;

export const planNavEnUS: Record<keyof typeof planNavZhCN, string> = {
  'nav.groupPlan': 'Action plan',
  'nav.planDashboard': 'Progress dashboard',
  'nav.planMeasures': 'Measures',
  'nav.planMy': 'My department',
  'nav.planCases': 'Typical cases',
  'nav.planKpis': 'KPIs',
  'nav.planImport': 'Plan import',

  'public.planTitle': 'Action plan',
  'public.planText':
    'The 58 measures of the 2022 Xiangcheng business-environment action plan: responsible units, status and progress.',
  'public.casesTitle': 'Typical cases',
  'public.casesText':
    'Good practice from the departments, reviewed and published by the leading-group office.',

  'plan.status.not_started': 'Not started',
  'plan.status.in_progress': 'In progress',
  'plan.status.completed': 'Completed',
  'plan.status.lagging': 'Lagging',
  'plan.measureNo': 'Measure {no}',
  'plan.averageProgress': 'Average progress',
  'plan.measuresTotal': 'Measures',

  'plan.my.noMeasures': 'Your department has no measures in the plan.',
  'plan.my.measuresCount': '{count} measures',
  'plan.my.laggingCount': '{count} lagging',
  'plan.my.openMilestones': '{count} open milestones',
  'plan.my.overdueReports': '{count} report(s) overdue',

  'plan.report.goReport': 'Report progress',

  'plan.home.openDashboard': 'Open the dashboard',
  'plan.home.upcoming': 'Milestones coming up',
  'plan.home.noUpcoming': 'No open milestones.',
};
