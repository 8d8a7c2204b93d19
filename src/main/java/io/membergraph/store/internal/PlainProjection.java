package io.membergraph.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A projection that includes fields by name or by a path through embedded documents ({@code properties.storeId}),
 * worked out once for a whole scan: the stock projection splits every dotted name with a regular expression and
 * looks every name up twice, for every document (a tenth of the views' first read of millions of interactions).
 * It gives what the stock projection gives: the id first unless named, then each field in the order named, an
 * embedded document on a path even where the path's end is missing from it. A projection of anything else (an
 * exclusion, an operator, a path inside another) is the stock one's, and so is a document whose path runs
 * through a list.
 */
public final class PlainProjection {

	private static final String ID = "_id";

	private final List<String[]> paths;

	private final boolean idFirst;

	private PlainProjection(List<String[]> paths, boolean idFirst) {
		this.paths = paths;
		this.idFirst = idFirst;
	}

	/** The projection of these fields, or null when it is not one of plain inclusions. */
	public static PlainProjection of(Document fields) {
		if (fields == null || fields.isEmpty()) {
			return null;
		}
		List<String[]> paths = new ArrayList<>(fields.size());
		for (Map.Entry<String, Object> field : fields.entrySet()) {
			String name = field.getKey();
			if (!included(field.getValue()) || !plainPath(name)) {
				return null;
			}
			for (String other : fields.keySet()) {
				if (other.startsWith(name + ".")) {
					// A path inside another: MongoDB refuses it, and so does the stock projection.
					return null;
				}
			}
			paths.add(name.split("\\."));
		}
		return new PlainProjection(paths, !fields.containsKey(ID));
	}

	private static boolean included(Object value) {
		return value instanceof Boolean flag ? flag
				: value instanceof Integer || value instanceof Long || value instanceof Double
						? ((Number) value).doubleValue() == 1.0 : false;
	}

	private static boolean plainPath(String name) {
		return !name.isEmpty() && name.indexOf('$') < 0 && !name.startsWith(".") && !name.endsWith(".")
				&& !name.contains("..");
	}

	/** The projected document, or null when one of the paths runs through a list (the stock projection's case). */
	public Document project(Document document) {
		Document projected = new Document();
		if (idFirst) {
			projected.put(ID, document.get(ID));
		}
		for (String[] path : paths) {
			if (!include(document, projected, path, 0)) {
				return null;
			}
		}
		return projected;
	}

	private static boolean include(Document from, Document to, String[] path, int at) {
		String name = path[at];
		if (at == path.length - 1) {
			Object value = from.getOrMissing(name);
			if (!(value instanceof Missing)) {
				to.put(name, value);
			}
			return true;
		}
		Object value = from.get(name);
		if (value instanceof Document nested) {
			return include(nested, (Document) to.computeIfAbsent(name, key -> new Document()), path, at + 1);
		}
		return !(value instanceof List<?>);
	}

}
