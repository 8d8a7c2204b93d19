/**
 * Segments: a small language in which a CRM specialist describes a group of members by who they are and
 * what they did, compiled to a typed condition tree (docs/segments.md).
 */
package io.membergraph.segment;
