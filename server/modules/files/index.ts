/**
 * Public API of the files module: uploads with sniffed content types, downloads guarded by the owning module's
 * access check. Other modules store files with `storeUpload` (or claim a POST /api/files upload with `attachFile`)
 * inside their own use case, and declare in their manifest's `fileAccess` who besides the uploader may read them.
 */
import { defineAuditActions } from '../../kernel/audit.ts';
import { defineModule } from '../../kernel/context.ts';
import { definePermissions } from '../../kernel/policy.ts';
import { filesRoutes } from './files.routes.ts';

const permissions = definePermissions({
  'file.upload': '上传文件',
});

declare module '../../kernel/policy.ts' {
  interface PermissionCatalogues {
    files: typeof permissions;
  }
}

declare module '../../kernel/audit.ts' {
  interface AuditActions {
    'file.uploaded': {
      name: string;
      contentType: string;
      sizeBytes: number;
      sha256: string;
      purpose: string;
      ownerModule: string;
      ownerId: string | null;
    };
  }
}

export const filesModule = defineModule({
  name: 'files',
  routes: filesRoutes,
  permissions,
  auditActions: defineAuditActions(['file.uploaded']),
});

export {
  storeUpload,
  type FileUploader,
  attachFile,
  getFile,
  UPLOAD_PURPOSES,
  type StoreUploadInput,
  type UploadPurpose,
} from './files.service.ts';
export { type FileAccessCheck } from './files.policy.ts';
export type { FileDto } from './files.schemas.ts';
