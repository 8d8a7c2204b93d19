package io.membergraph.ingest.internal;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rows of a JSON document as APIs and their dumps write them: an array of objects, or an object whose first
 * array holds them ({@code {"orders": [...], "count": 2}}, as shop APIs answer). Streamed an element at a time: only
 * one row's tree is held, whatever the document's size. Each object is a row, its nested objects' values named by
 * their path as in NDJSON; an element that is no object is an unreadable row. Broken JSON cannot be read past, so
 * it fails the import naming the row it follows.
 */
public final class JsonRows implements Iterator<SourceRow> {

	private final JsonParser parser;

	private final List<String> columns;

	/** The element read and not yet returned: the first, read for the columns. */
	private JsonNode pending;

	private boolean ended;

	private long number;

	private JsonRows(JsonParser parser) {
		this.parser = parser;
		this.pending = element();
		if (pending != null && pending.isObject()) {
			Map<String, String> values = new LinkedHashMap<>();
			ExportFile.flatten("", pending, values, 0);
			this.columns = new ArrayList<>(values.keySet());
		}
		else {
			this.columns = null;
		}
	}

	/** Characters looked at for telling one object per line from a document: a first line longer is a document. */
	private static final int LOOK_AHEAD = 1 << 20;

	/**
	 * Whether a file named .json holds one object per line (NDJSON, as many "JSON exports" are): its first two lines
	 * are each a whole JSON object. A document's lines are not, nor is a document on one line. The reader is left
	 * where it was.
	 */
	static boolean isOneObjectPerLine(java.io.BufferedReader text, JsonMapper json) throws java.io.IOException {
		text.mark(LOOK_AHEAD + 1);
		char[] start = new char[LOOK_AHEAD];
		int read = 0;
		for (int n = 0; n >= 0 && read < start.length; n = text.read(start, read, start.length - read)) {
			read += n;
		}
		text.reset();
		List<String> lines = new String(start, 0, read).lines().map(String::strip).filter(line -> !line.isEmpty())
			.limit(3).toList();
		return lines.size() >= 2 && isObject(lines.get(0), json) && isObject(lines.get(1), json);
	}

	private static boolean isObject(String line, JsonMapper json) {
		try {
			return json.readTree(line).isObject();
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/** Reads the document to the start of its array of rows. */
	static JsonRows of(Reader text, JsonMapper json) {
		JsonParser parser = json.createParser(text);
		try {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_OBJECT) {
				toFirstArray(parser);
			}
			else if (first != JsonToken.START_ARRAY) {
				throw new ImportFailure("the file is no JSON array of rows, nor an object holding one"
						+ (first == null ? " (it is empty)" : ""));
			}
			return new JsonRows(parser);
		}
		catch (JacksonException ex) {
			parser.close();
			throw new ImportFailure("the file is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		catch (RuntimeException ex) {
			parser.close();
			throw ex;
		}
	}

	/** Past an object's properties up to the first whose value is an array, and into it. */
	private static void toFirstArray(JsonParser parser) {
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			if (parser.nextToken() == JsonToken.START_ARRAY) {
				return;
			}
			parser.skipChildren();
		}
		throw new ImportFailure("the JSON object holds no array of rows; an API's answer holds them as "
				+ "{\"orders\": [...]}");
	}

	/** The columns the first row names; null when the first element is no object. */
	List<String> columns() {
		return columns;
	}

	@Override
	public boolean hasNext() {
		if (pending == null && !ended) {
			pending = element();
		}
		return pending != null;
	}

	@Override
	public SourceRow next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		JsonNode node = pending;
		pending = null;
		number++;
		String raw = node.toString();
		String encoding = ExportFile.encodingProblem(raw);
		if (encoding != null) {
			return new SourceRow(number, Map.of(), raw, encoding);
		}
		if (!node.isObject()) {
			return new SourceRow(number, Map.of(), raw, "is not a JSON object");
		}
		Map<String, String> values = new LinkedHashMap<>();
		ExportFile.flatten("", node, values, 0);
		String broken = ExportFile.halfACharacter(values);
		if (broken != null) {
			return new SourceRow(number, Map.of(), raw, broken);
		}
		return new SourceRow(number, values, raw, null);
	}

	/** The array's next element; null at its end (what follows the array is not read). */
	private JsonNode element() {
		try {
			JsonToken token = parser.nextToken();
			if (token == null || token == JsonToken.END_ARRAY) {
				ended = true;
				return null;
			}
			return parser.readValueAsTree();
		}
		catch (JacksonException ex) {
			throw new ImportFailure("the JSON is broken " + (number == 0 ? "in its first row" : "after row " + number) + ": "
					+ ex.getOriginalMessage(), ex);
		}
	}

	void close() {
		parser.close();
	}

}
