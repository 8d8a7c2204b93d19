package io.membergraph.shared;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Every analysis takes its arguments in one {@code input}. A few took them one by one before; those arguments are
 * deprecated in the schema and still read, so that clients written against them keep working. A request gives one
 * style or the other: both at once would leave it unclear which one counts.
 */
public final class DeprecatedArguments {

	private DeprecatedArguments() {
	}

	/**
	 * The input given, or else the one the deprecated arguments make; refused when the input comes with any of them.
	 */
	public static <T> T orInput(T input, Supplier<T> fromArguments, Object... deprecatedArguments) {
		boolean anyArgument = Arrays.stream(deprecatedArguments).anyMatch(Objects::nonNull);
		if (input != null && anyArgument) {
			throw new InvalidInputException("input", "give the arguments inside input only, not beside it as well");
		}
		return input != null ? input : fromArguments.get();
	}

}
