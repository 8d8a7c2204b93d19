package io.membergraph.graphql.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import io.micrometer.core.instrument.Counter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Stops a request whose client has hung up. Fields run one after another on the request's thread, and nothing
 * tells that thread the client has gone, so a request that has run for {@code after} asks its {@link ClientLine}
 * at the start of a field, at most once every {@code every}; once the client is gone the execution is cancelled
 * and no further field starts. A client that leaves is noticed at the second question after it left (the first
 * write after a close still succeeds), so its work ends within about {@code after + 2 × every}, or when the field
 * then running finishes. Quick requests, most of them, are never asked about and answered as Spring writes them.
 */
public final class AbandonedRequests extends SimplePerformantInstrumentation {

	private static final Log log = LogFactory.getLog(AbandonedRequests.class);

	private final Clock clock;

	private final Duration after;

	private final Duration every;

	private final Supplier<ClientLine> lines;

	private final Counter stopped;

	/**
	 * @param lines the line to the client of the request starting on this thread
	 * @param stopped counts the requests stopped because their client had gone
	 */
	AbandonedRequests(Clock clock, Duration after, Duration every, Supplier<ClientLine> lines, Counter stopped) {
		this.clock = clock;
		this.after = after;
		this.every = every;
		this.lines = lines;
		this.stopped = stopped;
	}

	private static final class Watch implements InstrumentationState {

		private final ClientLine line;

		private final Instant started;

		private Instant nextQuestion;

		private boolean gone;

		Watch(ClientLine line, Instant started, Instant firstQuestion) {
			this.line = line;
			this.started = started;
			this.nextQuestion = firstQuestion;
		}

		synchronized boolean hasGone() {
			return gone;
		}

		/** Whether this question, if one is due, finds the client gone. */
		synchronized boolean findsGone(Instant now, Duration every) {
			if (gone || now.isBefore(nextQuestion)) {
				return false;
			}
			nextQuestion = now.plus(every);
			gone = !line.stillThere();
			return gone;
		}

	}

	@Override
	public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
		Instant now = clock.instant();
		return new Watch(lines.get(), now, now.plus(after));
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		if (!(state instanceof Watch watch) || watch.line == ClientLine.NONE) {
			return dataFetcher;
		}
		return environment -> {
			if (watch.hasGone()) {
				return null;
			}
			Instant now = clock.instant();
			if (watch.findsGone(now, every)) {
				stopped.increment();
				log.info(String.format("Stopped a GraphQL request after %d ms: its client has gone (next field %s)",
						Duration.between(watch.started, now).toMillis(), environment.getExecutionStepInfo().getPath()));
				parameters.getExecutionContext().getExecutionInput().cancel();
				return null;
			}
			return dataFetcher.get(environment);
		};
	}

}
