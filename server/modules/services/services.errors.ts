import { defineErrors } from '../../kernel/errors.ts';

export const ServicesErrors = defineErrors({
  SERVICES_TASK_STATE: { status: 409, title: 'The task is not in a state that allows this action' },
  SERVICES_TASK_NOT_CLAIMER: { status: 409, title: 'The task is claimed by another officer' },
  SERVICES_APPLICATION_CLOSED: { status: 409, title: 'The application is already finished' },
  SERVICES_SUPPLEMENT_ANSWERED: { status: 409, title: 'The supplement request was already answered' },
  SERVICES_NOTICE_CLOSED: { status: 409, title: 'The deregistration notice is no longer running' },
  SERVICES_CREDIT_BLOCKED: { status: 422, title: 'The applicant is blocked by a credit sanction' },
  SERVICES_PROMISE_REFUSED: {
    status: 422,
    title: 'The notify-and-promise procedure is not available to this applicant',
  },
  SERVICES_BUNDLE_INACTIVE: { status: 422, title: 'The bundle is not open for applications' },
  SERVICES_ENTERPRISE_REQUIRED: {
    status: 422,
    title: 'The bundle can only be applied for by an enterprise account',
  },
  SERVICES_BUNDLE_INVALID: { status: 400, title: 'The bundle definition is invalid' },
  SERVICES_ITEM_INVALID: { status: 400, title: 'The service item definition is invalid' },
  SERVICES_CODE_TAKEN: { status: 409, title: 'A service item or bundle with this code already exists' },
});

// Adds these codes to the ErrorCode union (a misspelt code does not compile).
declare module '../../kernel/errors.ts' {
  interface ErrorCatalogues {
    services: typeof ServicesErrors;
  }
}
