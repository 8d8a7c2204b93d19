package io.membergraph.store.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import de.bwaldvogel.mongo.backend.NumericUtils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * The document an update of counters, bounds, sets and plain fields makes of a stored one, without the stock update's
 * deep copy and path parsing: {@code $inc}, {@code $min}, {@code $max}, {@code $push} (of one value, or {@code $each}
 * with an optional {@code $slice}), {@code $addToSet} (of one value or {@code $each}), {@code $set} of a plain value,
 * {@code $unset} and, for an upsert that inserts, {@code $setOnInsert}, on fields reached through embedded documents,
 * such as a member's stats change ({@code $inc} of five counts, {@code $min}/{@code $max} of two dates, {@code $push}
 * of the change's key) or tier ({@code $set} of its code), written for each member of each batch of an import. Each
 * value is worked out as the stock update works it out (its numeric addition, its comparison of values); only the
 * documents on a changed field's path are copied, so a reader's copy of the document as it stood keeps the old values.
 * <p>
 * Anything else (another operator, a path through a list or naming a position, {@code _id}, two paths of which one
 * holds the other, a value of a type the operator refuses) is not handled here: {@link #handles} says no or
 * {@link #apply} answers null, and the update goes the stock way, which applies it or refuses it as MongoDB does.
 */
public final class FieldOperators {

	private static final Set<String> HANDLED = Set.of("$inc", "$min", "$max", "$push", "$addToSet", "$setOnInsert",
			"$set", "$unset");

	private FieldOperators() {
	}

	/** Whether the update's operators and paths are ones {@link #apply} works out (its values may still not be). */
	public static boolean handles(Document update) {
		return !update.isEmpty() && HANDLED.containsAll(update.keySet()) && plainPaths(update);
	}

	/**
	 * The stored document as an update {@link #handles} accepts leaves it (the stored one untouched), or null when a
	 * value is not one it works out.
	 */
	public static Document apply(Document stored, Document update) {
		return apply(stored, update, false);
	}

	/**
	 * The document an upsert {@link #handles} accepts inserts when nothing matched: {@code start} (what the filter
	 * names) with the update applied, {@code $setOnInsert} included; null when a value is not one it works out.
	 */
	public static Document inserted(Document start, Document update) {
		return apply(start, update, true);
	}

	private static Document apply(Document stored, Document update, boolean inserting) {
		Document next = stored.clone();
		Set<Document> copied = Collections.newSetFromMap(new IdentityHashMap<>());
		copied.add(next);
		for (Map.Entry<String, Object> operator : update.entrySet()) {
			if (operator.getKey().equals("$setOnInsert") && !inserting) {
				continue;
			}
			for (Map.Entry<String, Object> field : ((Document) operator.getValue()).entrySet()) {
				String[] path = field.getKey().split("\\.");
				if (operator.getKey().equals("$unset")) {
					if (!unset(next, path, copied)) {
						return null;
					}
					continue;
				}
				Document parent = parentOf(next, path, copied);
				if (parent == null) {
					return null;
				}
				String leaf = path[path.length - 1];
				Object value = parent.containsKey(leaf) ? parent.get(leaf) : MISSING;
				Object changed = changed(operator.getKey(), value, field.getValue());
				if (changed == null) {
					return null;
				}
				if (changed != UNCHANGED) {
					parent.put(leaf, changed);
				}
			}
		}
		return next;
	}

	/** Marks a field the document does not have (MongoDB tells it apart from one holding null). */
	private static final Object MISSING = new Object();

	/** Marks a bound the stored value already keeps. */
	private static final Object UNCHANGED = new Object();

	/** The field's new value, {@link #UNCHANGED}, or null when the stock update is to decide. */
	private static Object changed(String operator, Object value, Object argument) {
		switch (operator) {
			case "$inc":
				if (!(argument instanceof Number change)) {
					return null;
				}
				if (value == MISSING || value == null) {
					return NumericUtils.addNumbers(0, change);
				}
				return value instanceof Number number ? NumericUtils.addNumbers(number, change) : null;
			case "$min":
			case "$max":
				if (isComposite(argument) || isComposite(value)) {
					return null;
				}
				if (value == MISSING) {
					return argument;
				}
				ValueComparator order = operator.equals("$min") ? ValueComparator.asc() : ValueComparator.desc();
				return order.compare(argument, value) < 0 ? argument : UNCHANGED;
			case "$setOnInsert":
				return value == MISSING ? argument : null;
			case "$set":
				// A list or document set is the stock update's (it copies it); so is null, which marks that here.
				if (argument == null || isComposite(argument)) {
					return null;
				}
				return value != MISSING && sameValue(value, argument) ? UNCHANGED : argument;
			case "$addToSet":
				return addedToSet(value, argument);
			default:
				return pushed(value, argument);
		}
	}

	/**
	 * Whether the stock update takes the stored value for the one set, and leaves the document as it is: equal once
	 * numbers are compared as numbers (an int 1 and a double 1.0 are one value).
	 */
	private static boolean sameValue(Object stored, Object set) {
		return !isComposite(stored) && Objects.equals(normalized(stored), normalized(set));
	}

	/** A number as the stock store compares it: as a double, unless a long a double cannot hold. */
	private static Object normalized(Object value) {
		if (value instanceof Long number && number != (long) number.doubleValue()) {
			return number;
		}
		if (value instanceof Number number) {
			double plain = number.doubleValue();
			return plain == -0.0 ? 0.0 : plain;
		}
		return value;
	}

	/**
	 * Removes the path's last field from {@code next}, copying the documents on the way; nothing to do when the path
	 * ends early (a field missing, null or plain, as MongoDB takes it). False when the path goes through a list: the
	 * stock update's to decide.
	 */
	private static boolean unset(Document next, String[] path, Set<Document> copied) {
		Document holder = next;
		for (int i = 0; i < path.length - 1; i++) {
			Object child = holder.get(path[i]);
			if (child instanceof List<?>) {
				return false;
			}
			if (!(child instanceof Document document)) {
				return true;
			}
			holder = document;
		}
		if (holder.containsKey(path[path.length - 1])) {
			parentOf(next, path, copied).remove(path[path.length - 1]);
		}
		return true;
	}

	/** The list with the values it lacks added, or null when the stock update is to decide. */
	private static Object addedToSet(Object value, Object argument) {
		List<Object> list = copyOfList(value);
		if (list == null) {
			return null;
		}
		Collection<?> added = List.of(argument);
		if (argument instanceof Document modifiers) {
			if (modifiers.isEmpty()) {
				return null;
			}
			if (modifiers.keySet().iterator().next().equals("$each")) {
				if (modifiers.size() > 1 || !(modifiers.get("$each") instanceof Collection<?> each)) {
					return null;
				}
				added = each;
			}
		}
		for (Object element : added) {
			if (!list.contains(element)) {
				list.add(element);
			}
		}
		return list;
	}

	/** The list with the values pushed (and sliced), or null when the stock update is to decide. */
	private static Object pushed(Object value, Object argument) {
		List<Object> list = copyOfList(value);
		if (list == null) {
			return null;
		}
		if (!(argument instanceof Document modifiers)) {
			list.add(argument);
			return list;
		}
		if (!(modifiers.get("$each") instanceof Collection<?> each)
				|| !Set.of("$each", "$slice").containsAll(modifiers.keySet())) {
			return null;
		}
		list.addAll(each);
		if (!modifiers.containsKey("$slice")) {
			return list;
		}
		if (!(modifiers.get("$slice") instanceof Number slice)) {
			return null;
		}
		int keep = slice.intValue();
		return keep < 0 ? new ArrayList<>(list.subList(Math.max(0, list.size() + keep), list.size()))
				: new ArrayList<>(list.subList(0, Math.min(keep, list.size())));
	}

	/** A new list of the field's values (none when it is missing or null); null when it holds something else. */
	private static List<Object> copyOfList(Object value) {
		if (value == MISSING || value == null) {
			return new ArrayList<>();
		}
		return value instanceof List<?> stored ? new ArrayList<>(stored) : null;
	}

	private static boolean isComposite(Object value) {
		return value instanceof Collection<?> || value instanceof Document;
	}

	/**
	 * The document holding the path's last field, in {@code next}, each document on the way copied once (a missing one
	 * made); null when the path goes through anything but an embedded document.
	 */
	private static Document parentOf(Document next, String[] path, Set<Document> copied) {
		Document parent = next;
		for (int i = 0; i < path.length - 1; i++) {
			Object child = parent.get(path[i]);
			Document own;
			if (child == null && !parent.containsKey(path[i])) {
				own = new Document();
			}
			else if (child instanceof Document document) {
				own = copied.contains(document) ? document : document.clone();
			}
			else {
				return null;
			}
			copied.add(own);
			parent.put(path[i], own);
			parent = own;
		}
		return parent;
	}

	/**
	 * Whether every field the update names is a path of plain names, not {@code _id} or inside it, and none is another's
	 * or inside another's (which MongoDB refuses).
	 */
	private static boolean plainPaths(Document update) {
		List<String> paths = new ArrayList<>();
		for (Object fields : update.values()) {
			if (!(fields instanceof Document named) || named.isEmpty()) {
				return false;
			}
			for (String path : named.keySet()) {
				for (String part : path.split("\\.", -1)) {
					if (part.isEmpty() || part.startsWith("$") || part.chars().allMatch(Character::isDigit)) {
						return false;
					}
				}
				if (path.equals("_id") || path.startsWith("_id.")) {
					return false;
				}
				for (String other : paths) {
					if (other.equals(path) || other.startsWith(path + ".") || path.startsWith(other + ".")) {
						return false;
					}
				}
				paths.add(path);
			}
		}
		return true;
	}

}
