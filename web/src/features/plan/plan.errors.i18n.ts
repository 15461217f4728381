/** Sentences for the action-plan module's error codes (`errors.<CODE>[.<reason>]`), loaded with the plan pages. */
import type { FeatureDictionary } from '../../app/i18n.ts';

export const planErrorWords: FeatureDictionary = { 'zh-CN': {}, 'en-US': {} };
