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

export interface WorkdaysBetweenResult {
  from: string;
  to: string;
  workdays: number;
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

export interface Department {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface StoredFile {
  id: string;
  name: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: string;
}
