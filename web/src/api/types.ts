/** Response shapes of the server API (the contract the web client is written against). */

export const USER_KINDS = [
  'enterprise',
  'individual',
  'officer',
  'office',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type UserKind = (typeof USER_KINDS)[number];

export interface DepartmentRef {
  id: string;
  code: string;
  name: string;
}

export interface EnterpriseRef {
  id: string;
  uscc: string;
  name: string;
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  permissions: string[];
  department: DepartmentRef | null;
  enterprise: EnterpriseRef | null;
  mustChangePassword: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
}

// ---- calendar ----

export interface CalendarYearSummary {
  year: number;
  notice: string;
  version: number;
  workdays: number;
  updatedAt: string;
}

export const DAY_KINDS = ['workday', 'weekend', 'holiday', 'makeup_workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export interface CalendarDay {
  date: string;
  workday: boolean;
  kind: DayKind;
  holiday: string | null;
}

export interface CalendarMonth {
  month: string;
  days: CalendarDay[];
}

export interface HolidayBlock {
  name: string;
  start: string;
  end: string;
}

export interface MakeupWorkday {
  date: string;
  name: string;
}

export interface CalendarYear {
  year: number;
  notice: string;
  version: number;
  publishedOn: string | null;
  holidays: HolidayBlock[];
  makeupWorkdays: MakeupWorkday[];
  workdays: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CalendarYearInput {
  notice: string;
  publishedOn?: string;
  holidays: HolidayBlock[];
  makeupWorkdays: MakeupWorkday[];
}

export interface AddWorkdaysResult {
  from: string;
  days: number;
  date: string;
}

export interface WorkdaysBetweenResult {
  from: string;
  to: string;
  workdays: number;
}

// ---- identifiers ----

export interface CodeName {
  code: string;
  name: string;
}

export interface UsccCheck {
  code: string;
  valid: boolean;
  reason: string | null;
  reasonCode: string | null;
  registrationAuthority: CodeName | null;
  entityType: CodeName | null;
  division: { code: string; name: string | null } | null;
  organizationCode: string | null;
}

// ---- notifications ----

export interface Notification {
  id: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
  scope: 'user' | 'department';
}

export interface NotificationPage extends Page<Notification> {
  unread: number;
}

// ---- enterprises ----

export const ENTERPRISE_SIZES = ['micro', 'small', 'medium', 'large'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];

export interface Enterprise {
  id: string;
  uscc: string;
  name: string;
  legalRepresentative: string;
  industrySection: string;
  /** Sent by the server although not in the first contract; used when present. */
  industrySectionName?: string;
  industryDivision: string;
  industryName: string;
  size: EnterpriseSize;
  entityType: string;
  registeredCapital: number | string;
  employees: number;
  annualRevenue?: number;
  foundedOn: string;
  town: string;
  address: string;
  highTech: boolean;
  specialisedSme: boolean;
  status: string;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface EnterpriseStats {
  total: number;
  bySize: KeyCount[];
  byTown: KeyCount[];
  bySection: (KeyCount & { name: string })[];
}

export interface Department {
  id: string;
  code: string;
  name: string;
  kind: string;
}

// ---- administration ----

export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  kind: UserKind;
  department: string | null;
  enterprise: string | null;
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  disabled: boolean;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  actor: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  hash: string;
  prevHash: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: null | { id: string | number; reason: string };
}

export interface JobQueue {
  name: string;
  description: string;
  queued: number;
  active: number;
  failed: number;
  /** Every job the queue holds, whatever its state. */
  total: number;
  /** The latest progress a running job reported in this process, if any. */
  lastProgress: { percent: number; message: string | null; at: string } | null;
  /** Cron expression, when the queue runs on a schedule. */
  schedule?: string | null;
}
