/** Pure helpers for picking files: sizes in words and the type checks an upload makes before anything is sent. */

/** The server's default upload limit (UPLOAD_MAX_BYTES); an endpoint or a material may allow less. */
export const SERVER_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The extension of a file name, lower case without the dot (`营业执照.PDF` → `pdf`). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

const normalType = (x: string) => {
  const e = x.replace(/^\./, '').toLowerCase();
  return e === 'jpeg' ? 'jpg' : e;
};

/** Whether a picked file fits an allowed type list (`jpg` also accepts `.jpeg`; an empty list accepts all). */
export function acceptsFile(accept: readonly string[], name: string): boolean {
  if (accept.length === 0) return true;
  return accept.map(normalType).includes(normalType(extensionOf(name)));
}

/** The `accept` attribute of a file input for a type list (`jpg` → `.jpg,.jpeg`). */
export function acceptAttribute(accept: readonly string[]): string | undefined {
  if (accept.length === 0) return undefined;
  const list = accept.flatMap((x) => {
    const e = normalType(x);
    return e === 'jpg' ? ['.jpg', '.jpeg'] : [`.${e}`];
  });
  return [...new Set(list)].join(',');
}

/** `PDF/PNG/JPG` for a hint. */
export function typeList(accept: readonly string[]): string {
  return accept.map((x) => normalType(x).toUpperCase()).join('/');
}
