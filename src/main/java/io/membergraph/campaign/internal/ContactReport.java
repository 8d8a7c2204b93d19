package io.membergraph.campaign.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.membergraph.campaign.ContactKind;
import io.membergraph.campaign.CampaignContacts.ContactInput;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A sending channel's report of a campaign's contacts as CSV: a header naming {@code memberId} and {@code kind}
 * (SENT, DELIVERED, OPENED, CLICKED), optionally {@code at} (ISO-8601 with offset) and {@code channel}. Errors name
 * the line of the file.
 */
public final class ContactReport {

	private static final Set<String> REQUIRED = Set.of("memberId", "kind");

	/**
	 * The longest line a report may have: a sending channel's export carries columns of its own (an address, a link, a
	 * user agent) beside the four read, yet no real line comes near this.
	 */
	static final int MAX_LINE = 65_536;

	private ContactReport() {
	}

	/**
	 * The report's contacts, at most {@code maxContacts}: a report beyond that, or with a line longer than any contact
	 * needs, is refused as it is read, before it fills memory (the body is not read to its end).
	 */
	public static List<ContactInput> read(Reader csv, int maxContacts) {
		CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
			.setIgnoreEmptyLines(true).get();
		List<ContactInput> contacts = new ArrayList<>();
		try (CSVParser parser = CSVParser.builder().setReader(new ShortLines(csv)).setFormat(format).get()) {
			for (String column : REQUIRED) {
				if (!parser.getHeaderMap().containsKey(column)) {
					throw new InvalidInputException("header", "must name the columns memberId and kind (optionally at, channel)");
				}
			}
			boolean hasAt = parser.getHeaderMap().containsKey("at");
			boolean hasChannel = parser.getHeaderMap().containsKey("channel");
			for (CSVRecord row : parser) {
				if (contacts.size() == maxContacts) {
					throw new InvalidInputException("contacts", "must hold 1 to " + maxContacts
							+ " contacts: send a larger report in parts");
				}
				String line = lineOf(row);
				contacts.add(new ContactInput(row.get("memberId"), kind(row.get("kind"), line),
						hasAt ? at(row.get("at"), line) : null, hasChannel ? channel(row.get("channel"), line) : null));
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException unreadable) {
			throw new InvalidInputException("file", "is not readable CSV: " + unreadable.getMessage());
		}
		return contacts;
	}

	/** Refuses a line longer than {@link #MAX_LINE} as it is read: one value of gigabytes would otherwise be held whole. */
	private static final class ShortLines extends FilterReader {

		private long line = 1;

		private int length;

		ShortLines(Reader in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int c = super.read();
			if (c >= 0) {
				count((char) c);
			}
			return c;
		}

		@Override
		public int read(char[] buffer, int offset, int count) throws IOException {
			int read = super.read(buffer, offset, count);
			for (int i = 0; i < read; i++) {
				count(buffer[offset + i]);
			}
			return read;
		}

		private void count(char c) {
			if (c == '\n') {
				line++;
				length = 0;
			}
			else if (++length > MAX_LINE) {
				throw new InvalidInputException("line " + line, "is longer than " + MAX_LINE + " characters");
			}
		}

	}

	/** How an error names a row of the report: by its line in the file, the header being line 1. */
	public static String lineOf(int index) {
		return "line " + (index + 2);
	}

	private static String lineOf(CSVRecord row) {
		return lineOf((int) row.getRecordNumber() - 1);
	}

	private static ContactKind kind(String value, String line) {
		try {
			return ContactKind.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			throw new InvalidInputException(line + ".kind", "'" + value + "' is not one of SENT, DELIVERED, OPENED, CLICKED");
		}
	}

	private static Instant at(String value, String line) {
		if (value.isEmpty()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException unparsable) {
			throw new InvalidInputException(line + ".at", "'" + value + "' is not a time such as 2026-11-24T10:00:00+08:00");
		}
	}

	private static Channel channel(String value, String line) {
		if (value.isEmpty()) {
			return null;
		}
		try {
			return Channel.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			throw new InvalidInputException(line + ".channel", "'" + value + "' is not a channel");
		}
	}

}
