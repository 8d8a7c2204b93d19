/**
 * Commerce: the product catalogue and orders from every channel, with refunds, kept in step with each
 * member's stats.
 */
package io.membergraph.commerce;
