/**
 * The policy engine (pure, no database): the fact catalogue, rule validation, compiled evaluation
 * (json-logic-engine, compiled mode, cached), condition-by-condition explanations, benefit formulas and the
 * translation of the supported JsonLogic subset to SQL. Matching and the enterprise facts store live beside it
 * (`../matching.service.ts`, `../facts.*.ts`). Contract: docs/policy-api.md.
 */
export type {
  FactType,
  FactSubject,
  FactSourceKind,
  FactOption,
  FactDefinition,
  FactCatalogue,
  FactValues,
  FactValueError,
} from './facts.ts';
export {
  loadFactCatalogue,
  parseFactCatalogue,
  factCatalogue,
  factsOf,
  findFact,
  factValueProblem,
  validateFactValues,
  FACT_TYPES,
  FACT_SUBJECTS,
  FACT_SOURCE_KINDS,
} from './facts.ts';
export type { Rule, RuleError, RuleValidation } from './validate.ts';
export { validateRule, SUPPORTED_OPERATORS } from './validate.ts';
export { compileRule, evaluateRule, tryEvaluate, isTruthy } from './compile.ts';
export { requireKnownFacts } from './known.ts';
export type { Condition, ConditionText, Explanation } from './explain.ts';
export { explainRule, describeRule, summarizeExplanation, formatFactValue } from './explain.ts';
export type { BenefitFormula, BenefitResult } from './benefit.ts';
export { evaluateBenefit, validateBenefit, describeBenefit } from './benefit.ts';
export type { SqlFragment, SqlColumn, SqlColumnOf } from './sql.ts';
export { ruleToSql, valueToSql } from './sql.ts';
