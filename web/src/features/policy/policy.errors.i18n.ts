/** `errors.<CODE>` sentences for the policy module's problem codes; they load with the policy pages. */
import type { FeatureDictionary } from '../../app/i18n.ts';

export const policyErrorWords: FeatureDictionary = { 'zh-CN': {}, 'en-US': {} };
