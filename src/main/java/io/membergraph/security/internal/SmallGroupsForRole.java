package io.membergraph.security.internal;

import java.util.Map;

import io.membergraph.graphql.SmallGroups;
import io.membergraph.security.Caller;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Marks each GraphQL request whose caller may not read members in full (MARKETER), so that aggregates resting on
 * too few members are withheld from it ({@link SmallGroups}). Read here, on the request's thread, where the
 * caller is known.
 */
@Component
public class SmallGroupsForRole implements WebGraphQlInterceptor {

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
