import type { Generated } from 'kysely';

export type EnterpriseSize = 'micro' | 'small' | 'medium' | 'large';
export type EntityType = 'company' | 'individual_business' | 'cooperative';

export type EnterpriseTables = {
  enterprise: {
    id: Generated<string>;
    uscc: string;
    name: string;
    legal_representative: string;
    industry_section: string;
    industry_division: string;
    industry_name: string;
    size: EnterpriseSize;
    entity_type: EntityType;
    registered_capital: number;
    employees: number;
    annual_revenue: number;
    founded_on: string;
    town: string;
    address: string;
    phone: string;
    high_tech: boolean;
    specialised_sme: boolean;
    status: string;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
};
