package io.membergraph.shared;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A setting read outside its bounds by the component that uses it. The start stops, and Spring Boot reports it in
 * its short failure report ({@link Analyzer}) naming the property, its bounds and the value, not at the bottom of a
 * stack trace.
 */
public class SettingOutOfBounds extends IllegalStateException {

	private final String property;

	/** @param bounds what the property must be, e.g. "at least 1" or "between 1m and 7d" */
	public SettingOutOfBounds(String property, String bounds, Object value) {
		super(property + " must be " + bounds + ", not " + value);
		this.property = property;
	}

	/** The value of a whole-number setting, or this exception when it lies outside {@code min..max}. */
	public static int within(String property, int value, int min, int max) {
		if (value < min || value > max) {
			throw new SettingOutOfBounds(property, "between " + min + " and " + max, value);
		}
		return value;
	}

	public String property() {
		return property;
	}

	/** Turns {@link SettingOutOfBounds} into Spring Boot's short start-up failure report. */
	public static final class Analyzer extends AbstractFailureAnalyzer<SettingOutOfBounds> {

		@Override
		protected FailureAnalysis analyze(Throwable rootFailure, SettingOutOfBounds cause) {
			String property = cause.property();
			String variable = property.toUpperCase().replace(".", "_").replace("-", "");
			return new FailureAnalysis(cause.getMessage(), "Set " + property + " within its bounds (in application.yml, "
					+ "as the environment variable " + variable + " or as --" + property + "=...); the README's "
					+ "configuration table gives them.", cause);
		}

	}

}
