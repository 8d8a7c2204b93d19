package io.membergraph;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Each feature package is a module; they depend on each other only through public types, without cycles. */
class ModularityTests {

	@Test
	void modulesDependOnEachOtherOnlyThroughTheirPublicApiAndWithoutCycles() {
		ApplicationModules.of(MemberGraphApplication.class).verify();
	}

}
