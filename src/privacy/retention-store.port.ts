/** The store as the retention job sees it: it may forget raw text, and do nothing else. */
export interface RetentionStore {
  /** Drops the raw text of answers older than `before`, keeping themes and counts. Returns rows purged. */
  purgeTextBefore(before: Date): Promise<number>;
}
