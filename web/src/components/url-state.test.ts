import { describe, expect, it } from 'vitest';
import { applyUrlChanges } from './url-state.ts';

describe('applyUrlChanges', () => {
  it('sets and removes keys and sends a filter change back to page 1', () => {
    const next = applyUrlChanges(new URLSearchParams('page=3&status=open&q=x'), { status: 'done', q: '' });
    expect(next.get('status')).toBe('done');
    expect(next.has('q')).toBe(false);
    expect(next.has('page')).toBe(false);
  });
  it('keeps the page when the change names it', () => {
    const next = applyUrlChanges(new URLSearchParams('status=open'), { page: 2, pageSize: 50 });
    expect(next.toString()).toBe('status=open&page=2&pageSize=50');
  });
  it('does not change the params it was given', () => {
    const before = new URLSearchParams('page=2');
    applyUrlChanges(before, { page: undefined });
    expect(before.get('page')).toBe('2');
  });
});
