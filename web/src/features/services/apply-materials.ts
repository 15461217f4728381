/** The applicant's choice per material (a file, replaced by a promise, paper) and the request body made from them. */
import type { StoredFile } from '../../components/file-upload.tsx';
import type { BundleMaterial, MaterialInput, ReplaceableBy } from './services.api.ts';

export type Choice =
  | { kind: 'file'; file: StoredFile }
  | { kind: 'replaced'; by: ReplaceableBy; ref: string }
  | { kind: 'paper' };

export type Choices = Partial<Record<string, Choice>>;

/** A material is needed unless it is optional or 告知承诺 stands in for it. */
export function materialNeeded(m: Pick<BundleMaterial, 'required' | 'promiseReplaces'>, promise: boolean) {
  return m.required && !(promise && m.promiseReplaces === true);
}

export function materialsBody(materials: readonly BundleMaterial[], choices: Choices): MaterialInput[] {
  const out: MaterialInput[] = [];
  for (const m of materials) {
    const c = choices[m.code];
    if (!c) continue;
    if (c.kind === 'file') out.push({ code: m.code, fileId: c.file.id });
    else if (c.kind === 'paper') out.push({ code: m.code, paper: true });
    else
      out.push(c.ref ? { code: m.code, replacedBy: c.by, ref: c.ref } : { code: m.code, replacedBy: c.by });
  }
  return out;
}
