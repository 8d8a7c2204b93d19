package io.membergraph.campaign.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.membergraph.campaign.Campaign;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;

/**
 * What a launched campaign did, measured from its launch to the end of its attribution window after it ends (or
 * now, if sooner). Definitions: docs/campaigns.md.
 *
 * @param conversions treated members with an order credited to the campaign
 * @param conversionRate conversions per member sent the message
 * @param averageDiscount the mean discount of the credited orders
 * @param costPerConversion the cost per conversion, when the cost is known and someone converted
 * @param roi (credited revenue − cost) / cost, when the cost is known
 * @param conversionUplift the share of treated members who bought in the period minus the control group's share
 * @param revenueUplift revenue per member (currency units) in the treated group minus the control group's
 */
public record CampaignResponse(Campaign campaign, Attribution attribution, double confidence, Instant measuredFrom,
		Instant measuredUntil, int audience, int treated, int control, Contacts contacts, int conversions,
		Double conversionRate, int orders, Money revenue, Money averageDiscount, Money cost, Money costPerConversion,
		Double roi, Uplift conversionUplift, Uplift revenueUplift, List<ChannelResponse> byChannel,
		List<DayResponse> daily) {

	/**
	 * Members reached at each step of the message, and the rates between them.
	 *
	 * @param openRate opened per delivered
	 * @param clickRate clicked per delivered
	 */
	public record Contacts(int sent, int delivered, int opened, int clicked, Double deliveryRate, Double openRate,
			Double clickRate) {

		static Contacts of(int sent, int delivered, int opened, int clicked) {
			return new Contacts(sent, delivered, opened, clicked, rate(delivered, sent), rate(opened, delivered),
					rate(clicked, delivered));
		}

	}

	/** The response of the members contacted through one channel. */
	public record ChannelResponse(Channel channel, Contacts contacts, int conversions, Double conversionRate,
			int orders, Money revenue) {
	}

	/**
	 * The response up to the end of one day.
	 *
	 * @param conversions treated members with a credited order by the end of the day
	 * @param treatedBuyingShare the share of the treated group that bought by the end of the day
	 * @param controlBuyingShare the same share of the control group
	 */
	public record DayResponse(LocalDate day, int conversions, Double treatedBuyingShare, Double controlBuyingShare) {
	}

	static Double rate(long part, long whole) {
		return whole == 0 ? null : (double) part / whole;
	}

}
