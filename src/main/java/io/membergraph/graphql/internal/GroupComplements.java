package io.membergraph.graphql.internal;

import java.util.ArrayList;
import java.util.Arrays;
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
	 * @param counts the elements' counts of members: their figures marked {@code @groupFigure} resting on nothing or on
	 * themselves
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
				if (directive != null && isCount(figure.getName(), names(directive, "restsOn"))) {
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
	 * position, marked as {@code name[position]}; the parts of each element ({@code @groupParts(counts:)} on its type)
	 * are a group among the others.
	 */
	public void withholdAlongside(Object value, PartsList shape) {
		if (!(value instanceof List<?> elements) || elements.size() < 2) {
			return;
		}
		int n = elements.size();
		Map<String, long[]> byKey = countsByKey(elements, shape);
		List<String> keys = new ArrayList<>(byKey.keySet());
		// One cell per count of an element, at key * n + element.
		long[] counts = new long[keys.size() * n];
		boolean[] withheld = new boolean[counts.length];
		for (int key = 0; key < keys.size(); key++) {
			for (int i = 0; i < n; i++) {
				counts[key * n + i] = byKey.get(keys.get(key))[i];
				withheld[key * n + i] = small.test(counts[key * n + i]) || isMarked(elements.get(i), keys.get(key));
			}
		}
		List<int[]> groups = new ArrayList<>();
		List<int[]> elementGroups = elementGroups(elements, shape);
		for (int key = 0; key < keys.size(); key++) {
			int offset = key * n;
			elementGroups.forEach(group -> groups.add(Arrays.stream(group).map(i -> offset + i).toArray()));
		}
		// An element's parts (a row's promoters, passives and detractors) are a group too, with the list's groups.
		int[] parts = names(shape.elementType().getAppliedDirective(DIRECTIVE), "counts").stream()
			.mapToInt(keys::indexOf)
			.filter(key -> key >= 0)
			.toArray();
		if (parts.length > 1) {
			for (int i = 0; i < n; i++) {
				int element = i;
				groups.add(Arrays.stream(parts).map(key -> key * n + element).toArray());
			}
		}
		boolean marked = true;
		while (marked) {
			marked = false;
			for (int[] group : groups) {
				int alongside = oneMoreToWithhold(group, counts, withheld);
				if (alongside >= 0) {
					withheld[alongside] = true;
					alsoWithheld.computeIfAbsent(elements.get(alongside % n), e -> ConcurrentHashMap.newKeySet())
						.add(keys.get(alongside / n));
					marked = true;
				}
			}
		}
	}

	/** Each count of the elements, by its name ({@code name[position]} for a position in a list of counts). */
	private static Map<String, long[]> countsByKey(List<?> elements, PartsList shape) {
		Map<String, long[]> byKey = new LinkedHashMap<>();
		for (String count : shape.counts()) {
			byKey.put(count, elements.stream().mapToLong(e -> number(property(count, e, shape.elementType()))).toArray());
		}
		for (String countList : shape.countLists()) {
			List<List<?>> lists = elements.stream()
				.map(e -> property(countList, e, shape.elementType()) instanceof List<?> list ? list : List.of())
				.collect(Collectors.toList());
			int positions = lists.stream().mapToInt(List::size).max().orElse(0);
			for (int position = 0; position < positions; position++) {
				int at = position;
				byKey.put(countList + "[" + position + "]",
						lists.stream().mapToLong(list -> at < list.size() ? number(list.get(at)) : 0).toArray());
			}
		}
		return byKey;
	}

	/** The positions of the elements alike in each field {@code within} names, and of the whole list. */
	private static List<int[]> elementGroups(List<?> elements, PartsList shape) {
		List<int[]> groups = new ArrayList<>();
		for (String within : shape.within()) {
			Map<Object, List<Integer>> alike = new LinkedHashMap<>();
			for (int i = 0; i < elements.size(); i++) {
				alike.computeIfAbsent(property(within, elements.get(i), shape.elementType()), k -> new ArrayList<>()).add(i);
			}
			alike.values().forEach(group -> groups.add(group.stream().mapToInt(Integer::intValue).toArray()));
		}
		groups.add(IntStream.range(0, elements.size()).toArray());
		return groups;
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
			withheld[i] = small.test(counts[i]) || isMarked(source, parts.get(i));
		}
		int alongside = oneMoreToWithhold(IntStream.range(0, counts.length).toArray(), counts, withheld);
		return alongside >= 0 && parts.get(alongside).equals(field);
	}

	private boolean isMarked(Object element, String count) {
		Set<String> marked = alsoWithheld.get(element);
		return marked != null && marked.contains(count);
	}

	/** A count of members rests on nothing, or on itself among others (promoters rest on responses and themselves). */
	private static boolean isCount(String field, List<String> restsOn) {
		return restsOn.isEmpty() || restsOn.contains(field);
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
