package io.membergraph.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an export row by row, so a file of any size streams through in constant memory. Gzip is recognised
 * by its magic bytes; a UTF-8 byte order mark is skipped. A row that cannot be read becomes an unreadable
 * row (with its number) rather than stopping the import.
 */
public final class SourceRows {

	private static final JsonMapper json = JsonMapper.builder().build();

	private SourceRows() {
	}

	/** The rows of the input; closing the stream closes the input. */
	public static Stream<SourceRow> read(InputStream input, ImportFormat format) {
		Reader reader = new InputStreamReader(decompressed(input), StandardCharsets.UTF_8);
		BufferedReader lines = new BufferedReader(reader);
		skipByteOrderMark(lines);
		Iterator<SourceRow> rows = format == ImportFormat.CSV ? csv(lines) : ndjson(lines);
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
			.onClose(() -> close(lines));
	}

	private static Iterator<SourceRow> csv(Reader reader) {
		CSVParser parser;
		try {
			parser = CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.setIgnoreEmptyLines(true)
				.setTrim(true)
				.setAllowMissingColumnNames(true)
				.get()
				.parse(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the CSV header", ex);
		}
		Iterator<CSVRecord> records = parser.iterator();
		return new Iterator<>() {

			private long number;

			@Override
			public boolean hasNext() {
				try {
					return records.hasNext();
				}
				catch (UncheckedIOException ex) {
					return false;
				}
			}

			@Override
			public SourceRow next() {
				number++;
				try {
					CSVRecord record = records.next();
					Map<String, String> values = new LinkedHashMap<>();
					record.toMap().forEach((column, value) -> values.put(column.strip(), value));
					String unreadable = record.isConsistent() ? null
							: "has " + record.size() + " values where the header has " + parser.getHeaderNames().size();
					return new SourceRow(number, values, String.join(",", record.values()), unreadable);
				}
				catch (UncheckedIOException | IllegalStateException ex) {
					return new SourceRow(number, Map.of(), "", "is not valid CSV: " + ex.getMessage());
				}
			}

		};
	}

	private static Iterator<SourceRow> ndjson(BufferedReader lines) {
		return new Iterator<>() {

			private long number;

			private String next = advance();

			private String advance() {
				try {
					String line;
					do {
						line = lines.readLine();
					}
					while (line != null && line.isBlank());
					return line;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}

			@Override
			public boolean hasNext() {
				return next != null;
			}

			@Override
			public SourceRow next() {
				if (next == null) {
					throw new NoSuchElementException();
				}
				String line = next;
				next = advance();
				number++;
				try {
					JsonNode node = json.readTree(line);
					if (!node.isObject()) {
						return new SourceRow(number, Map.of(), line, "is not a JSON object");
					}
					Map<String, String> values = new LinkedHashMap<>();
					node.properties().forEach(field -> values.put(field.getKey(),
							field.getValue().isNull() ? null
									: field.getValue().isValueNode() ? field.getValue().asString() : field.getValue().toString()));
					return new SourceRow(number, values, line, null);
				}
				catch (JacksonException ex) {
					return new SourceRow(number, Map.of(), line, "is not valid JSON: " + ex.getOriginalMessage());
				}
			}

		};
	}

	private static InputStream decompressed(InputStream input) {
		try {
			BufferedInputStream buffered = new BufferedInputStream(input);
			buffered.mark(2);
			int first = buffered.read();
			int second = buffered.read();
			buffered.reset();
			boolean gzip = first == 0x1f && second == 0x8b;
			return gzip ? new GZIPInputStream(buffered, 64 * 1024) : buffered;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the upload", ex);
		}
	}

	private static void skipByteOrderMark(BufferedReader reader) {
		try {
			reader.mark(1);
			if (reader.read() != '\uFEFF') {
				reader.reset();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void close(Reader reader) {
		try {
			reader.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
