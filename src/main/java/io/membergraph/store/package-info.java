/**
 * The document store: its wiring (the embedded default or a configured MongoDB), the embedded store's
 * workarounds kept in one place ({@link io.membergraph.store.SnapshotMemoryBackend}: the {@code _id} index for
 * guarded updates, an index of {@code memberId}, write counters, shared strings), {@code _id} lookups in bulk,
 * records written as documents for the bulk paths ({@link io.membergraph.store.RecordDocuments}), and change-stamped
 * in-memory views that reread only what was written since.
 */
package io.membergraph.store;
