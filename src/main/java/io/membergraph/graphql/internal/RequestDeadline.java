package io.membergraph.graphql.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.ErrorClassification;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;

/**
 * Ends a request that runs past its time limit. Fields run one after another on the request's thread, so a time-out
 * that only stops waiting for the answer (Spring's {@code TimeoutWebGraphQlInterceptor}) would let the work go on;
 * here every field first checks the request's deadline, and once it has passed the execution is cancelled: no
 * further field starts, and the answer is one {@code REQUEST_TIMEOUT} error saying so. One field already running
 * (a single analysis) finishes; the expensive-fields limit bounds how many such fields a request may hold. A
 * request whose client hangs up is stopped sooner ({@link AbandonedRequests}).
 */
public final class RequestDeadline extends SimplePerformantInstrumentation {

	static final ErrorClassification REQUEST_TIMEOUT = ErrorClassification.errorClassification("REQUEST_TIMEOUT");

	private final Clock clock;

	private final Duration limit;

	public RequestDeadline(Clock clock, Duration limit) {
		this.clock = clock;
		this.limit = limit;
	}

	private static final class Deadline implements InstrumentationState {

		private final Instant at;

		private volatile boolean passed;

		Deadline(Instant at) {
			this.at = at;
		}

	}

	@Override
	public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
		return new Deadline(clock.instant().plus(limit));
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		if (!(state instanceof Deadline deadline)) {
			return dataFetcher;
		}
		return environment -> {
			if (clock.instant().isBefore(deadline.at)) {
				return dataFetcher.get(environment);
			}
			deadline.passed = true;
			parameters.getExecutionContext().getExecutionInput().cancel();
			return null;
		};
	}

	/** graphql-java reports a cancelled execution in general words; the caller is told why and what to do. */
	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		if (!(state instanceof Deadline deadline) || !deadline.passed) {
			return CompletableFuture.completedFuture(result);
		}
		List<GraphQLError> errors = new ArrayList<>();
		errors.add(GraphqlErrorBuilder.newError()
			.errorType(REQUEST_TIMEOUT)
			.message("Request time-out: the request ran longer than its limit of %s s and was stopped; "
					+ "ask for fewer fields per request", Math.max(1, limit.toSeconds()))
			.extensions(Map.of("limitSeconds", limit.toSeconds()))
			.build());
		result.getErrors().stream().filter(error -> !(error instanceof AbortExecutionException)).forEach(errors::add);
		return CompletableFuture.completedFuture(result.transform(changed -> changed.errors(errors)));
	}

}
