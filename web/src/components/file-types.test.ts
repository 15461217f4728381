import { describe, expect, it } from 'vitest';
import { acceptAttribute, acceptsFile, extensionOf, formatBytes, typeList } from './file-types.ts';

describe('file types', () => {
  it('reads extensions case-insensitively', () => {
    expect(extensionOf('营业执照.PDF')).toBe('pdf');
    expect(extensionOf('README')).toBe('');
  });
  it('treats jpg and jpeg as one type and accepts everything for an empty list', () => {
    expect(acceptsFile(['jpg'], 'photo.JPEG')).toBe(true);
    expect(acceptsFile(['.pdf'], 'a.pdf')).toBe(true);
    expect(acceptsFile(['pdf'], 'a.docx')).toBe(false);
    expect(acceptsFile([], 'a.exe')).toBe(true);
  });
  it('builds the accept attribute and the hint list', () => {
    expect(acceptAttribute(['pdf', 'jpg', 'jpeg'])).toBe('.pdf,.jpg,.jpeg');
    expect(acceptAttribute([])).toBeUndefined();
    expect(typeList(['pdf', '.png'])).toBe('PDF/PNG');
  });
  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(20 * 1024)).toBe('20 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
