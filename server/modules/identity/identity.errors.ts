import { defineErrors } from '../../kernel/errors.ts';

export const IdentityErrors = defineErrors({
  INVALID_CREDENTIALS: { status: 401, title: 'Wrong username or password' },
  ACCOUNT_LOCKED: { status: 423, title: 'Account temporarily locked after repeated failed logins' },
  ACCOUNT_DISABLED: { status: 403, title: 'Account disabled' },
  PASSWORD_TOO_WEAK: { status: 400, title: 'Password does not meet the password rule' },
  ROLE_ASSIGNMENT_INVALID: {
    status: 400,
    title: 'Role assignment breaks separation of duties or account kind',
  },
  USERNAME_TAKEN: { status: 409, title: 'Username already in use' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    identity: typeof IdentityErrors;
  }
}
