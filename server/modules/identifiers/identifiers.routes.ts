import type { AppContext, HttpApp } from '../../kernel/context.ts';
import { IdCardCheckBody, IdCardCheckSchema, UsccCheckSchema, UsccParams } from './identifiers.schemas.ts';
import { checkIdCardNumber, checkUsccCode } from './identifiers.service.ts';

const tags = ['identifiers'];

export function identifiersRoutes(app: HttpApp, ctx: AppContext): void {
  app.get(
    '/api/identifiers/uscc/:code',
    {
      config: { permission: 'public' },
      schema: {
        tags,
        summary: '校验并解析统一社会信用代码（GB 32100-2015）',
        description: '无效代码同样返回 200，`valid: false` 并给出原因。',
        params: UsccParams,
        response: { 200: UsccCheckSchema },
      },
    },
    async (req) => checkUsccCode(req.params.code),
  );

  app.post(
    '/api/identifiers/id-card/check',
    {
      config: { permission: 'authenticated' },
      schema: {
        tags,
        summary: '校验居民身份证号码（GB 11643-1999）',
        description: '号码属于个人信息，只经请求体提交；响应只含脱敏号码。',
        body: IdCardCheckBody,
        response: { 200: IdCardCheckSchema },
      },
    },
    async (req) => checkIdCardNumber(ctx, req.body.number),
  );
}
