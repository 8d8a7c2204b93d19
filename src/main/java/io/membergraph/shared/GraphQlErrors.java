package io.membergraph.shared;

import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;

/**
 * Turns invalid input into a GraphQL error classified {@code BAD_REQUEST} whose extensions name the
 * offending field and the reason, so a client can show it next to the right input.
 */
@Component
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof InvalidInputException invalid) {
			return badRequest(env, invalid.field(), invalid.reason());
		}
		if (ex instanceof BindException bind && bind.getFieldError() != null) {
			FieldError error = bind.getFieldError();
			return badRequest(env, error.getField(), "has an invalid value");
		}
		return null;
	}

	private static GraphQLError badRequest(DataFetchingEnvironment env, String field, String reason) {
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.BAD_REQUEST)
			.message("Invalid input: %s %s", field, reason)
			.extensions(Map.of("field", field, "reason", reason))
			.build();
	}

}
