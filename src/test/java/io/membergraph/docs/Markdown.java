package io.membergraph.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The code a Markdown document shows: its fenced blocks and its inline code, each with the line it is on. */
record Markdown(Path file, List<Block> blocks, List<Inline> inlines) {

	/** A fenced block: its language ({@code bash}, {@code graphql}, empty) and its text, indentation removed. */
	record Block(Path file, int line, String language, String text) {

		String where() {
			return file.getFileName() + ":" + line;
		}

		String firstLine() {
			return text.lines().findFirst().orElse("").strip();
		}

	}

	/** Inline code: {@code `...`} in running text. */
	record Inline(Path file, int line, String code) {

		String where() {
			return file.getFileName() + ":" + line;
		}

	}

	private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");

	private static final Pattern INLINE = Pattern.compile("`([^`]+)`");

	static Markdown read(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		List<Block> blocks = new ArrayList<>();
		List<Inline> inlines = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher open = FENCE.matcher(lines.get(i));
			if (open.matches()) {
				int indent = open.group(1).length();
				StringBuilder text = new StringBuilder();
				int j = i + 1;
				while (j < lines.size() && !lines.get(j).strip().equals("```")) {
					String line = lines.get(j);
					text.append(line.length() >= indent && line.substring(0, indent).isBlank() ? line.substring(indent) : line.strip())
						.append('\n');
					j++;
				}
				blocks.add(new Block(file, i + 1, open.group(2), text.toString()));
				i = j;
				continue;
			}
			Matcher inline = INLINE.matcher(lines.get(i));
			while (inline.find()) {
				inlines.add(new Inline(file, i + 1, inline.group(1)));
			}
		}
		return new Markdown(file, blocks, inlines);
	}

	/**
	 * The commands of a shell block: a command goes on over lines ending in a backslash and while a quote is
	 * open; comments and blank lines are left out.
	 */
	static List<String> commands(String script) {
		List<String> commands = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean single = false;
		boolean dbl = false;
		for (String line : script.split("\n", -1)) {
			if (current.isEmpty() && (line.isBlank() || line.strip().startsWith("#"))) {
				continue;
			}
			current.append(line).append('\n');
			for (int k = 0; k < line.length(); k++) {
				char c = line.charAt(k);
				if (c == '\\' && !single) {
					k++;
				}
				else if (c == '\'' && !dbl) {
					single = !single;
				}
				else if (c == '"' && !single) {
					dbl = !dbl;
				}
				else if (c == '#' && !single && !dbl && (k == 0 || Character.isWhitespace(line.charAt(k - 1)))) {
					break;
				}
			}
			if (!single && !dbl && !line.endsWith("\\")) {
				commands.add(current.toString().strip());
				current.setLength(0);
			}
		}
		if (!current.isEmpty()) {
			commands.add(current.toString().strip());
		}
		return commands;
	}

	/** The operations of a GraphQL block, one per top-level {@code {...}} with the words before it. */
	static List<String> operations(String document) {
		List<String> operations = new ArrayList<>();
		int depth = 0;
		int start = 0;
		boolean inString = false;
		for (int i = 0; i < document.length(); i++) {
			char c = document.charAt(i);
			if (c == '"' && (i == 0 || document.charAt(i - 1) != '\\')) {
				inString = !inString;
			}
			else if (!inString && c == '{') {
				depth++;
			}
			else if (!inString && c == '}' && --depth == 0) {
				operations.add(document.substring(start, i + 1).strip());
				start = i + 1;
			}
		}
		return operations;
	}

}
