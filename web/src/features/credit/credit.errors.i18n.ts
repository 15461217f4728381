/** The `errors.<CODE>` sentences of the credit module's codes (filled in separately). */
import type { FeatureDictionary } from '../../app/i18n.ts';

export const creditErrorWords: FeatureDictionary = { 'zh-CN': {}, 'en-US': {} };
