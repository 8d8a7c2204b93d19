package io.membergraph.graphql.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;
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
 * elements alike in the fields its {@code @groupParts(within:)} names), counted on its elements or on objects they
 * hold (a KPI row's figures, a funnel's steps position by position), and an object's counts named by its type's
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
	 * @param whole whether the whole list is a group: not where its counts are no parts of a whole, such as a funnel's
	 * steps, each reached by some of those who reached the step before
	 * @param nested the elements' objects with counts (a KPI row's figures) or lists of them (a funnel's steps, each
	 * position its own), by field, with their types
	 * @param nestedWholes the nested lists whose whole is a group
	 */
	public record PartsList(GraphQLObjectType elementType, List<String> counts, List<String> countLists,
			Map<String, GraphQLObjectType> nested, Set<String> nestedWholes, List<String> within, boolean whole) {

		public static PartsList of(GraphQLFieldDefinition field) {
			GraphQLType type = GraphQLTypeUtil.unwrapNonNull(field.getType());
			if (!(type instanceof GraphQLList list)
					|| !(GraphQLTypeUtil.unwrapNonNull(list.getWrappedType()) instanceof GraphQLObjectType element)) {
				return null;
			}
			List<String> counts = new ArrayList<>();
			List<String> countLists = new ArrayList<>();
			Map<String, GraphQLObjectType> nested = new LinkedHashMap<>();
			Set<String> nestedWholes = new HashSet<>();
			List<String> elementCounts = countsOf(element);
			for (GraphQLFieldDefinition figure : element.getFieldDefinitions()) {
				GraphQLType figureType = GraphQLTypeUtil.unwrapNonNull(figure.getType());
				GraphQLType inner = figureType instanceof GraphQLList nestedList
						? GraphQLTypeUtil.unwrapNonNull(nestedList.getWrappedType()) : figureType;
				if (inner instanceof GraphQLObjectType object && !scalarCountsOf(object).isEmpty()) {
					nested.put(figure.getName(), object);
					if (figureType instanceof GraphQLList && isWhole(figure)) {
						nestedWholes.add(figure.getName());
					}
				}
				else if (elementCounts.contains(figure.getName())) {
					(GraphQLTypeUtil.isList(figureType) ? countLists : counts).add(figure.getName());
				}
			}
			return counts.isEmpty() && countLists.isEmpty() && nested.isEmpty() ? null
					: new PartsList(element, counts, countLists, nested, nestedWholes,
							names(field.getAppliedDirective(DIRECTIVE), "within"), isWhole(field));
		}

	}

	/** A count of one object: an element's, a position of its list of counts, or one of its nested objects'. */
	private record Cell(Object source, GraphQLObjectType type, String count, long value) {
	}

	/**
	 * Marks the counts a list withholds beside its small ones: until every group of its elements withholds none or
	 * two or more, at least one of them not small, the smallest count a group still shows is withheld. A group with a
	 * single count withheld would tell it (its whole less the rest), even one withheld only for another group's sake,
	 * so marking goes on across groups until none is left with one. A group is one count (or position of a list of
	 * counts, or count of a nested object) over the whole list or over the elements alike in a field {@code within}
	 * names; the parts of each element or nested object ({@code @groupParts(counts:)} on its type) are a group too.
	 */
	public void withholdAlongside(Object value, PartsList shape) {
		if (!(value instanceof List<?> elements) || elements.size() < 2) {
			return;
		}
		// The cells of each count path ("members", "retained[2]", "figures.customers"), element by element.
		Map<String, Cell[]> paths = new LinkedHashMap<>();
		// A nested list is a list of its own (its fetch settles it again), so its groups are settled here too.
		List<List<Cell>> nestedLists = new ArrayList<>();
		for (int i = 0; i < elements.size(); i++) {
			Object element = elements.get(i);
			for (String count : shape.counts()) {
				cell(paths, count, elements.size(), i, new Cell(element, shape.elementType(), count,
						number(property(count, element, shape.elementType()))));
			}
			for (String countList : shape.countLists()) {
				if (property(countList, element, shape.elementType()) instanceof List<?> list) {
					for (int position = 0; position < list.size(); position++) {
						String count = countList + "[" + position + "]";
						cell(paths, count, elements.size(), i, new Cell(element, shape.elementType(), count,
								number(list.get(position))));
					}
				}
			}
			for (Map.Entry<String, GraphQLObjectType> object : shape.nested().entrySet()) {
				Object nested = property(object.getKey(), element, shape.elementType());
				List<?> sources = nested instanceof List<?> list ? list : nested == null ? List.of() : List.of(nested);
				for (String count : scalarCountsOf(object.getValue())) {
					List<Cell> inner = new ArrayList<>();
					for (int position = 0; position < sources.size(); position++) {
						Object source = sources.get(position);
						String path = nested instanceof List<?> ? object.getKey() + "[" + position + "]." + count
								: object.getKey() + "." + count;
						Cell cell = new Cell(source, object.getValue(), count, number(property(count, source, object.getValue())));
						cell(paths, path, elements.size(), i, cell);
						inner.add(cell);
					}
					if (nested instanceof List<?> && shape.nestedWholes().contains(object.getKey())) {
						nestedLists.add(inner);
					}
				}
			}
		}
		List<Cell> cells = new ArrayList<>();
		List<int[]> groups = new ArrayList<>();
		List<int[]> elementGroups = elementGroups(elements, shape);
		Map<Object, Map<String, Integer>> bySource = new IdentityHashMap<>();
		for (Cell[] path : paths.values()) {
			int[] positions = new int[path.length];
			for (int i = 0; i < path.length; i++) {
				Cell cell = path[i];
				if (cell != null) {
					// One cell per object and count, though two fields show the same object (a whole period's
					// figures to date are its figures).
					positions[i] = bySource.computeIfAbsent(cell.source(), source -> new LinkedHashMap<>())
						.computeIfAbsent(cell.count(), count -> {
							cells.add(cell);
							return cells.size() - 1;
						});
				}
			}
			for (int[] elementGroup : elementGroups) {
				groups.add(Arrays.stream(elementGroup).filter(i -> path[i] != null).map(i -> positions[i]).toArray());
			}
		}
		for (List<Cell> inner : nestedLists) {
			groups.add(inner.stream().mapToInt(cell -> bySource.get(cell.source()).get(cell.count())).toArray());
		}
		// Each element's and nested object's parts (a row's promoters, passives and detractors).
		bySource.values().forEach(ofSource -> {
			GraphQLObjectType type = cells.get(ofSource.values().iterator().next()).type();
			int[] group = names(type.getAppliedDirective(DIRECTIVE), "counts").stream()
				.filter(ofSource::containsKey)
				.mapToInt(ofSource::get)
				.toArray();
			if (group.length > 1) {
				groups.add(group);
			}
		});
		settle(cells, groups);
	}

	private static void cell(Map<String, Cell[]> paths, String path, int elements, int element, Cell cell) {
		paths.computeIfAbsent(path, p -> new Cell[elements])[element] = cell;
	}

	/**
	 * Withholds the smallest count shown in any group that would tell one withheld, until none would. A group is
	 * looked at again only when a count of it is withheld, so a long list settles in time near its size.
	 */
	private void settle(List<Cell> cells, List<int[]> groups) {
		long[] counts = cells.stream().mapToLong(Cell::value).toArray();
		boolean[] withheld = new boolean[counts.length];
		for (int c = 0; c < counts.length; c++) {
			withheld[c] = small.test(counts[c]) || isMarked(cells.get(c).source(), cells.get(c).count());
		}
		List<List<Integer>> groupsOfCell = new ArrayList<>(counts.length);
		for (int c = 0; c < counts.length; c++) {
			groupsOfCell.add(new ArrayList<>(4));
		}
		for (int g = 0; g < groups.size(); g++) {
			for (int c : groups.get(g)) {
				groupsOfCell.get(c).add(g);
			}
		}
		Deque<Integer> pending = new ArrayDeque<>(IntStream.range(0, groups.size()).boxed().toList());
		boolean[] queued = new boolean[groups.size()];
		Arrays.fill(queued, true);
		while (!pending.isEmpty()) {
			int group = pending.poll();
			queued[group] = false;
			int alongside = oneMoreToWithhold(groups.get(group), counts, withheld);
			if (alongside >= 0) {
				withheld[alongside] = true;
				Cell cell = cells.get(alongside);
				alsoWithheld.computeIfAbsent(cell.source(), e -> ConcurrentHashMap.newKeySet()).add(cell.count());
				for (int other : groupsOfCell.get(alongside)) {
					if (!queued[other]) {
						queued[other] = true;
						pending.add(other);
					}
				}
			}
		}
	}

	/** The positions of the elements alike in each field {@code within} names, and of the whole list where it is a group. */
	private static List<int[]> elementGroups(List<?> elements, PartsList shape) {
		List<int[]> groups = new ArrayList<>();
		for (String within : shape.within()) {
			Map<Object, List<Integer>> alike = new LinkedHashMap<>();
			for (int i = 0; i < elements.size(); i++) {
				alike.computeIfAbsent(property(within, elements.get(i), shape.elementType()), k -> new ArrayList<>()).add(i);
			}
			alike.values().forEach(group -> groups.add(group.stream().mapToInt(Integer::intValue).toArray()));
		}
		if (shape.whole()) {
			groups.add(IntStream.range(0, elements.size()).toArray());
		}
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

	/**
	 * The type's counts of members: its figures marked {@code @groupFigure} resting on nothing, or on themselves among
	 * others (promoters rest on responses and themselves); lists of counts among them.
	 */
	private static List<String> countsOf(GraphQLObjectType type) {
		List<String> counts = new ArrayList<>();
		for (GraphQLFieldDefinition figure : type.getFieldDefinitions()) {
			GraphQLAppliedDirective directive = figure.getAppliedDirective("groupFigure");
			List<String> restsOn = names(directive, "restsOn");
			if (directive != null && (restsOn.isEmpty() || restsOn.contains(figure.getName()))) {
				counts.add(figure.getName());
			}
		}
		return counts;
	}

	private static List<String> scalarCountsOf(GraphQLObjectType type) {
		return countsOf(type).stream()
			.filter(count -> !GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(type.getFieldDefinition(count).getType())))
			.toList();
	}

	/** A list is one group unless its {@code @groupParts(whole: false)} says it is no parts of a whole. */
	private static boolean isWhole(GraphQLFieldDefinition field) {
		GraphQLAppliedDirective directive = field.getAppliedDirective(DIRECTIVE);
		GraphQLAppliedDirectiveArgument whole = directive == null ? null : directive.getArgument("whole");
		return whole == null || whole.getValue() == null || Boolean.TRUE.equals(whole.getValue());
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
