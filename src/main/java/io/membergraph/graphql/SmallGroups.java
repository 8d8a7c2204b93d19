package io.membergraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongPredicate;

import graphql.ExecutionResult;
import graphql.GraphQLContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.execution.instrumentation.parameters.InstrumentationFieldFetchParameters;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.PropertyDataFetcherHelper;
import io.membergraph.graphql.internal.GroupComplements;
import io.membergraph.shared.SettingOutOfBounds;

/**
 * Aggregates that cannot single people out: for a caller marked in the request's context (roles without full
 * member access, such as MARKETER), a count of members marked {@code @groupFigure} that is above 0 but below the
 * minimum group size is answered null, and so is every figure marked {@code @groupFigure(restsOn: "...")} when a
 * count it rests on is (element by element when the counts are a list). The response's
 * {@code extensions.privacy} lists the withheld paths, so a client can tell a withheld figure from a missing one.
 * Counts that are parts of one whole withhold one more beside a small one ({@link GroupComplements}), so that the
 * whole less the parts shown does not tell it.
 */
public final class SmallGroups extends SimplePerformantInstrumentation {

	/** The request context's key: true when small groups are withheld from this caller. */
	public static final String HIDDEN_FROM_CALLER = "membergraph.smallGroupsHidden";

	private static final String WITHHELD = "membergraph.smallGroupsWithheld";

	private static final String COMPLEMENTS = "membergraph.smallGroupsComplements";

	/** Per list field of the schema, the shape of its parts; empty where its elements carry no count of members. */
	private final Map<GraphQLFieldDefinition, Optional<GroupComplements.PartsList>> partsLists = new ConcurrentHashMap<>();

	private final int minGroupSize;

	private final LongPredicate small;

	public SmallGroups(int minGroupSize) {
		// 0 or less would not mean "off" by choice but by a typo: 1 says it (no count is withheld).
		this.minGroupSize = SettingOutOfBounds.within("membergraph.privacy.min-group-size", minGroupSize, 1, 1000);
		this.small = count -> count > 0 && count < this.minGroupSize;
	}

	@Override
	public DataFetcher<?> instrumentDataFetcher(DataFetcher<?> dataFetcher, InstrumentationFieldFetchParameters parameters,
			InstrumentationState state) {
		DataFetchingEnvironment fetch = parameters.getEnvironment();
		if (!Boolean.TRUE.equals(fetch.getGraphQlContext().get(HIDDEN_FROM_CALLER))) {
			return dataFetcher;
		}
		GraphQLFieldDefinition field = fetch.getFieldDefinition();
		GraphQLAppliedDirective figure = field.getAppliedDirective("groupFigure");
		GroupComplements.PartsList parts = GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(field.getType()))
				? partsLists.computeIfAbsent(field, f -> Optional.ofNullable(GroupComplements.PartsList.of(f))).orElse(null)
				: null;
		if (figure == null && parts == null) {
			return dataFetcher;
		}
		GraphQLAppliedDirectiveArgument restsOn = figure == null ? null : figure.getArgument("restsOn");
		String countFields = restsOn == null ? null : restsOn.getValue();
		return environment -> {
			Object value = dataFetcher.get(environment);
			if (value instanceof CompletionStage<?> later) {
				return later.thenApply(v -> withhold(v, figure, parts, countFields, environment));
			}
			return withhold(value, figure, parts, countFields, environment);
		};
	}

	private Object withhold(Object value, GraphQLAppliedDirective figure, GroupComplements.PartsList parts,
			String countFields, DataFetchingEnvironment environment) {
		if (parts != null) {
			complements(environment).withholdAlongside(value, parts);
		}
		return figure == null ? value : withhold(value, countFields, environment);
	}

	private Object withhold(Object value, String countFields, DataFetchingEnvironment environment) {
		List<String> countNames = countFields == null ? List.of(environment.getFieldDefinition().getName())
				: List.of(countFields.strip().split("\\s*,\\s*"));
		List<Object> counts = new ArrayList<>();
		if (countFields == null) {
			counts.add(value);
		}
		else {
			for (String field : countNames) {
				counts.add(PropertyDataFetcherHelper.getPropertyValue(field, environment.getSource(),
						environment.getFieldType()));
			}
		}
		Object source = environment.getSource();
		GraphQLObjectType type = environment.getParentType() instanceof GraphQLObjectType parent ? parent : null;
		GroupComplements complements = complements(environment);
		if (value instanceof List<?> values && counts.stream().anyMatch(c -> c instanceof List<?>)) {
			List<Object> shown = new ArrayList<>(values.size());
			for (int i = 0; i < values.size(); i++) {
				boolean withheld = false;
				for (int c = 0; c < counts.size() && !withheld; c++) {
					boolean perPosition = counts.get(c) instanceof List<?>;
					Object count = counts.get(c) instanceof List<?> list ? (i < list.size() ? list.get(i) : null)
							: counts.get(c);
					withheld = isSmall(count) || complements.withheldAlongside(source, type,
							perPosition ? countNames.get(c) + "[" + i + "]" : countNames.get(c));
				}
				shown.add(withheld ? null : values.get(i));
				if (withheld) {
					note(environment, environment.getExecutionStepInfo().getPath() + "[" + i + "]");
				}
			}
			return shown;
		}
		boolean withheld = false;
		for (int c = 0; c < counts.size() && !withheld; c++) {
			withheld = isSmall(counts.get(c)) || complements.withheldAlongside(source, type, countNames.get(c));
		}
		if (withheld) {
			note(environment, environment.getExecutionStepInfo().getPath().toString());
			return null;
		}
		return value;
	}

	private GroupComplements complements(DataFetchingEnvironment environment) {
		return environment.getGraphQlContext().computeIfAbsent(COMPLEMENTS,
				key -> new GroupComplements(small));
	}

	private boolean isSmall(Object count) {
		return count instanceof Number number && small.test(number.longValue());
	}

	private static void note(DataFetchingEnvironment environment, String path) {
		GraphQLContext context = environment.getGraphQlContext();
		context.computeIfAbsent(WITHHELD, key -> new ConcurrentLinkedQueue<String>());
		Queue<String> withheld = context.get(WITHHELD);
		withheld.add(path);
	}

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		Queue<String> withheld = parameters.getGraphQLContext().get(WITHHELD);
		if (withheld == null || withheld.isEmpty()) {
			return CompletableFuture.completedFuture(result);
		}
		return CompletableFuture.completedFuture(result.transform(builder -> builder.addExtension("privacy",
				Map.of("minGroupSize", minGroupSize, "withheld", List.copyOf(withheld)))));
	}

}
