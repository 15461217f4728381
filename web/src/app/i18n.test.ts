import { describe, expect, it } from 'vitest';
import { formatMessage, placeholders, translate } from './i18n.ts';

describe('formatMessage', () => {
  it('fills placeholders and leaves unknown ones as written', () => {
    expect(formatMessage('en-US', '{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks plural forms by the language: 1 day, 2 days', () => {
    const days = '{count, plural, =0 {no days} one {# day} other {# days}}';
    expect(formatMessage('en-US', days, { count: 1 })).toBe('1 day');
    expect(formatMessage('en-US', days, { count: 2 })).toBe('2 days');
    expect(formatMessage('en-US', days, { count: 0 })).toBe('no days');
    expect(formatMessage('zh-CN', '{n, plural, other {# 天}}', { n: 1 })).toBe('1 天');
  });

  it('English dictionary strings use it', () => {
    expect(translate('en-US', 'home.workdaysShort', { count: 1 })).toBe('1 working day');
    expect(translate('en-US', 'home.workdaysShort', { count: 249 })).toBe('249 working days');
  });

  it('lists the placeholders a message needs', () => {
    expect(placeholders('en-US', 'errors.CALENDAR_YEAR_NOT_LOADED')).toEqual(['year']);
    expect(placeholders('en-US', 'home.workdaysShort')).toEqual(['count']);
  });
});
