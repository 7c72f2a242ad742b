/**
 * The durable embedded store: SQLite in WAL mode, schema versions migrated at start, and typed
 * tables of SDK model records served from memory with write-through persistence.
 */
package io.kecs.store;
