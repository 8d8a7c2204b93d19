package io.membergraph.campaign.internal;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.membergraph.campaign.Campaign;
import io.membergraph.security.Caller;
import io.membergraph.security.ShownGroups;
import io.membergraph.security.ShownMemories;
import io.membergraph.shared.ForbiddenFieldException;
import org.springframework.stereotype.Component;

/**
 * The campaign responses a caller shown aggregates only (MARKETER) was answered, so that two whose credited orders
 * differ by those of 1 to 4 members are not both answered. The contacts decide which orders a campaign is credited
 * with, and a marketer records them: with the response read, one more member's contact recorded and the response read
 * again, the two revenues set against each other would be that member's purchases since the launch. So a response is
 * remembered by its campaign, attribution and the contacts it was measured with: read again with the same contacts it
 * replaces its earlier answer (what changed is what the members bought), while a response measured with other
 * contacts, this campaign's or another's touching its audience, is set against every earlier one (docs/campaigns.md).
 */
@Component
public class ResponsesShown {

	private final Caller caller;

	private final ShownGroups shown;

	private final int minGroupSize;

	ResponsesShown(Caller caller, ShownMemories memories) {
		this.caller = caller;
		this.shown = memories.of("campaign responses");
		this.minGroupSize = memories.minGroupSize();
	}

	/**
	 * Refuses, on the field that named the campaign, a response whose credited orders differ from those of one the
	 * caller was shown recently by the orders of 1 to 4 members. A response crediting 1 to 4 members is let through: the
	 * small-group rule withholds its conversions and all that rests on them, so it is no side of a difference either.
	 */
	public void refuseDifferingByAFew(String field, Campaign campaign, ResponseMeasurement measured,
			Attribution attribution, long contacts) {
		if (!caller.seesOnlyAggregates()) {
			return;
		}
		ShownGroups.Sketch records = new ShownGroups.Sketch();
		Set<String> converted = new HashSet<>();
		for (ResponseMeasurement.Credited order : measured.credited()) {
			long owner = converted.add(order.memberId()) ? records.member(order.memberId())
					: ShownGroups.Sketch.owner(order.memberId());
			records.record(owner, order.identity(), order.net());
		}
		if (converted.size() < minGroupSize) {
			return;
		}
		String question = "campaign " + campaign.id() + ", " + attribution + ", contacts " + Long.toHexString(contacts);
		Optional<String> earlier;
		try {
			earlier = shown.differingQuestion(caller.name(), question, records);
		}
		catch (ShownGroups.MemoryFull full) {
			throw new ForbiddenFieldException(field, "is one campaign response too many: you were shown " + full.capacity()
					+ " distinct responses lately, as many as are remembered to keep two of them from being set against "
					+ "each other (membergraph.privacy.remembered-per-caller); read one of those again, or a new one after "
					+ full.freeAt());
		}
		earlier.ifPresent(other -> {
			throw new ForbiddenFieldException(field, "names a campaign whose response credits orders that differ by those "
					+ "of fewer than " + minGroupSize + " members from a response you were shown recently ("
					+ other.replaceFirst(", contacts .*", "") + ", with the contacts as they were then), so the two set "
					+ "against each other would describe those few members; read it again once more members have "
					+ "converted, or after that response is forgotten (membergraph.privacy.preview-memory)");
		});
	}

}
