package io.membergraph.seed.internal;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.seed.internal.ReferenceData.CampaignSpec;

/**
 * One of the demo's campaigns: a reference campaign in one year of the generated history. Those whose whole measured
 * period (the campaign and its attribution window) lies in the history's last year were launched the day before they
 * started, as a marketer measures the recent ones; the older ones are history that was never launched here.
 */
record DemoCampaign(CampaignSpec spec, int year) {

	/** Each reference campaign once in every year the history touches. */
	static List<DemoCampaign> between(List<CampaignSpec> specs, LocalDate first, LocalDate last) {
		List<DemoCampaign> campaigns = new ArrayList<>();
		for (int year = first.getYear(); year <= last.getYear(); year++) {
			for (CampaignSpec spec : specs) {
				campaigns.add(new DemoCampaign(spec, year));
			}
		}
		return campaigns;
	}

	String id() {
		return spec.id() + "-" + year;
	}

	LocalDate firstDay() {
		return Year.of(year).atMonth(spec.month()).atDay(spec.startDay());
	}

	LocalDate lastDay() {
		return Year.of(year).atMonth(spec.month()).atDay(spec.endDay());
	}

	LocalDate launchDay() {
		return firstDay().minusDays(1);
	}

	/** Over before the history's last day; otherwise still planned. */
	boolean endedBy(LocalDate last) {
		return lastDay().isBefore(last);
	}

	/** Launched in a history from {@code first} to {@code last}: its launch and measured period in the last year. */
	boolean launchedIn(LocalDate first, LocalDate last) {
		return launchDay().isAfter(first) && launchDay().isAfter(last.minusYears(1))
				&& lastDay().plusDays(spec.attributionWindowDays()).isBefore(last);
	}

}
