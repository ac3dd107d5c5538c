/** What the composition root needs to run a store: a readiness check and shutdown. */
export interface StoreLifecycle {
  /**
   * One real round trip to the backend (not a query on data), so a readiness probe reports an
   * unreachable database. Rejects with STORE_UNAVAILABLE when it is unreachable or the store is closed.
   */
  ping(): Promise<void>;
  /** Releases the backend (pool, embedded database, lock); later calls on the store reject. Idempotent. */
  close(): Promise<void>;
}
