/**
 * Turns the fact catalogue into a query-builder configuration, without React, so the same mapping drives the
 * visual editor and can be checked on its own. The JsonLogic it exports is the subset the policy engine accepts:
 * `and`/`or` groups; `==`, `!=`, `<`, `<=`, `>`, `>=` on numbers, dates (`YYYY-MM-DD` strings) and booleans;
 * `in` for "one of" (enum in a list) and for "has" (value in an enum[] fact); `!` around `in` for the negations.
 */
import type { Config, Fields, FieldOrGroup, Operator } from '@react-awesome-query-builder/antd';
import type { Fact } from './policy.api.ts';

export interface RuleWords {
  locale: 'zh-CN' | 'en-US';
  and: string;
  or: string;
  yes: string;
  no: string;
  addRule: string;
  addGroup: string;
  remove: string;
  fieldPlaceholder: string;
  operatorPlaceholder: string;
  valuePlaceholder: string;
  notFound: string;
  operators: Record<RuleOperator, string>;
}

export const RULE_OPERATORS = [
  'equal',
  'not_equal',
  'less',
  'less_or_equal',
  'greater',
  'greater_or_equal',
  'select_equals',
  'select_not_equals',
  'select_any_in',
  'select_not_any_in',
  'multiselect_has',
  'multiselect_lacks',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

const NUMBER_OPS: RuleOperator[] = [
  'greater_or_equal',
  'greater',
  'less_or_equal',
  'less',
  'equal',
  'not_equal',
];
const DATE_OPS: RuleOperator[] = ['less_or_equal', 'less', 'greater_or_equal', 'greater', 'equal'];
const ENUM_OPS: RuleOperator[] = ['select_equals', 'select_not_equals', 'select_any_in', 'select_not_any_in'];
const SET_OPS: RuleOperator[] = ['multiselect_has', 'multiselect_lacks'];

type Var = { var: string };

/**
 * "Has qualification X" on an enum[] fact: `{"in": ["high_tech", {"var": "qualifications"}]}`. The library's own
 * multiselect operators export `some`/`all` with `{"var": ""}`, which the engine's SQL translation does not take.
 */
const setOperators: Record<'multiselect_has' | 'multiselect_lacks', Operator> = {
  multiselect_has: {
    label: 'has',
    labelForFormat: 'HAS',
    reversedOp: 'multiselect_lacks',
    jsonLogic: (field: Var, _op: string, value: unknown) => ({ in: [value, field] }),
    jsonLogic2: '#in',
  },
  multiselect_lacks: {
    label: 'lacks',
    labelForFormat: 'LACKS',
    isNotOp: true,
    reversedOp: 'multiselect_has',
    jsonLogic: (field: Var, _op: string, value: unknown) => ({ '!': { in: [value, field] } }),
    jsonLogic2: '#!in',
    _jsonLogicIsExclamationOp: true,
  },
};

export function factLabel(fact: Fact, locale: RuleWords['locale']): string {
  const label = locale === 'zh-CN' ? fact.label : fact.labelEn || fact.label;
  return fact.unit ? `${label}（${fact.unit}）` : label;
}

function listValues(fact: Fact) {
  return (fact.options ?? []).map((o) => ({ value: o.value, title: o.label }));
}

export function fieldOf(fact: Fact, words: RuleWords): FieldOrGroup {
  const label = factLabel(fact, words.locale);
  const common = { label, valueSources: ['value' as const] };
  switch (fact.type) {
    case 'number':
      return { ...common, type: 'number', operators: NUMBER_OPS, defaultOperator: 'greater_or_equal' };
    case 'integer':
      return {
        ...common,
        type: 'number',
        operators: NUMBER_OPS,
        defaultOperator: 'greater_or_equal',
        fieldSettings: { step: 1 },
      };
    case 'boolean':
      return {
        ...common,
        type: 'boolean',
        operators: ['equal'],
        defaultOperator: 'equal',
        defaultValue: true,
        fieldSettings: { labelYes: words.yes, labelNo: words.no },
      };
    case 'enum':
      return {
        ...common,
        type: 'select',
        operators: ENUM_OPS,
        defaultOperator: 'select_equals',
        fieldSettings: { listValues: listValues(fact) },
      };
    case 'enum[]':
      return {
        ...common,
        type: 'multiselect',
        operators: SET_OPS,
        defaultOperator: 'multiselect_has',
        fieldSettings: { listValues: listValues(fact) },
      };
    case 'date':
      return {
        ...common,
        type: 'date',
        operators: DATE_OPS,
        defaultOperator: 'greater_or_equal',
        fieldSettings: { dateFormat: 'YYYY-MM-DD', valueFormat: 'YYYY-MM-DD' },
      };
    default:
      // 'string', and any type this page does not know yet: compared as text.
      return { ...common, type: 'text', operators: ['equal', 'not_equal'], defaultOperator: 'equal' };
  }
}

export function ruleFields(facts: readonly Fact[], words: RuleWords): Fields {
  const fields: Fields = {};
  for (const fact of facts) fields[fact.name] = fieldOf(fact, words);
  return fields;
}

/**
 * The editor's configuration on top of a base one (the antd config in the page; the core config in checks).
 * Dates stay `YYYY-MM-DD` strings in the JsonLogic (the library would export `Date` objects).
 */
export function ruleConfig<C extends Config>(base: C, facts: readonly Fact[], words: RuleWords): C {
  const operators: Config['operators'] = { ...base.operators, ...setOperators };
  for (const key of RULE_OPERATORS) {
    const op = operators[key];
    if (op) operators[key] = { ...op, label: words.operators[key] };
  }
  const multiselect = base.types.multiselect;
  const types: Config['types'] = {
    ...base.types,
    multiselect: {
      ...multiselect,
      defaultOperator: 'multiselect_has',
      mainWidget: 'select',
      widgets: { select: { operators: SET_OPS } },
    },
  };
  const date = base.widgets.date;
  const widgets: Config['widgets'] = {
    ...base.widgets,
    ...(date
      ? {
          date: {
            ...date,
            dateFormat: 'YYYY-MM-DD',
            valueFormat: 'YYYY-MM-DD',
            jsonLogic: (value: unknown) => value,
          },
        }
      : {}),
  };
  return {
    ...base,
    operators,
    types,
    widgets,
    conjunctions: {
      AND: { ...base.conjunctions.AND, label: words.and },
      OR: { ...base.conjunctions.OR, label: words.or },
    },
    fields: ruleFields(facts, words),
    settings: {
      ...base.settings,
      showNot: false,
      showLock: false,
      canReorder: true,
      maxNesting: 3,
      canLeaveEmptyGroup: true,
      removeIncompleteRulesOnLoad: false,
      removeEmptyGroupsOnLoad: false,
      setOpOnChangeField: ['default'],
      addRuleLabel: words.addRule,
      addGroupLabel: words.addGroup,
      delGroupLabel: words.remove,
      deleteLabel: words.remove,
      fieldPlaceholder: words.fieldPlaceholder,
      operatorPlaceholder: words.operatorPlaceholder,
      valuePlaceholder: words.valuePlaceholder,
      notFoundLabel: words.notFound,
      valueLabel: words.valuePlaceholder,
      fieldLabel: words.fieldPlaceholder,
      operatorLabel: words.operatorPlaceholder,
    },
  };
}
