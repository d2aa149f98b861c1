/** Random access to stored bytes (`length` bytes from `offset`), so a reader takes only what it needs. */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;
