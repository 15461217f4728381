import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** Every page is its own chunk, so the login page downloads only what it needs. */
export function lazyPage<K extends string>(
  load: () => Promise<{ [P in K]: ComponentType }>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => {
    const component: ComponentType = (await load())[name];
    return { default: component };
  });
}
