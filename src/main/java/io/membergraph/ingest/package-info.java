/**
 * Data integration: reading channel exports (CSV, NDJSON, JSON, Excel workbooks, gzip), mapping their columns,
 * cleaning their values, and rejecting bad rows with a precise reason. Import jobs, identity resolution and member
 * merge build on it.
 */
package io.membergraph.ingest;
