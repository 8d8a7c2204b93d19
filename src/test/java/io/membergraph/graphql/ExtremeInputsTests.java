package io.membergraph.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.execution.GraphQlSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query of the schema, with each scalar it takes (arguments and the fields of its inputs, a few levels down)
 * set in turn to an extreme or hostile value and the rest to plain ones, as ADMIN: each answers data or a bad
 * request naming the field, never an internal error. This is how a NUL in a member-name filter was found; new
 * fields are covered as they are added. Mutations are fuzzed by hand against a demo service (they would change the
 * data other tests share).
 */
class ExtremeInputsTests extends ApplicationTest {

	private static final Map<String, String> PLAIN = Map.ofEntries(Map.entry("ID", "\"M10000001\""),
			Map.entry("String", "\"x\""), Map.entry("Int", "1"), Map.entry("Float", "1.0"), Map.entry("Boolean", "true"),
			Map.entry("Date", "\"2026-01-01\""), Map.entry("DateTime", "\"2026-01-01T00:00:00Z\""), Map.entry("Long", "1"),
			Map.entry("Money", "\"1.00\""), Map.entry("UnitPrice", "\"1.00\""), Map.entry("JSON", "{}"));

	/** Per scalar, the values most likely to get past a check: empty, far too long, NUL, out of range, absurd. */
	private static final Map<String, List<String>> EXTREME = Map.of(
			"String", List.of("\"\"", "\"" + "x".repeat(5_000) + "\"", "\"a\\u0000b\""),
			"ID", List.of("\"" + "9".repeat(1_000) + "\"", "\"a\\u0000\""),
			"Int", List.of("2147483647", "-1"),
			"Float", List.of("1e308"),
			"Long", List.of("-9007199254740991"),
			"Date", List.of("\"0000-01-01\"", "\"9999-12-31\""),
			"DateTime", List.of("\"0001-01-01T00:00:00Z\""),
			"Money", List.of("\"1e400\"", "\"-1\""),
			"UnitPrice", List.of("\"1e400\""),
			"JSON", List.of("{where: \"1\"}"));

	@Test
	void everyQueryAnswersExtremeInputsWithDataOrABadRequestNeverAnInternalError() {
		GraphQLSchema schema = bean(GraphQlSource.class).schema();
		List<String> documents = new ArrayList<>();
		for (GraphQLFieldDefinition field : schema.getQueryType().getFieldDefinitions()) {
			for (GraphQLArgument argument : field.getArguments()) {
				for (Leaf leaf : leaves(argument.getType(), argument.getName(), 0)) {
					for (String value : EXTREME.getOrDefault(leaf.scalar(), List.of())) {
						documents.add(document(field, leaf.path(), value));
					}
				}
			}
		}
		assertThat(documents).as("the schema's queries take scalars to try").hasSizeGreaterThan(300);

		List<String> internal = new ArrayList<>();
		List<String> echoed = new ArrayList<>();
		for (String document : documents) {
			as("admin").document(document).execute().errors().filter(notInternal(document, internal, echoed)).verify();
		}
		assertThat(internal).isEmpty();
		assertThat(echoed).as("errors that quote a 5,000-character value whole").isEmpty();
	}

	/**
	 * A count or measure far past anything a brand means (two billion days, 10^308 orders, a negative 10^308
	 * factor) is refused naming the field, never answered as if it were a question: every number has bounds.
	 */
	@Test
	void everyQueryRefusesAbsurdNumbers() {
		GraphQLSchema schema = bean(GraphQlSource.class).schema();
		Map<String, List<String>> absurd = Map.of("Int", List.of("2147483647"), "Float", List.of("1e308", "-1e308"));
		List<String> tried = new ArrayList<>();
		List<String> answered = new ArrayList<>();
		for (GraphQLFieldDefinition field : schema.getQueryType().getFieldDefinitions()) {
			for (GraphQLArgument argument : field.getArguments()) {
				for (Leaf leaf : leaves(argument.getType(), argument.getName(), 0)) {
					for (String value : absurd.getOrDefault(leaf.scalar(), List.of())) {
						String document = document(field, leaf.path(), value);
						tried.add(document);
						as("admin").document(document).execute().errors().satisfy(errors -> {
							if (errors.isEmpty()) {
								answered.add(leaf.path() + " = " + value + " in " + field.getName());
							}
						});
					}
				}
			}
		}
		assertThat(tried).as("the schema's queries take numbers to try").hasSizeGreaterThan(40);
		assertThat(answered).isEmpty();
	}

	/**
	 * Collects the documents answered with an internal error, and those whose error quotes what it refuses at
	 * length: a reason names the value by a short excerpt, so a request cannot make the answer as large as itself.
	 */
	private static Predicate<ResponseError> notInternal(String document, List<String> internal, List<String> echoed) {
		return error -> {
			String excerpt = document.substring(0, Math.min(300, document.length()));
			if (error.getErrorType() == ErrorType.INTERNAL_ERROR) {
				internal.add(excerpt);
			}
			if (error.getMessage() != null && error.getMessage().length() > 1_300) {
				echoed.add(error.getMessage().length() + " characters for " + excerpt);
			}
			return true;
		};
	}

	private record Leaf(String path, String scalar) {
	}

	/** The scalars an input reaches, by their dotted path from the argument. */
	private static List<Leaf> leaves(GraphQLType type, String path, int depth) {
		GraphQLType named = GraphQLTypeUtil.unwrapAll(type);
		List<Leaf> found = new ArrayList<>();
		if (named instanceof GraphQLScalarType scalar) {
			found.add(new Leaf(path, scalar.getName()));
		}
		else if (named instanceof GraphQLInputObjectType input && depth < 3) {
			for (GraphQLInputObjectField field : input.getFieldDefinitions()) {
				found.addAll(leaves(field.getType(), path + "." + field.getName(), depth + 1));
			}
		}
		return found;
	}

	/** The field with its required arguments plain, and the one leading to the target, with the value at the target. */
	private static String document(GraphQLFieldDefinition field, String target, String value) {
		List<String> arguments = new ArrayList<>();
		for (GraphQLArgument argument : field.getArguments()) {
			boolean required = argument.getType() instanceof GraphQLNonNull && !argument.hasSetDefaultValue();
			if (required || target.equals(argument.getName()) || target.startsWith(argument.getName() + ".")) {
				arguments.add(argument.getName() + ": " + value(argument.getType(), argument.getName(), target, value));
			}
		}
		GraphQLType returned = GraphQLTypeUtil.unwrapAll(field.getType());
		boolean leaf = returned instanceof GraphQLScalarType || returned instanceof GraphQLEnumType;
		return "{ " + field.getName() + (arguments.isEmpty() ? "" : "(" + String.join(", ", arguments) + ")")
				+ (leaf ? "" : " { __typename }") + " }";
	}

	private static String value(GraphQLInputType type, String path, String target, String extreme) {
		GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
		if (unwrapped instanceof GraphQLList list) {
			return "[" + value((GraphQLInputType) list.getWrappedType(), path, target, extreme) + "]";
		}
		GraphQLNamedType named = (GraphQLNamedType) unwrapped;
		if (named instanceof GraphQLScalarType) {
			return path.equals(target) ? extreme : PLAIN.getOrDefault(named.getName(), "\"x\"");
		}
		if (named instanceof GraphQLEnumType enumType) {
			return enumType.getValues().get(0).getName();
		}
		List<String> fields = new ArrayList<>();
		for (GraphQLInputObjectField field : ((GraphQLInputObjectType) named).getFieldDefinitions()) {
			String fieldPath = path + "." + field.getName();
			boolean required = field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue();
			if (required || target.equals(fieldPath) || target.startsWith(fieldPath + ".")) {
				fields.add(field.getName() + ": " + value(field.getType(), fieldPath, target, extreme));
			}
		}
		return "{" + String.join(", ", fields) + "}";
	}

}
