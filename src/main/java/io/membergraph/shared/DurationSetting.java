package io.membergraph.shared;

import java.time.Duration;

/**
 * Bounds for a duration read from the configuration. Outside them the service does not start, and the message
 * names the property, its bounds and the value: a schedule of nothing would run without pause, a grace of nothing
 * would let the recovery sweep take over writes still in flight.
 */
public final class DurationSetting {

	private DurationSetting() {
	}

	public static Duration within(String property, Duration value, Duration min, Duration max) {
		if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw new SettingOutOfBounds(property, "between " + readable(min) + " and " + readable(max), value);
		}
		return value;
	}

	private static String readable(Duration duration) {
		if (duration.toSeconds() % 86_400 == 0 && duration.getNano() == 0) {
			return duration.toDays() + "d";
		}
		return duration.toString().substring(2).toLowerCase(); // PT1M30S -> 1m30s
	}

}
