package io.membergraph.graphql.internal;

import java.util.List;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.membergraph.shared.InvalidInputException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * GraphQL's own errors quote what they refuse whole: an unknown field's name (twice), an enum value, an argument
 * of the wrong type. A request of a megabyte could so be answered with two. Each message longer than the service's
 * own reasons is cut to its start and end, as {@link InvalidInputException} cuts those; nothing else of the error
 * changes. Outermost, so that it sees the errors of every other step.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ShortErrorMessages implements WebGraphQlInterceptor {

	/** Room for the longest message the service writes: "Invalid input: ", a field and a reason. */
	static final int MAX_MESSAGE = 1_300;

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return chain.next(request).map(response -> {
			List<GraphQLError> errors = response.getExecutionResult().getErrors();
			if (errors.stream().noneMatch(ShortErrorMessages::tooLong)) {
				return response;
			}
			return response.transform(builder -> builder.errors(errors.stream().map(ShortErrorMessages::shortened).toList()));
		});
	}

	private static boolean tooLong(GraphQLError error) {
		return error.getMessage() != null && error.getMessage().length() > MAX_MESSAGE;
	}

	private static GraphQLError shortened(GraphQLError error) {
		if (!tooLong(error)) {
			return error;
		}
		return GraphqlErrorBuilder.newError()
			.message("%s", InvalidInputException.cut(error.getMessage(), MAX_MESSAGE))
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(error.getErrorType())
			.extensions(error.getExtensions())
			.build();
	}

}
