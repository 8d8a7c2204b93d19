/**
 * The GraphQL and REST plumbing every feature's API runs through: scalars, error mapping, request limits (depth,
 * complexity, expensive fields, size, time-out, clients that hung up), small-group withholding, readiness gate and
 * operation metrics.
 * Features do not call it; it wraps their controllers.
 */
package io.membergraph.graphql;
