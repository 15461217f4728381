/** Checks of uploaded materials shared by submission and supplement answers. */
import type { AppContext } from '../../kernel/context.ts';
import { AppError, type FieldViolation } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/policy.ts';
import { getFile, type FileDto } from '../files/index.ts';
import type { FileExt, MaterialSpec } from './services.tables.ts';

/** Files attached to an application are owned by this module (file access asks services.policy). */
export const OWNER_MODULE = 'services';

const EXT_OF_TYPE: Record<string, FileExt> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/ofd': 'ofd',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** Checks one uploaded file against a material's accepted types and size; the file must be the actor's own. */
export async function checkMaterialFile(
  ctx: AppContext,
  actor: Actor,
  spec: MaterialSpec,
  fileId: string,
  field: string,
  errors: FieldViolation[],
): Promise<FileDto | undefined> {
  let file: FileDto;
  try {
    file = await getFile(ctx, actor, fileId);
  } catch {
    errors.push({ field: `${field}/fileId`, rule: 'exists', message: 'no such upload of yours' });
    return undefined;
  }
  const ext = EXT_OF_TYPE[file.contentType.split(';')[0]!.trim()];
  if (!ext || !spec.accept.includes(ext)) {
    errors.push({
      field: `${field}/fileId`,
      rule: 'accept',
      message: `${spec.name}: file type ${file.contentType} not accepted (allowed: ${spec.accept.join(', ')})`,
      params: { material: spec.name, type: file.contentType, allowed: spec.accept },
    });
  }
  if (file.sizeBytes > spec.maxBytes) {
    errors.push({
      field: `${field}/fileId`,
      rule: 'maxBytes',
      message: `${spec.name}: file is ${file.sizeBytes} bytes, at most ${spec.maxBytes}`,
      params: { material: spec.name, size: file.sizeBytes, limit: spec.maxBytes },
    });
  }
  return file;
}

export function failValidation(errors: FieldViolation[]): never {
  throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
    params: { count: errors.length },
    errors,
  });
}
