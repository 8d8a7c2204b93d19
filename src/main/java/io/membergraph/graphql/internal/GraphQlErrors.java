package io.membergraph.graphql.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.membergraph.shared.ForbiddenFieldException;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.RefusedException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.stereotype.Component;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;

/**
 * Turns invalid input into a GraphQL error classified {@code BAD_REQUEST}, and a field the caller may not use into
 * one classified {@code FORBIDDEN}, whose extensions name the offending field and the reason, so a client can show
 * it next to the right input.
 */
@Component
public class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

	@Override
	protected GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
		if (ex instanceof InvalidInputException invalid) {
			return badRequest(env, invalid);
		}
		if (ex instanceof ForbiddenFieldException forbidden) {
			return GraphqlErrorBuilder.newError(env)
				.errorType(ErrorType.FORBIDDEN)
				.message("Forbidden: %s %s", forbidden.field(), forbidden.reason())
				.extensions(Map.of("field", forbidden.field(), "reason", forbidden.reason()))
				.build();
		}
		if (ex instanceof BindException bind && bind.getFieldError() != null) {
			FieldError error = bind.getFieldError();
			return badRequest(env, new InvalidInputException(error.getField(), "has an invalid value"));
		}
		return null;
	}

	private static GraphQLError badRequest(DataFetchingEnvironment env, InvalidInputException invalid) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("field", invalid.field());
		extensions.put("reason", invalid.reason());
		if (invalid instanceof RefusedException refused) {
			extensions.put("code", refused.code());
		}
		if (invalid.problems().size() > 1) {
			extensions.put("problems", invalid.problems().stream()
				.map(p -> Map.of("field", p.field(), "reason", p.reason()))
				.toList());
		}
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.BAD_REQUEST)
			.message("Invalid input: %s %s", invalid.field(), invalid.reason())
			.extensions(extensions)
			.build();
	}

}
