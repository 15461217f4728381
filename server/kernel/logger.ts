/**
 * pino options shared by every process: request ids, secrets never logged, ID-card and phone numbers masked in
 * anything that reaches a log line.
 */
import type { LoggerOptions } from 'pino';

const ID_CARD = /\b(\d{6})\d{8}(\d{3}[\dXx])\b/g;
const MOBILE = /\b(1[3-9]\d)\d{4}(\d{4})\b/g;

export function maskPersonalData(text: string): string {
  return text.replace(ID_CARD, '$1********$2').replace(MOBILE, '$1****$2');
}

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  'currentPassword',
  'newPassword',
  'token',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.passwordHash',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    hooks: {
      // Masks personal numbers in messages and string arguments, wherever a module logged them.
      logMethod(args, method) {
        const masked = args.map((a: unknown) => (typeof a === 'string' ? maskPersonalData(a) : a));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
    serializers: {
      req(req: { method?: string; url?: string; id?: string }) {
        return {
          method: req.method,
          url: typeof req.url === 'string' ? maskPersonalData(req.url) : undefined,
          id: req.id,
        };
      },
    },
  };
}
