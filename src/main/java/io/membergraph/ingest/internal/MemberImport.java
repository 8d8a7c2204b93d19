package io.membergraph.ingest.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
import io.membergraph.member.AttributeDefinition;
import io.membergraph.member.BulkRegistration;
import io.membergraph.member.ConsentChannel;
import io.membergraph.member.CustomAttributes;
import io.membergraph.member.CustomAttributes.AttributeValue;
import io.membergraph.member.Gender;
import io.membergraph.member.IncomeBand;
import io.membergraph.member.Member;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberInputs.ConsentInput;
import io.membergraph.member.MemberInputs.IdentityInput;
import io.membergraph.member.MemberInputs.LinkIdentityInput;
import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.member.MemberInputs.SetConsentInput;
import io.membergraph.member.MemberInputs.UpdateMemberProfileInput;
import io.membergraph.member.MemberPayload;
import io.membergraph.member.MemberProfiles;
import io.membergraph.member.Region;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Loads one member row: cleans it, finds the member it belongs to by its identities (by default a channel
 * account, a WeChat unionid, the phone, the e-mail, in that order of precedence; see {@link IdentityResolution})
 * and links what is new to that member, or registers a new member. A row whose identities point at two
 * different members is rejected as a merge candidate rather than guessed, unless the brand chose to follow
 * the strongest match.
 */
@Component
public class MemberImport {

	private final MemberDirectory directory;

	private final MemberProfiles profiles;

	private final IdentityResolution resolution;

	private final BulkRegistration registrations;

	private final CustomAttributes attributes;

	MemberImport(MemberDirectory directory, MemberProfiles profiles, BulkRegistration registrations,
			IdentityResolution resolution, CustomAttributes attributes) {
		this.registrations = registrations;
		this.attributes = attributes;
		this.directory = directory;
		this.profiles = profiles;
		this.resolution = resolution;
	}

	/**
	 * The cleaned row.
	 *
	 * @param consents what the file says the customer agreed to be contacted by, per channel: a marketing tool's
	 * subscription flags
	 * @param attributes the custom attributes the row gives, by key, as written (checked against their definitions);
	 * in key order, so that the same values make the same row
	 */
	record MemberRow(String name, Gender gender, LocalDate birthDate, String phone, String email,
			Region region, String occupation, IncomeBand incomeBand, Instant joinedAt, Channel joinChannel,
			IdentityInput identity, List<String> tags, Map<ConsentChannel, Boolean> consents,
			java.util.SortedMap<String, String> attributes) {
	}

	/** The custom attributes the brand defined, by key: what a row's {@code attributes.<key>} is checked against. */
	Map<String, AttributeDefinition> attributeDefinitions() {
		Map<String, AttributeDefinition> defined = new LinkedHashMap<>();
		attributes.definitions().forEach(definition -> defined.put(definition.key(), definition));
		return defined;
	}

	/** The mapping's custom attributes the brand has not defined: refused before any row is read. */
	List<InvalidInputException.Problem> undefinedAttributes(FieldMapping mapping) {
		List<String> mapped = mapping.mappedFields().stream().filter(field -> ImportFields.attributeOf(field) != null)
			.sorted().toList();
		if (mapped.isEmpty()) {
			return List.of();
		}
		Set<String> defined = attributeDefinitions().keySet();
		return mapped.stream()
			.filter(field -> !defined.contains(ImportFields.attributeOf(field)))
			.map(field -> new InvalidInputException.Problem("mapping." + field, "'" + ImportFields.attributeOf(field)
					+ "' is not a custom attribute the brand has defined; " + (defined.isEmpty() ? "none is defined"
							: "they are " + defined)
					+ " (an ADMIN defines one with defineAttribute, then it can be imported)"))
			.toList();
	}

	/** Marketing tools' words for a consent given and one not given (or withdrawn), besides yes and no. */
	static final Set<String> SUBSCRIBED = Set.of("subscribed", "opted in", "opt-in", "同意");

	/** Also Shopify's marketing states short of a subscription: not subscribed, or a double opt-in not confirmed. */
	static final Set<String> UNSUBSCRIBED = Set.of("unsubscribed", "never subscribed", "never_subscribed", "opted out",
			"opt-out", "不同意", "not_subscribed", "not subscribed", "pending");

	/** The import's consent fields (listed in {@link ImportFields#MEMBERS}), each the yes or no of one channel. */
	static final Map<String, ConsentChannel> CONSENT_FIELDS = Map.of("smsConsent", ConsentChannel.SMS, "emailConsent",
			ConsentChannel.EMAIL, "wechatConsent", ConsentChannel.WECHAT, "appPushConsent", ConsentChannel.APP_PUSH,
			"phoneCallConsent", ConsentChannel.PHONE_CALL);

	/** What loading the row would do, without writing: LOADED (a new member) or LINKED; refused as load would. */
	RowOutcome check(MemberRow row) {
		Map<String, String> owners = owners(row);
		boolean conflicting = owners.values().stream().distinct().count() > 1;
		if (conflicting && resolution.onConflict() == IdentityResolution.OnConflict.REJECT) {
			throw new InvalidInputException(owners.keySet().iterator().next(), "matches members " + owners
					+ ": they look like one customer; merge them, then import again");
		}
		if (owners.isEmpty()) {
			registrations.check(registration(row));
			return RowOutcome.LOADED;
		}
		return RowOutcome.LINKED;
	}

	/** What loading a row did: LOADED or LINKED, or refused with the reason. */
	record Loaded(RowOutcome outcome, InvalidInputException refused) {
	}

	/**
	 * Loads rows in the file's order as {@link #load} loads each: the new members registered together, then the
	 * rows that find a known member, or share an identity with a row before them, one by one.
	 */
	List<Loaded> loadAll(List<MemberRow> rows) {
		List<BulkRegistration.Outcome> registered = registrations.registerAll(rows.stream().map(MemberImport::registration)
			.toList());
		List<Loaded> loaded = new ArrayList<>();
		for (int i = 0; i < rows.size(); i++) {
			BulkRegistration.Outcome outcome = registered.get(i);
			if (outcome.registerAlone()) {
				try {
					loaded.add(new Loaded(load(rows.get(i)), null));
				}
				catch (InvalidInputException ex) {
					loaded.add(new Loaded(null, ex));
				}
			}
			else {
				loaded.add(outcome.refused() != null ? new Loaded(null, outcome.refused())
						: new Loaded(RowOutcome.LOADED, null));
			}
		}
		return loaded;
	}

	private static RegisterMemberInput registration(MemberRow row) {
		return new RegisterMemberInput(row.name(), row.gender(), row.birthDate(), row.phone(), row.email(), row.region(),
				row.occupation(), row.incomeBand(), row.joinChannel(), row.joinedAt(),
				row.identity() == null ? List.of() : List.of(row.identity()),
				row.consents().entrySet().stream().map(c -> new ConsentInput(c.getKey(), c.getValue())).toList(), row.tags(),
				attributeValues(row));
	}

	RowOutcome load(MemberRow row) {
		Map<String, String> owners = owners(row);
		Optional<String> owner = owners.values().stream().findFirst();
		boolean conflicting = owners.values().stream().distinct().count() > 1;
		if (conflicting && resolution.onConflict() == IdentityResolution.OnConflict.REJECT) {
			throw new InvalidInputException(owners.keySet().iterator().next(), "matches members " + owners
					+ ": they look like one customer; merge them, then import again");
		}
		if (owner.isPresent()) {
			Set<String> heldElsewhere = new HashSet<>();
			owners.forEach((field, id) -> {
				if (!id.equals(owner.get())) {
					heldElsewhere.add(field);
				}
			});
			link(owner.get(), row, heldElsewhere);
			return RowOutcome.LINKED;
		}
		MemberPayload registered = profiles.register(registration(row));
		// Claimed meanwhile by another registration (another import of this file): its member holds the row.
		if (!registered.errors().isEmpty() && "IDENTITY_CONFLICT".equals(registered.errors().get(0).code())
				&& !owners(row).isEmpty()) {
			return load(row);
		}
		if (!registered.errors().isEmpty()) {
			throw new InvalidInputException(registered.errors().get(0).field(), registered.errors().get(0).message());
		}
		return RowOutcome.LOADED;
	}

	private static List<AttributeValue> attributeValues(MemberRow row) {
		return row.attributes().entrySet().stream().map(a -> new AttributeValue(a.getKey(), a.getValue())).toList();
	}

	/**
	 * The row cleaned; {@code defined} are the brand's custom attributes ({@link #attributeDefinitions}), which the
	 * row's are checked against, naming the column of a value that does not fit.
	 */
	MemberRow clean(SourceRow source, FieldMapping mapping, Cleaning cleaning, Map<String, AttributeDefinition> defined) {
		String channelText = Cleaning.text(mapping.value(source, "channel"));
		Channel channel = channelText == null ? null : Cleaning.channel("channel", channelText);
		String externalId = Cleaning.identifier("externalId", mapping.value(source, "externalId"));
		if (externalId != null && channel == null) {
			throw new InvalidInputException("channel", "is required with externalId");
		}
		String unionId = Cleaning.identifier("unionId", mapping.value(source, "unionId"));
		String joinText = Cleaning.text(mapping.value(source, "joinChannel"));
		Channel joinChannel = joinText != null ? Cleaning.channel("joinChannel", joinText) : channel;
		if (joinChannel == null) {
			throw new InvalidInputException("joinChannel", "is required (or a channel with the identity)");
		}
		IdentityInput identity = externalId == null ? null : new IdentityInput(channel, externalId, unionId);
		String tagText = Cleaning.text(mapping.value(source, "tags"));
		List<String> tags = tagText == null ? List.of()
				: Arrays.stream(tagText.split("[;|,，]")).map(MemberImport::tag).filter(t -> !t.isEmpty()).toList();
		return new MemberRow(InvalidInputException.requireText("name", mapping.value(source, "name")),
				Cleaning.gender("gender", mapping.value(source, "gender")),
				cleaning.date("birthDate", mapping.value(source, "birthDate")),
				cleaning.phone("phone", mapping.value(source, "phone")),
				Cleaning.email("email", mapping.value(source, "email")),
				Cleaning.region(mapping.value(source, "province"), mapping.value(source, "city")),
				Cleaning.text(mapping.value(source, "occupation")),
				Cleaning.constant("incomeBand", mapping.value(source, "incomeBand"), IncomeBand.class),
				cleaning.dateTime("joinedAt", mapping.value(source, "joinedAt")), joinChannel, identity, tags,
				consents(source, mapping), attributes(source, mapping, defined));
	}

	/** The row's custom attributes that have a value, each checked against its definition. */
	private static java.util.SortedMap<String, String> attributes(SourceRow source, FieldMapping mapping,
			Map<String, AttributeDefinition> defined) {
		java.util.SortedMap<String, String> values = new java.util.TreeMap<>();
		for (String field : mapping.mappedFields()) {
			String key = ImportFields.attributeOf(field);
			String value = key == null ? null : Cleaning.text(mapping.value(source, field));
			if (value != null) {
				AttributeDefinition definition = defined.get(key);
				if (definition == null) {
					throw new InvalidInputException(field, "'" + key + "' is no longer a defined attribute");
				}
				definition.parse(field, value);
				values.put(key, value);
			}
		}
		return values;
	}

	/** One tag as written, without the quotes a list of quoted tags keeps round each (Mailchimp's {@code "a","b"}). */
	private static String tag(String written) {
		String tag = written.strip();
		if (tag.length() >= 2 && (tag.startsWith("\"") && tag.endsWith("\"") || tag.startsWith("'") && tag.endsWith("'"))) {
			tag = tag.substring(1, tag.length() - 1).strip();
		}
		return tag;
	}

	private static Map<ConsentChannel, Boolean> consents(SourceRow source, FieldMapping mapping) {
		Map<ConsentChannel, Boolean> consents = new EnumMap<>(ConsentChannel.class);
		CONSENT_FIELDS.forEach((field, channel) -> {
			Boolean granted = Cleaning.yesOrNo(field, mapping.value(source, field), SUBSCRIBED, UNSUBSCRIBED);
			if (granted != null) {
				consents.put(channel, granted);
			}
		});
		return consents;
	}

	/**
	 * The members the row's identities already belong to, by the field of the identity that found them, in the
	 * brand's order of precedence.
	 */
	private Map<String, String> owners(MemberRow row) {
		Map<String, String> owners = new LinkedHashMap<>();
		for (IdentityResolution.IdentityKind kind : resolution.precedence()) {
			switch (kind) {
				case CHANNEL_ACCOUNT -> {
					if (row.identity() != null) {
						directory.findByIdentity(row.identity().channel(), row.identity().externalId())
							.ifPresent(m -> owners.put("externalId", m.id()));
					}
				}
				case WECHAT_UNIONID -> {
					if (row.identity() != null && row.identity().unionId() != null) {
						directory.findByContact(null, null, row.identity().unionId())
							.ifPresent(m -> owners.put("unionId", m.id()));
					}
				}
				case PHONE -> {
					if (row.phone() != null) {
						directory.findByContact(row.phone(), null, null).ifPresent(m -> owners.put("phone", m.id()));
					}
				}
				case EMAIL -> {
					if (row.email() != null) {
						directory.findByContact(null, row.email(), null).ifPresent(m -> owners.put("email", m.id()));
					}
				}
			}
		}
		return owners;
	}

	/**
	 * Adds what the row knows and the member does not: its channel account, its phone or e-mail; except the
	 * identities (by field) that another member holds.
	 */
	private void link(String memberId, MemberRow row, Set<String> heldElsewhere) {
		Member member = directory.findById(memberId).orElseThrow();
		List<MemberPayload> results = new ArrayList<>();
		if (row.identity() != null && !heldElsewhere.contains("externalId") && !heldElsewhere.contains("unionId")) {
			results.add(profiles.linkIdentity(new LinkIdentityInput(memberId, row.identity().channel(),
					row.identity().externalId(), row.identity().unionId())));
		}
		String phone = member.phone() == null && !heldElsewhere.contains("phone") ? row.phone() : null;
		String email = member.email() == null && !heldElsewhere.contains("email") ? row.email() : null;
		IncomeBand incomeBand = member.incomeBand() == null ? row.incomeBand() : null;
		if (phone != null || email != null || incomeBand != null) {
			results.add(profiles.updateProfile(new UpdateMemberProfileInput(memberId, null, null, null, phone, email, null,
					null, incomeBand, null, null)));
		}
		// As with consents, a value the member has stays: only the attributes it has none of are added.
		if (!row.attributes().isEmpty()) {
			results.add(profiles.addAttributes(memberId, attributeValues(row)));
		}
		// A consent the member already decided on stays as it is: the member's own later word outranks an old export.
		row.consents().forEach((channel, granted) -> {
			if (member.consent() == null || !member.consent().containsKey(channel)) {
				results.add(profiles.setConsent(new SetConsentInput(memberId, channel, granted)));
			}
		});
		results.stream().filter(r -> !r.errors().isEmpty()).findFirst().ifPresent(r -> {
			throw new InvalidInputException(r.errors().get(0).field(), r.errors().get(0).message());
		});
	}

}
