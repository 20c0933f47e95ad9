// Page arithmetic of the paged lists (pages from 1, `size` rows each).

export const pageCount = (total: number, size: number): number => Math.max(1, Math.ceil(total / size));

export const pageOffset = (page: number, size: number): number => (page - 1) * size;

/** The rows a page shows, 1-based ("26–50" of page 2 of 25 rows); 0–0 when it shows none. */
export function pageRange(page: number, shown: number, size: number): { from: number; to: number } {
  const from = shown === 0 ? 0 : pageOffset(page, size) + 1;
  return { from, to: shown === 0 ? 0 : from + shown - 1 };
}
