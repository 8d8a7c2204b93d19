package io.membergraph.analytics;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

import io.membergraph.member.Region;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;

/** The scope of an analysis as the API takes it; errors name the field under {@code scope}. */
public record ScopeInput(LocalDate asOf, String zone, Integer lookbackDays, Channel channel, String tier, String province,
		String city, String storeId, String segmentId) {

	public static AnalysisScope toScope(ScopeInput input, BusinessCalendar calendar) {
		InvalidInputException.require("scope", input);
		ZoneId zone;
		try {
			zone = input.zone() == null || input.zone().isBlank() ? calendar.zone() : ZoneId.of(input.zone().strip());
		}
		catch (DateTimeException ex) {
			throw new InvalidInputException("scope.zone", "'" + input.zone() + "' is not a time zone (e.g. Asia/Shanghai)");
		}
		// As members keep them: 广东省 is 广东.
		Region region = Region.of(input.province(), input.city());
		try {
			return new AnalysisScope(input.asOf(), zone, input.lookbackDays(), input.channel(), input.tier(),
					region == null ? null : region.province(), region == null ? null : region.city(),
					blankToNull(input.storeId()), blankToNull(input.segmentId()));
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException("scope." + ex.field(), ex.reason());
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
