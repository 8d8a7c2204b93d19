/**
 * Campaigns: what a marketer sends to which segment, with a control group and an attribution window.
 */
package io.membergraph.campaign;
