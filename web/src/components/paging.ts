export interface PagingParams {
  page: number;
  pageSize: number;
}

export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** Reads `page` (from 1) and `pageSize` (≤ 100, the server's limit) from the URL, falling back to defaults. */
export function readPaging(params: URLSearchParams, defaultSize: number = DEFAULT_PAGE_SIZE): PagingParams {
  const page = Number(params.get('page'));
  const size = Number(params.get('pageSize'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: Number.isInteger(size) && size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : defaultSize,
  };
}
