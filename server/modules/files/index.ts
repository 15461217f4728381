/**
 * Public API of the files module: uploads with sniffed content types, downloads guarded by the owning module's
 * access check. Other modules store files with `storeUpload` (or claim a POST /api/files upload with `attachFile`)
 * inside their own use case, and call `registerFileAccess` once to say who besides the uploader may read them.
 */
import { defineModule } from '../../kernel/context.ts';
import { filesRoutes } from './files.routes.ts';

export const filesModule = defineModule({ name: 'files', routes: filesRoutes });

export {
  storeUpload,
  attachFile,
  getFile,
  UPLOAD_PURPOSES,
  type StoreUploadInput,
  type UploadPurpose,
} from './files.service.ts';
export { registerFileAccess, type FileAccessCheck } from './files.policy.ts';
export type { FileDto } from './files.schemas.ts';
