import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export type FilesTables = {
  stored_file: {
    id: Generated<string>;
    owner_module: string;
    owner_id: string | null;
    uploaded_by: string | null;
    /** What the client called it (control characters removed), kept for the record; never used as a path. */
    original_name: string;
    /** Sanitised display name, used for downloads. */
    safe_name: string;
    content_type: string;
    size_bytes: ColumnType<number, number, number>;
    sha256: string;
    storage_key: string;
    purpose: Generated<string>;
    created_at: Generated<Date>;
  };
};

export type StoredFileRow = Selectable<FilesTables['stored_file']>;
export type NewStoredFileRow = Insertable<FilesTables['stored_file']>;
