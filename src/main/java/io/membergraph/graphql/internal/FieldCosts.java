package io.membergraph.graphql.internal;

import java.util.concurrent.atomic.AtomicInteger;

import graphql.ExecutionResult;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLFieldDefinition;

/**
 * What each field costs, from the schema's {@code @cost(weight:)}, and the cap on expensive fields per request.
 * An alias is a field of its own, so {@code a: rfm(...) b: rfm(...)} costs twice: five hundred aliased analyses
 * are refused before the first one runs, instead of occupying the service for minutes.
 */
public final class FieldCosts {

	/** From this weight on a field is expensive: an analysis or whole-population work. */
	static final int EXPENSIVE = 100;

	private FieldCosts() {
	}

	static int weight(GraphQLFieldDefinition field) {
		GraphQLAppliedDirective cost = field.getAppliedDirective("cost");
		if (cost == null || cost.getArgument("weight") == null) {
			return 1;
		}
		Object weight = cost.getArgument("weight").getValue();
		return weight instanceof Number number ? number.intValue() : 1;
	}

	/** Refuses a request holding more expensive fields than allowed, before any of it runs. */
	static final class ExpensiveFieldsLimit extends SimplePerformantInstrumentation {

		private final int maxExpensiveFields;

		ExpensiveFieldsLimit(int maxExpensiveFields) {
			this.maxExpensiveFields = maxExpensiveFields;
		}

		@Override
		public InstrumentationContext<ExecutionResult> beginExecuteOperation(
				InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
			AtomicInteger expensive = new AtomicInteger();
			OperationFields.visit(parameters.getExecutionContext(), field -> {
				if (weight(field.getFieldDefinition()) >= EXPENSIVE) {
					expensive.incrementAndGet();
				}
			});
			if (expensive.get() > maxExpensiveFields) {
				throw new AbortExecutionException("The request asks for " + expensive.get()
						+ " analyses or other expensive fields; at most " + maxExpensiveFields
						+ " are answered per request (membergraph.graphql.max-expensive-fields): send them in several requests");
			}
			return super.beginExecuteOperation(parameters, state);
		}

	}

}
