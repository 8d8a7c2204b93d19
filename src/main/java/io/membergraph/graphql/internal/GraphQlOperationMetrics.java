package io.membergraph.graphql.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.graphql.observation.DefaultExecutionRequestObservationConvention;
import org.springframework.graphql.observation.ExecutionRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * GraphQL request timings by operation name ({@code graphql_request_seconds{graphql_operation_name="memberProfile"}}),
 * so that a slow screen of a storefront or the console shows up by name. Names come from clients, so they are
 * bounded: a name that is not a plain identifier, or any name beyond the first {@value #MAX_NAMES}, counts as
 * {@code other}; a request without one as {@code unnamed}.
 */
@Component
public class GraphQlOperationMetrics extends DefaultExecutionRequestObservationConvention {

	static final int MAX_NAMES = 200;

	private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

	private final Set<String> seen = ConcurrentHashMap.newKeySet();

	@Override
	public KeyValues getLowCardinalityKeyValues(ExecutionRequestObservationContext context) {
		return super.getLowCardinalityKeyValues(context).and(KeyValue.of("graphql.operation.name",
				bounded(nameOf(context))));
	}

	/** The name the client sent, or else the one in its document, once it has been parsed. */
	private static String nameOf(ExecutionRequestObservationContext context) {
		String given = context.getExecutionInput().getOperationName();
		if (given != null || context.getExecutionContext() == null
				|| context.getExecutionContext().getOperationDefinition() == null) {
			return given;
		}
		return context.getExecutionContext().getOperationDefinition().getName();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ExecutionRequestObservationContext context) {
		return KeyValues.of(executionId(context));
	}

	private String bounded(String name) {
		if (name == null || name.isBlank()) {
			return "unnamed";
		}
		if (!NAME.matcher(name).matches()) {
			return "other";
		}
		if (seen.contains(name) || (seen.size() < MAX_NAMES && seen.add(name))) {
			return name;
		}
		return "other";
	}

}
