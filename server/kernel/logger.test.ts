import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, maskPersonalData } from './logger.ts';

function capture(): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { logger: pino(loggerOptions('info'), stream), lines };
}

describe('logging', () => {
  it('masks ID-card and mobile numbers', () => {
    expect(maskPersonalData('身份证 11010519491231002X 电话 13812345678')).toBe(
      '身份证 110105********002X 电话 138****5678',
    );
  });

  it('redacts passwords and tokens and masks personal numbers in messages', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'hunter2',
        body: { newPassword: 'x', token: 'ys_abc' },
        req: { headers: { cookie: 'ys_session=secret', authorization: 'Bearer t' } },
      },
      'user 11010519491231002X called from 13812345678',
    );
    const out = lines.join('');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('ys_abc');
    expect(out).not.toContain('ys_session=secret');
    expect(out).not.toContain('11010519491231002X');
    expect(out).not.toContain('13812345678');
    expect(out).toContain('110105********002X');
  });
});
