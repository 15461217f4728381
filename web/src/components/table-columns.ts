import type { CSSProperties } from 'react';

const style: CSSProperties = { whiteSpace: 'nowrap' };

/** Spread into a Table column whose values (codes, times, short words) read badly when wrapped. */
export const noWrap = {
  onCell: () => ({ style }),
  onHeaderCell: () => ({ style }),
} as const;
