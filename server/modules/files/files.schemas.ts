import { Type, type Static } from 'typebox';

export const FileSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ description: '显示用文件名（已清理）' }),
  contentType: Type.String({ description: '按文件内容识别的类型（不采信客户端声明）' }),
  sizeBytes: Type.Integer(),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  createdAt: Type.String({ format: 'date-time' }),
});
export type FileDto = Static<typeof FileSchema>;

export const FileIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
