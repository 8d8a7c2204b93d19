package io.membergraph.security.internal;

import java.time.Clock;
import java.time.Duration;

import io.membergraph.security.ShownGroups;
import io.membergraph.security.ShownSets;
import io.membergraph.shared.DurationSetting;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one memory of the member sets a caller was shown ({@link ShownGroups#MEMBER_SETS}): segment previews and the
 * members of analysis scopes are set against each other, so both read and write it through one instance, whose
 * claims then never lose to each other within the service.
 */
@Configuration(proxyBeanMethods = false)
class MemberSetsShown {

	@Bean
	ShownGroups shownMemberSets(ShownSets kept, Clock clock,
			@Value("${membergraph.privacy.min-group-size:5}") int minGroupSize,
			@Value("${membergraph.privacy.preview-memory:PT24H}") Duration memory,
			@Value("${membergraph.privacy.remembered-per-caller:2000}") int capacity) {
		return new ShownGroups(ShownGroups.MEMBER_SETS, minGroupSize, DurationSetting.within(
				"membergraph.privacy.preview-memory", memory, Duration.ofHours(1), Duration.ofDays(366)),
				ShownGroups.capacity(capacity), clock, kept);
	}

}
