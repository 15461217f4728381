/** The `errors.<CODE>[.<reason>]` sentences of the services module's problem codes, loaded with its pages. */
import type { FeatureDictionary } from '../../app/i18n.ts';

export const servicesErrorWords: FeatureDictionary = { 'zh-CN': {}, 'en-US': {} };
