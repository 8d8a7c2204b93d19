/**
 * The shared kernel: value objects (money, channels), GraphQL scalars and connections, store wiring and
 * the error vocabulary every feature speaks.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package io.membergraph.shared;
