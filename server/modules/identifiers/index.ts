/** Public API of the identifiers module: public checks of 统一社会信用代码 and 居民身份证号码. */
import { defineModule } from '../../kernel/context.ts';
import { identifiersRoutes } from './identifiers.routes.ts';

// Public checks only: no permissions, errors, jobs or audit actions of its own.
export const identifiersModule = defineModule({ name: 'identifiers', routes: identifiersRoutes });
