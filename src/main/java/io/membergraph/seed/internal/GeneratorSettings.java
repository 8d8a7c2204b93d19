package io.membergraph.seed.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.membergraph.shared.Channel;

/** The generator's settings, from {@code seed/generator.json}; see that file for the meaning of each share. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GeneratorSettings(long randomSeed, int members, int orders, int interactions, int months,
		LocalDate endDate,
		double prospectShare, double oneTimeBuyerShare, double churnedShareOfRepeatBuyers, double guestOrderShare,
		double refundShare, double cancelledShare, Map<Channel, Double> joinChannels, List<SeasonalPeak> seasonalPeaks,
		List<RegionWeight> regions, List<String> familyNames, List<String> givenNames, List<String> occupations) {

	/** A sales peak: days of a month in which orders are {@code weight} times as likely. */
	record SeasonalPeak(String name, int month, int fromDay, int toDay, double weight) {
	}

	record RegionWeight(String province, String city, double weight) {
	}

	/** These settings with the sizes and end date that the application's settings override. */
	GeneratorSettings overriddenBy(SeedSettings seed, LocalDate today) {
		return new GeneratorSettings(randomSeed, seed.members() == null ? members : seed.members(),
				seed.orders() == null ? orders : seed.orders(),
				seed.interactions() == null ? interactions : seed.interactions(), months,
				seed.endDate() != null ? seed.endDate() : endDate != null ? endDate : today, prospectShare,
				oneTimeBuyerShare, churnedShareOfRepeatBuyers, guestOrderShare, refundShare, cancelledShare,
				joinChannels, seasonalPeaks, regions, familyNames, givenNames, occupations);
	}

}
