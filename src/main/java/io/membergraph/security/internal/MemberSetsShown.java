package io.membergraph.security.internal;

import io.membergraph.security.ShownGroups;
import io.membergraph.security.ShownMemories;
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
	ShownGroups shownMemberSets(ShownMemories memories) {
		return memories.of(ShownGroups.MEMBER_SETS);
	}

}
