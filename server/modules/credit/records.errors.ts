import { defineErrors } from '../../kernel/errors.ts';

export const CreditRecordErrors = defineErrors({
  CREDIT_CATEGORY_INACTIVE: {
    status: 422,
    title: 'Credit category is not active',
  },
  CREDIT_IMPORT_UNREADABLE: {
    status: 400,
    title: 'Import file cannot be read',
  },
  CREDIT_IMPORT_TOO_LARGE_UNCOMPRESSED: {
    status: 413,
    title: 'Spreadsheet expands beyond the uncompressed size limit',
  },
  CREDIT_IMPORT_NOT_FINISHED: {
    status: 409,
    title: 'Import has not finished',
  },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    creditRecord: typeof CreditRecordErrors;
  }
}
