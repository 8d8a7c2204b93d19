package io.membergraph.customer;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.membergraph.shared.Channel;
import io.membergraph.shared.WarmUp;
import org.springframework.stereotype.Service;

/**
 * What analyses may know of every live member (merge tombstones left out): no personal data. Derived from
 * {@link MemberTraits}, whose in-memory view is refreshed from the members written since the previous read,
 * and derived again only when that view changed.
 */
@Service
public class MemberFacts implements WarmUp {

	/** One member's facts. */
	public record Facts(String id, Instant joinedAt, Channel joinChannel, String tierCode, String province,
			String city) {
	}

	private final MemberTraits traits;

	private Map<String, MemberTraits.Traits> derivedFrom;

	private Map<String, Facts> facts;

	MemberFacts(MemberTraits traits) {
		this.traits = traits;
	}

	@Override
	public void warm() {
		byMember();
	}

	/** Every live member's facts by member id, as of now. */
	public synchronized Map<String, Facts> byMember() {
		Map<String, MemberTraits.Traits> current = traits.byMember();
		if (current != derivedFrom) {
			Map<String, Facts> derived = new LinkedHashMap<>();
			current.forEach((id, t) -> derived.put(id, new Facts(id, t.joinedAt(),
					t.joinChannel() == null ? null : Channel.valueOf(t.joinChannel()), t.tierCode(), t.province(), t.city())));
			facts = Collections.unmodifiableMap(derived);
			derivedFrom = current;
		}
		return facts;
	}

}
