import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { UserKind } from '../../kernel/policy.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type IdentityTables = {
  department: {
    id: Generated<string>;
    code: string;
    name: string;
    short_name: string;
    kind: string;
    created_at: Generated<Date>;
  };
  app_user: {
    id: Generated<string>;
    username: string;
    display_name: string;
    kind: UserKind;
    roles: ColumnType<string[], string[] | undefined, string[]>;
    password_hash: string;
    department_id: string | null;
    enterprise_id: string | null;
    id_card_number: string | null;
    phone: string | null;
    failed_attempts: Generated<number>;
    locked_until: Date | null;
    last_login_at: Date | null;
    password_changed_at: Generated<Date>;
    must_change_password: Generated<boolean>;
    disabled: Generated<boolean>;
    created_at: Generated<Date>;
    updated_at: Timestamp;
  };
  session: {
    id: Generated<string>;
    token_hash: string;
    user_id: string;
    created_at: Generated<Date>;
    expires_at: Date;
    revoked_at: Date | null;
    ip: string | null;
    user_agent: string | null;
  };
  api_token: {
    id: Generated<string>;
    token_hash: string;
    prefix: string;
    name: string;
    user_id: string;
    created_at: Generated<Date>;
    expires_at: Date | null;
    revoked_at: Date | null;
    last_used_at: Date | null;
  };
};

export type DepartmentRow = Selectable<IdentityTables['department']>;
export type UserRow = Selectable<IdentityTables['app_user']>;
export type NewUserRow = Insertable<IdentityTables['app_user']>;
export type SessionRow = Selectable<IdentityTables['session']>;
export type NewSessionRow = Insertable<IdentityTables['session']>;
export type ApiTokenRow = Selectable<IdentityTables['api_token']>;
export type NewApiTokenRow = Insertable<IdentityTables['api_token']>;
