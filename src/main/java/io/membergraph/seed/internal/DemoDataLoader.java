package io.membergraph.seed.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.membergraph.campaign.Campaign;
import io.membergraph.campaign.CampaignBulkLoad;
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
import io.membergraph.segment.SavedSegments;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.shared.Money;
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

	private final CampaignBulkLoad launchedCampaigns;

	private final SavedSegments segments;

	private final LoyaltyBulkLoad loyalty;

	private final BusinessCalendar calendar;

	private final JsonMapper json;

	private final Clock clock;

	DemoDataLoader(MemberBulkLoad members, CommerceBulkLoad commerce, InteractionLog interactions,
			CampaignPlanner campaigns, CampaignBulkLoad launchedCampaigns, SavedSegments segments, LoyaltyBulkLoad loyalty,
			BusinessCalendar calendar, JsonMapper json, Clock clock) {
		this.segments = segments;
		this.members = members;
		this.commerce = commerce;
		this.interactions = interactions;
		this.campaigns = campaigns;
		this.launchedCampaigns = launchedCampaigns;
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
		// Saved first, so that the campaigns name their target; evaluated before ready, over the read models warm by then.
		Map<String, String> segmentIds = new HashMap<>();
		segments.saveAll(reference.segments(), "seed").forEach(segment -> segmentIds.put(segment.name(), segment.id()));
		Map<String, Campaign> planned = campaignsOf(reference.campaigns(), generator, segmentIds);
		campaigns.saveAll(List.copyOf(planned.values()));
		DemoDataGenerator.Summary summary;
		LoyaltyBulkLoad.Replayer replayer = loyalty.replayer();
		try (BatchWriters writers = new BatchWriters()) {
			summary = new DemoDataGenerator(generator, reference, calendar.zone(),
					(member, orders, redemptions, asOf) -> replayer.replay(member.id(), member.joinedAt(), orders,
							redemptions, asOf))
				.generate(new StoreSink(writers, replayer, planned));
		}
		log.info(String.format("Loaded demo data: %,d members, %,d orders, %,d interactions in %.1f s",
				summary.members(), summary.orders(), summary.interactions(), (System.nanoTime() - started) / 1e9));
		return summary;
	}

	/**
	 * The demo's campaigns by id: ended ones as ENDED, those still to come as drafts; none launched yet. Each goes to
	 * the saved segment its spec names.
	 */
	private Map<String, Campaign> campaignsOf(List<CampaignSpec> specs, GeneratorSettings generator,
			Map<String, String> segmentIds) {
		LocalDate last = generator.endDate();
		Map<String, Campaign> campaigns = new LinkedHashMap<>();
		for (DemoCampaign demo : DemoCampaign.between(specs, last.minusMonths(generator.months()).plusDays(1), last)) {
			CampaignSpec spec = demo.spec();
			campaigns.put(demo.id(), new Campaign(demo.id(), spec.name() + " " + demo.year(), spec.channel(),
					calendar.startOf(demo.firstDay()), calendar.startOf(demo.lastDay().plusDays(1)),
					targetOf(spec, segmentIds),
					spec.controlGroupShare(), spec.attributionWindowDays(),
					spec.cost() == null ? null : Money.of(spec.cost()),
					demo.endedBy(last) ? CampaignStatus.ENDED : CampaignStatus.DRAFT, "seed",
					calendar.startOf(demo.firstDay().minusDays(14)), null, 0, 0));
		}
		return campaigns;
	}

	private static String targetOf(CampaignSpec spec, Map<String, String> segmentIds) {
		if (spec.targetSegment() == null) {
			return null;
		}
		String id = segmentIds.get(spec.targetSegment());
		if (id == null) {
			throw new IllegalStateException("seed/campaigns.json: campaign " + spec.id() + " goes to segment '"
					+ spec.targetSegment() + "', which seed/segments.json does not have");
		}
		return id;
	}

	private final class StoreSink implements DemoDataSink {

		private final BatchWriters writers;

		private final LoyaltyBulkLoad.Replayer loyalty;

		private final Map<String, Campaign> planned;

		StoreSink(BatchWriters writers, LoyaltyBulkLoad.Replayer loyalty, Map<String, Campaign> planned) {
			this.writers = writers;
			this.loyalty = loyalty;
			this.planned = planned;
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

		@Override
		public void campaignsLaunched(List<DemoLaunches.Launch> launches) {
			for (DemoLaunches.Launch launch : launches) {
				writers.submit(() -> launchedCampaigns.saveLaunched(planned.get(launch.campaignId()), launch.launchedAt(),
						launch.audience(), launch.leftOutWithoutConsent(), launch.reached()));
			}
		}

	}

}
