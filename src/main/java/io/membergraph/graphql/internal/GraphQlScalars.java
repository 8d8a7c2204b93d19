package io.membergraph.graphql.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import io.membergraph.shared.Money;
import io.membergraph.shared.TimeBounds;
import io.membergraph.shared.UnitPrice;

/** The scalars of the schema: instants, calendar dates and money, each with one text form. */
public final class GraphQlScalars {

	private GraphQlScalars() {
	}

	static final int FIRST_YEAR = TimeBounds.FIRST_YEAR;

	static final int LAST_YEAR = TimeBounds.LAST_YEAR;

	/** The most of an invalid value an error repeats: enough to recognise it, never the whole of a huge one. */
	private static final int SHOWN = 40;

	/** An instant, written as ISO-8601 with an offset ({@code 2026-11-11T20:00:00+08:00}), returned in UTC. */
	static final GraphQLScalarType DATE_TIME = textScalar("DateTime", "an ISO-8601 date-time with offset",
			text -> inYears(OffsetDateTime.parse(text)).toInstant(), Instant.class, Instant::toString);

	/** A calendar date, {@code 2026-11-11}. */
	static final GraphQLScalarType DATE = textScalar("Date", "an ISO-8601 date (yyyy-MM-dd)",
			text -> inYears(LocalDate.parse(text)), LocalDate.class, LocalDate::toString);

	/** An amount in the programme currency as a decimal string with at most two places, e.g. {@code "199.00"}. */
	static final GraphQLScalarType MONEY = GraphQLScalarType.newScalar()
		.name("Money")
		.description("An amount in the programme currency, a decimal with at most two places, e.g. \"199.00\"")
		.coercing(new DecimalCoercing<>("Money", Money.class, Money::ofInput, "199.00"))
		.build();

	/** The price of one unit, a decimal with at most four places, e.g. {@code "0.0825"}. */
	static final GraphQLScalarType UNIT_PRICE = GraphQLScalarType.newScalar()
		.name("UnitPrice")
		.description("The price of one unit, a decimal with at most four places, e.g. \"12.50\" or \"0.0825\"")
		.coercing(new DecimalCoercing<>("UnitPrice", UnitPrice.class, UnitPrice::new, "12.50"))
		.build();

	/**
	 * A 64-bit whole number as a JSON number: points balances and report totals. GraphQL's Int stops at 2^31, and a
	 * value beyond it failed to serialise for good, making the member's points unreadable.
	 */
	static final GraphQLScalarType LONG = GraphQLScalarType.newScalar()
		.name("Long")
		.description("A whole number beyond 32 bits, written as a JSON number")
		.coercing(new LongCoercing())
		.build();

	/** Free-form properties: an object of strings, numbers, booleans, lists and objects. */
	static final GraphQLScalarType JSON = GraphQLScalarType.newScalar()
		.name("JSON")
		.description("A JSON value: object, list, string, number, boolean or null")
		.coercing(new JsonCoercing())
		.build();

	private static OffsetDateTime inYears(OffsetDateTime time) {
		inYears(time.getYear());
		return time;
	}

	private static LocalDate inYears(LocalDate day) {
		inYears(day.getYear());
		return day;
	}

	private static void inYears(int year) {
		if (!TimeBounds.inYears(year)) {
			throw new IllegalArgumentException("is outside the years " + FIRST_YEAR + "-" + LAST_YEAR);
		}
	}

	private static String shown(String text) {
		return text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
	}

	private static <T> GraphQLScalarType textScalar(String name, String expected, Function<String, T> parse,
			Class<T> type, Function<T, String> format) {
		return GraphQLScalarType.newScalar()
			.name(name)
			.description(expected)
			.coercing(new TextCoercing<>(name, expected, parse, type, format))
			.build();
	}

	private record TextCoercing<T>(String name, String expected, Function<String, T> parse, Class<T> type,
			Function<T, String> format) implements Coercing<T, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (type.isInstance(value)) {
				return format.apply(type.cast(value));
			}
			throw new CoercingSerializeException(name + " cannot serialize " + value.getClass().getSimpleName());
		}

		@Override
		public T parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String text) {
				return parseText(text, CoercingParseValueException::new);
			}
			throw new CoercingParseValueException(name + " must be a string: " + expected);
		}

		@Override
		public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof StringValue text) {
				return parseText(text.getValue(), CoercingParseLiteralException::new);
			}
			throw new CoercingParseLiteralException(name + " must be a string: " + expected);
		}

		private <E extends RuntimeException> T parseText(String text, Function<String, E> error) {
			try {
				return parse.apply(text.strip());
			}
			catch (DateTimeParseException ex) {
				throw error.apply("'" + shown(text) + "' is not " + expected);
			}
			catch (IllegalArgumentException ex) {
				throw error.apply("'" + shown(text) + "' " + ex.getMessage());
			}
		}

	}

	/** A decimal written as a string (or a number) and returned as a string, exact to its places. */
	private record DecimalCoercing<T>(String name, Class<T> type, Function<BigDecimal, T> make, String example)
			implements Coercing<T, String> {

		@Override
		public String serialize(Object value, GraphQLContext context, Locale locale) {
			if (type.isInstance(value)) {
				return value.toString();
			}
			throw new CoercingSerializeException(name + " cannot serialize " + value.getClass().getSimpleName());
		}

		@Override
		public T parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof String || input instanceof Number) {
				return parse(input.toString(), CoercingParseValueException::new);
			}
			throw new CoercingParseValueException(name + " must be a decimal string such as \"" + example + "\"");
		}

		@Override
		public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof StringValue text) {
				return parse(text.getValue(), CoercingParseLiteralException::new);
			}
			if (input instanceof IntValue number) {
				return parse(number.getValue().toString(), CoercingParseLiteralException::new);
			}
			if (input instanceof FloatValue number) {
				return parse(number.getValue().toPlainString(), CoercingParseLiteralException::new);
			}
			throw new CoercingParseLiteralException(name + " must be a decimal string such as \"" + example + "\"");
		}

		private <E extends RuntimeException> T parse(String text, Function<String, E> error) {
			String shown = shown(text);
			try {
				return make.apply(new BigDecimal(text.strip()));
			}
			catch (NumberFormatException ex) {
				throw error.apply("'" + shown + "' is not a decimal amount");
			}
			catch (IllegalArgumentException | ArithmeticException ex) {
				throw error.apply("'" + shown + "' " + (ex.getMessage() == null ? "is out of range" : ex.getMessage()));
			}
		}

	}

	private static final class LongCoercing implements Coercing<Long, Long> {

		@Override
		public Long serialize(Object value, GraphQLContext context, Locale locale) {
			if (value instanceof Long || value instanceof Integer || value instanceof Short) {
				return ((Number) value).longValue();
			}
			throw new CoercingSerializeException("Long cannot serialize " + value.getClass().getSimpleName());
		}

		@Override
		public Long parseValue(Object input, GraphQLContext context, Locale locale) {
			if (input instanceof Long || input instanceof Integer) {
				return ((Number) input).longValue();
			}
			if (input instanceof BigInteger big && big.bitLength() < 64) {
				return big.longValue();
			}
			throw new CoercingParseValueException("Long must be a whole number within 64 bits");
		}

		@Override
		public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
			if (input instanceof IntValue number && number.getValue().bitLength() < 64) {
				return number.getValue().longValue();
			}
			throw new CoercingParseLiteralException("Long must be a whole number within 64 bits");
		}

	}

	private static final class JsonCoercing implements Coercing<Object, Object> {

		@Override
		public Object serialize(Object value, GraphQLContext context, Locale locale) {
			return value;
		}

		@Override
		public Object parseValue(Object input, GraphQLContext context, Locale locale) {
			return input;
		}

		@Override
		public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
				Locale locale) {
			return literal(input, variables);
		}

		private static Object literal(Value<?> input, CoercedVariables variables) {
			if (input instanceof StringValue text) {
				return text.getValue();
			}
			if (input instanceof IntValue number) {
				return number.getValue().longValueExact();
			}
			if (input instanceof FloatValue number) {
				return number.getValue();
			}
			if (input instanceof BooleanValue bool) {
				return bool.isValue();
			}
			if (input instanceof EnumValue enumValue) {
				return enumValue.getName();
			}
			if (input instanceof NullValue) {
				return null;
			}
			if (input instanceof VariableReference reference) {
				return variables.get(reference.getName());
			}
			if (input instanceof ArrayValue array) {
				return array.getValues().stream().map(v -> literal(v, variables)).toList();
			}
			if (input instanceof ObjectValue object) {
				Map<String, Object> map = new LinkedHashMap<>();
				object.getObjectFields().forEach(f -> map.put(f.getName(), literal(f.getValue(), variables)));
				return map;
			}
			throw new CoercingParseLiteralException("JSON cannot hold " + input.getClass().getSimpleName());
		}

	}

}
