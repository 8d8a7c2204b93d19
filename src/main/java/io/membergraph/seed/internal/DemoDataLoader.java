package io.membergraph.seed.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.campaign.Campaign;
import io.membergraph.campaign.CampaignPlanner;
import io.membergraph.campaign.CampaignStatus;
import io.membergraph.commerce.CommerceBulkLoad;
import io.membergraph.commerce.Order;
import io.membergraph.engagement.Interaction;
import io.membergraph.engagement.InteractionLog;
import io.membergraph.loyalty.LoyaltyBulkLoad;
import io.membergraph.member.Member;
import io.membergraph.member.MemberBulkLoad;
import io.membergraph.seed.internal.ReferenceData.CampaignSpec;
import io.membergraph.shared.BusinessCalendar;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Loads the reference data and the generated demo history into an empty store. */
@Service
public class DemoDataLoader {

	private static final Log log = LogFactory.getLog(DemoDataLoader.class);

	private final MemberBulkLoad members;

	private final CommerceBulkLoad commerce;

	private final InteractionLog interactions;

	private final CampaignPlanner campaigns;

	private final LoyaltyBulkLoad loyalty;

	private final BusinessCalendar calendar;

	private final JsonMapper json;

	private final Clock clock;

	DemoDataLoader(MemberBulkLoad members, CommerceBulkLoad commerce, InteractionLog interactions,
			CampaignPlanner campaigns, LoyaltyBulkLoad loyalty, BusinessCalendar calendar, JsonMapper json, Clock clock) {
		this.members = members;
		this.commerce = commerce;
		this.interactions = interactions;
		this.campaigns = campaigns;
		this.loyalty = loyalty;
		this.calendar = calendar;
		this.json = json;
		this.clock = clock;
	}

	/** Loads demo data unless members exist already; returns what was loaded, or null when nothing was. */
	public DemoDataGenerator.Summary loadIfEmpty(SeedSettings settings) {
		if (members.hasMembers()) {
			log.info("Members exist already: no demo data loaded");
			return null;
		}
		long started = System.nanoTime();
		ReferenceData reference = ReferenceData.load(json);
		GeneratorSettings generator = reference.generator().overriddenBy(settings, calendar.dayOf(clock.instant()));
		commerce.saveProducts(reference.products());
		commerce.saveStores(reference.stores());
		campaigns.saveAll(campaignsBetween(reference.campaigns(), generator.endDate().minusMonths(generator.months()),
				generator.endDate()));
		DemoDataGenerator.Summary summary;
		LoyaltyBulkLoad.Replayer replayer = loyalty.replayer();
		try (BatchWriters writers = new BatchWriters()) {
			summary = new DemoDataGenerator(generator, reference, calendar.zone(),
					(member, orders, redemptions, asOf) -> replayer.replay(member.id(), member.joinedAt(), orders,
							redemptions, asOf))
				.generate(new StoreSink(writers, replayer));
		}
		log.info(String.format("Loaded demo data: %,d members, %,d orders, %,d interactions in %.1f s",
				summary.members(), summary.orders(), summary.interactions(), (System.nanoTime() - started) / 1e9));
		return summary;
	}

	/** Each yearly campaign once per year of the generated history. */
	private List<Campaign> campaignsBetween(List<CampaignSpec> specs, LocalDate from, LocalDate to) {
		List<Campaign> result = new ArrayList<>();
		for (int year = from.getYear(); year <= to.getYear(); year++) {
			for (CampaignSpec spec : specs) {
				LocalDate start = Year.of(year).atMonth(spec.month()).atDay(spec.startDay());
				LocalDate end = Year.of(year).atMonth(spec.month()).atDay(spec.endDay());
				result.add(new Campaign(spec.id() + "-" + year, spec.name() + " " + year, spec.channel(),
						calendar.startOf(start), calendar.startOf(end.plusDays(1)), null, spec.controlGroupShare(),
						spec.attributionWindowDays(), end.isBefore(to) ? CampaignStatus.ENDED : CampaignStatus.DRAFT,
						"seed", calendar.startOf(start.minusDays(14))));
			}
		}
		return result;
	}

	private final class StoreSink implements DemoDataSink {

		private final BatchWriters writers;

		private final LoyaltyBulkLoad.Replayer loyalty;

		StoreSink(BatchWriters writers, LoyaltyBulkLoad.Replayer loyalty) {
			this.writers = writers;
			this.loyalty = loyalty;
		}

		@Override
		public void members(List<Member> batch) {
			Runnable loyaltyHistory = loyalty.drain();
			writers.submit(() -> {
				members.insert(batch);
				loyaltyHistory.run();
			});
		}

		@Override
		public void orders(List<Order> batch) {
			writers.submit(() -> commerce.insertSettledOrders(batch));
		}

		@Override
		public void interactions(List<Interaction> batch) {
			writers.submit(() -> interactions.insertAll(batch));
		}

	}

}
