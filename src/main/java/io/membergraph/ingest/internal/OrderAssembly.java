package io.membergraph.ingest.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers the lines of each order from anywhere in a file: lines with the same channel and order number are one
 * order, adjacent or not. An order is settled once its number has not been seen for {@code window} rows, or at
 * the end of the file, so memory holds the open orders only, however long the file.
 */
public final class OrderAssembly {

	/** The lines of one order (or one return), in file order. */
	record Lines(String key, List<SourceRow> rows) {
	}

	private final FieldMapping mapping;

	private final int window;

	/** Open orders, least recently seen first (access order). */
	private final Map<String, Open> open = new LinkedHashMap<>(1024, 0.75f, true);

	/** The first row of each open order, for {@link #firstHeld}. */
	private final java.util.TreeSet<Long> firstRows = new java.util.TreeSet<>();

	private static final class Open {

		final List<SourceRow> rows = new ArrayList<>();

		long lastSeen;

	}

	OrderAssembly(FieldMapping mapping, int window) {
		this.mapping = mapping;
		this.window = window;
	}

	/** Takes a row; returns the orders it settles, those not seen for the window. */
	List<Lines> accept(SourceRow row) {
		List<Lines> settled = settleOlderThan(row.number() - window);
		String key = keyOf(row);
		Open order = open.computeIfAbsent(key, k -> new Open());
		if (order.rows.isEmpty()) {
			firstRows.add(row.number());
		}
		order.rows.add(row);
		order.lastSeen = row.number();
		return settled;
	}

	/** Settles the open order seen least recently (at the end of the file, one at a time); null when none is open. */
	Lines settleEldest() {
		Iterator<Map.Entry<String, Open>> eldest = open.entrySet().iterator();
		if (!eldest.hasNext()) {
			return null;
		}
		Map.Entry<String, Open> order = eldest.next();
		firstRows.remove(order.getValue().rows.get(0).number());
		eldest.remove();
		return new Lines(order.getKey(), order.getValue().rows);
	}

	private List<Lines> settleOlderThan(long row) {
		List<Lines> settled = new ArrayList<>();
		// Iterating does not count as access: the eldest stays first.
		while (!open.isEmpty() && open.values().iterator().next().lastSeen < row) {
			settled.add(settleEldest());
		}
		return settled;
	}

	/** The first row of an order still open; {@code Long.MAX_VALUE} when none is. */
	long firstHeld() {
		return firstRows.isEmpty() ? Long.MAX_VALUE : firstRows.first();
	}

	/** Channel and number as the file writes them; a line without a number is an order of its own. */
	private String keyOf(SourceRow row) {
		String number = Cleaning.text(mapping.value(row, "orderNumber"));
		String channel = Cleaning.text(mapping.value(row, "channel"));
		return number == null ? "row:" + row.number() : String.valueOf(channel).toUpperCase(java.util.Locale.ROOT) + "|" + number;
	}

}
