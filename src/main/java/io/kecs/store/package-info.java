/**
 * The durable embedded store: SQLite in WAL mode, schema versions migrated at start, typed tables
 * of SDK model records served from memory with write-through persistence, the data directory's lock
 * (one server per store), and the way past unreadable records (named at start, quarantined on
 * request).
 */
package io.kecs.store;
