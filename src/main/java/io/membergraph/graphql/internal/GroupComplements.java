package io.membergraph.graphql.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.PropertyDataFetcherHelper;

/**
 * The counts withheld beside a small one, so that a whole shown elsewhere less the parts shown never tells a small
 * group. Withholding only the small count would not hide it: the members of a lifecycle stage less the moves from it
 * that are shown is the move withheld. So parts of one group withhold none, or two or more with at least one not
 * small, whose sum is then never a small group either. The parts are those of a list (the whole list, and the
 * elements alike in the fields its {@code @groupParts(within:)} names) and an object's counts named by its type's
 * {@code @groupParts(counts:)}. One per request, in its context.
 */
public final class GroupComplements {

	private static final String DIRECTIVE = "groupParts";

	/** Source objects and their count fields withheld though not small themselves. */
	private final Map<Object, Set<String>> alsoWithheld = Collections.synchronizedMap(new IdentityHashMap<>());

	private final LongPredicate small;

	public GroupComplements(LongPredicate small) {
		this.small = small;
	}

	/**
	 * A list field's shape when its elements carry counts of members: what {@link #withholdAlongside} needs.
	 *
	 * @param counts the elements' counts of members
	 * @param countLists the elements' lists of counts (a cohort's retained members by month), each position a count
	 */
	public record PartsList(GraphQLObjectType elementType, List<String> counts, List<String> countLists,
			List<String> within) {

		public static PartsList of(GraphQLFieldDefinition field) {
			GraphQLType type = GraphQLTypeUtil.unwrapNonNull(field.getType());
			if (!(type instanceof GraphQLList list)
					|| !(GraphQLTypeUtil.unwrapNonNull(list.getWrappedType()) instanceof GraphQLObjectType element)) {
				return null;
			}
			List<String> counts = new ArrayList<>();
			List<String> countLists = new ArrayList<>();
			for (GraphQLFieldDefinition figure : element.getFieldDefinitions()) {
				GraphQLAppliedDirective directive = figure.getAppliedDirective("groupFigure");
				if (directive != null && names(directive, "restsOn").isEmpty()) {
					(GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(figure.getType())) ? countLists : counts)
						.add(figure.getName());
				}
			}
			return counts.isEmpty() && countLists.isEmpty() ? null
					: new PartsList(element, counts, countLists, names(field.getAppliedDirective(DIRECTIVE), "within"));
		}

	}

	/**
	 * Marks the counts a list withholds beside its small ones: until every group of its elements withholds none or
	 * two or more, at least one of them not small, the smallest count a group still shows is withheld. A group with a
	 * single count withheld would tell it (its whole less the rest), even one withheld only for another group's sake,
	 * so marking goes on across groups until none is left with one. A list of counts on each element is a count per
	 * position, marked as {@code name[position]}.
	 */
	public void withholdAlongside(Object value, PartsList shape) {
		if (!(value instanceof List<?> elements) || elements.size() < 2) {
			return;
		}
		List<int[]> groups = new ArrayList<>();
		for (String key : shape.within()) {
			Map<Object, List<Integer>> byKey = new LinkedHashMap<>();
			for (int i = 0; i < elements.size(); i++) {
				byKey.computeIfAbsent(property(key, elements.get(i), shape.elementType()), k -> new ArrayList<>()).add(i);
			}
			byKey.values().forEach(group -> groups.add(group.stream().mapToInt(Integer::intValue).toArray()));
		}
		groups.add(IntStream.range(0, elements.size()).toArray());
		for (String count : shape.counts()) {
			long[] counts = elements.stream().mapToLong(e -> number(property(count, e, shape.elementType()))).toArray();
			withholdAlongside(elements, groups, count, counts);
		}
		for (String countList : shape.countLists()) {
			List<List<?>> lists = elements.stream()
				.map(e -> property(countList, e, shape.elementType()) instanceof List<?> list ? list : List.of())
				.collect(Collectors.toList());
			int positions = lists.stream().mapToInt(List::size).max().orElse(0);
			for (int position = 0; position < positions; position++) {
				int at = position;
				long[] counts = lists.stream().mapToLong(list -> at < list.size() ? number(list.get(at)) : 0).toArray();
				withholdAlongside(elements, groups, countList + "[" + position + "]", counts);
			}
		}
	}

	private void withholdAlongside(List<?> elements, List<int[]> groups, String count, long[] counts) {
		boolean[] withheld = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			withheld[i] = small.test(counts[i]) || isMarked(elements.get(i), count);
		}
		boolean marked = true;
		while (marked) {
			marked = false;
			for (int[] group : groups) {
				int alongside = oneMoreToWithhold(group, counts, withheld);
				if (alongside >= 0) {
					withheld[alongside] = true;
					alsoWithheld.computeIfAbsent(elements.get(alongside), e -> ConcurrentHashMap.newKeySet()).add(count);
					marked = true;
				}
			}
		}
	}

	/** The group's smallest count shown when it withholds just one, or small ones only; else -1. */
	private int oneMoreToWithhold(int[] group, long[] counts, boolean[] withheld) {
		int withheldCounts = 0;
		boolean anySmall = false;
		boolean anyNotSmall = false;
		int smallestShown = -1;
		for (int i : group) {
			if (withheld[i]) {
				withheldCounts++;
				anySmall |= small.test(counts[i]);
				anyNotSmall |= !small.test(counts[i]);
			}
			else if (counts[i] > 0 && (smallestShown < 0 || counts[i] < counts[smallestShown])) {
				smallestShown = i;
			}
		}
		boolean tells = withheldCounts == 1 || (anySmall && !anyNotSmall);
		return tells ? smallestShown : -1;
	}

	/**
	 * Whether {@code field}, a count of {@code source} ({@code name[position]} in a list of counts), is withheld though
	 * not small: marked so by its list, or the smallest shown of its type's parts when another part is small.
	 */
	public boolean withheldAlongside(Object source, GraphQLObjectType type, String field) {
		if (isMarked(source, field)) {
			return true;
		}
		if (type == null) {
			return false;
		}
		List<String> parts = names(type.getAppliedDirective(DIRECTIVE), "counts");
		if (!parts.contains(field)) {
			return false;
		}
		long[] counts = parts.stream().mapToLong(part -> number(property(part, source, type))).toArray();
		boolean[] withheld = new boolean[counts.length];
		for (int i = 0; i < counts.length; i++) {
			withheld[i] = small.test(counts[i]);
		}
		int alongside = oneMoreToWithhold(IntStream.range(0, counts.length).toArray(), counts, withheld);
		return alongside >= 0 && parts.get(alongside).equals(field);
	}

	private boolean isMarked(Object element, String count) {
		Set<String> marked = alsoWithheld.get(element);
		return marked != null && marked.contains(count);
	}

	private static List<String> names(GraphQLAppliedDirective directive, String argument) {
		if (directive == null) {
			return List.of();
		}
		GraphQLAppliedDirectiveArgument names = directive.getArgument(argument);
		String value = names == null ? null : names.getValue();
		return value == null ? List.of() : List.of(value.split("\\s*,\\s*"));
	}

	private static Object property(String name, Object source, GraphQLObjectType type) {
		return PropertyDataFetcherHelper.getPropertyValue(name, source, type.getFieldDefinition(name) == null ? type
				: type.getFieldDefinition(name).getType());
	}

	private static long number(Object value) {
		return value instanceof Number number ? number.longValue() : 0;
	}

}
