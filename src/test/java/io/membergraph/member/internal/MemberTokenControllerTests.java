package io.membergraph.member.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberTokenControllerTests {

	/** Left unbounded, 0 or a negative allowance failed every member token request with a server error instead. */
	@Test
	void anAllowanceOutsideItsBoundsStopsTheStart() {
		assertThatThrownBy(() -> new MemberTokenController(null, null, null, null, 0))
			.hasMessage("membergraph.security.member-tokens-per-minute must be between 1 and 100000, not 0");
		assertThatThrownBy(() -> new MemberTokenController(null, null, null, null, 100_001))
			.hasMessageStartingWith("membergraph.security.member-tokens-per-minute");
	}

}
