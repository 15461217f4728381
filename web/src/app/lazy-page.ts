import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { addDictionary, type FeatureDictionary } from './i18n.ts';

/** Loads a feature's words: `() => import('./credit.i18n.ts').then((m) => m.creditDictionary)`. */
export type DictionaryLoader = () => Promise<FeatureDictionary>;

export interface LazyPageOptions {
  /** The feature dictionaries the page's words come from, loaded together with its chunk. */
  dictionaries?: readonly DictionaryLoader[];
}

/**
 * Every page is its own chunk, so the login page downloads only what it needs; a feature's words arrive with the
 * first of its pages (the page renders only once they are there).
 */
export function lazyPage<K extends string>(
  load: () => Promise<{ [P in K]: ComponentType }>,
  name: K,
  options: LazyPageOptions = {},
): LazyExoticComponent<ComponentType> {
  return lazy(async () => {
    const [module, ...dictionaries] = await Promise.all([
      load(),
      ...(options.dictionaries ?? []).map((loader) => loader()),
    ]);
    for (const dictionary of dictionaries) addDictionary(dictionary);
    const component: ComponentType = module[name];
    return { default: component };
  });
}
