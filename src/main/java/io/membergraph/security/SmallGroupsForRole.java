package io.membergraph.security;

import java.util.Map;

import io.membergraph.graphql.SmallGroups;
import reactor.core.publisher.Mono;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * Marks each GraphQL request whose caller may not read members in full (MARKETER), so that aggregates resting on
 * too few members are withheld from it ({@link SmallGroups}). Read here, on the request's thread, where the
 * caller is known.
 */
@Component
class SmallGroupsForRole implements WebGraphQlInterceptor {

	private final Caller caller;

	SmallGroupsForRole(Caller caller) {
		this.caller = caller;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		boolean hidden = !caller.readsAnyMember();
		request.configureExecutionInput((input, builder) -> builder
			.graphQLContext(Map.of(SmallGroups.HIDDEN_FROM_CALLER, hidden))
			.build());
		return chain.next(request);
	}

}
