package io.membergraph.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.membergraph.customer.internal.TraitEncoding;
import io.membergraph.member.Member;
import io.membergraph.member.MemberStatus;
import io.membergraph.shared.BusinessCalendar;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
import org.springframework.stereotype.Service;

/**
 * What segments may test of every live member (merge tombstones left out): tier, region, birth date, gender,
 * registration, channels, tags and consent. Kept in memory and refreshed from the members written since the
 * previous read. Never handed to callers as such: a segment answers with member ids, and members leave through
 * {@code MemberDirectory}, which masks them per role.
 */
@Service
public class MemberTraits {

	/**
	 * @param channels the join channel and the channels of the member's identities
	 * @param consent granted or not, by consent channel name
	 */
	public record Traits(String id, String tierCode, String province, String city, LocalDate birthDate, String gender,
			Instant joinedAt, String joinChannel, Set<String> channels, Set<String> tags, Map<String, Boolean> consent) {
	}

	private final ChangeStampedView<Member, Traits> view;

	private final TraitEncoding encoding;

	/** The view's map the columns were made from: a new map means members were written since. */
	private Map<String, Traits> encodedFrom;

	private TraitColumns columns;

	MemberTraits(ChangeStampedViews views, BusinessCalendar calendar) {
		this.encoding = new TraitEncoding(calendar);
		this.view = views.of(Member.class, "updatedAt", new String[] { "tierCode", "region", "birthDate", "gender",
				"joinedAt", "joinChannel", "identities", "tags", "consent", "status", "updatedAt" }, Member::id,
				MemberTraits::traitsOf);
	}

	/** Every live member's traits by member id, as of now; the same map again while no member was written. */
	public Map<String, Traits> byMember() {
		return view.current();
	}

	/** The same members as {@link #byMember()}, as columns; patched, not rebuilt, after members were written. */
	public synchronized TraitColumns columns() {
		Map<String, Traits> now = view.current();
		if (now != encodedFrom) {
			Map<String, Traits> changes = view.changes(encodedFrom, now);
			columns = changes == null ? encoding.load(now.values()) : encoding.patch(changes);
			encodedFrom = now;
		}
		return columns;
	}

	private static Traits traitsOf(Member member) {
		if (member.status() == MemberStatus.MERGED) {
			return null;
		}
		Set<String> channels = new LinkedHashSet<>();
		if (member.joinChannel() != null) {
			channels.add(member.joinChannel().name());
		}
		if (member.identities() != null) {
			member.identities().forEach(identity -> channels.add(identity.channel().name()));
		}
		Map<String, Boolean> consent = new HashMap<>();
		if (member.consent() != null) {
			member.consent().forEach((channel, given) -> consent.put(channel.name(), given.granted()));
		}
		return new Traits(member.id(), member.tierCode(), member.region() == null ? null : member.region().province(),
				member.region() == null ? null : member.region().city(), member.birthDate(),
				member.gender() == null ? null : member.gender().name(), member.joinedAt(),
				member.joinChannel() == null ? null : member.joinChannel().name(), Set.copyOf(channels),
				member.tags() == null ? Set.of() : Set.copyOf(member.tags()), Map.copyOf(consent));
	}

}
