package io.membergraph.segment.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentLanguageWarmUpTests {

	/** A condition the language no longer takes would warm nothing but the error path. */
	@Test
	void everyWarmUpConditionIsOneTheLanguageTakes() {
		assertThat(SegmentLanguageWarmUp.check()).isEmpty();
	}

}
