/**
 * The shared kernel: value objects (money, unit prices, channels, the business calendar), the error vocabulary every
 * feature speaks (invalid input, refusals, forbidden fields, payload errors), paging, and the start-up and recovery
 * hooks (warm-up before ready, the recovery sweep) that modules plug into.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.membergraph.shared;
