package io.membergraph.member;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.member.internal.IdentityClaim;
import io.membergraph.member.internal.IdentityClaims;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;

import static org.assertj.core.api.Assertions.assertThat;

class MemberApiTests extends ApplicationTest {

	@Test
	void registeringNormalisesPhoneAndEmailSoEveryChannelFindsTheSameMember() {
		String local = newPhone();
		String spaced = "+86 " + local.substring(0, 3) + "-" + local.substring(3, 7) + " " + local.substring(7);
		String id = as("storefront").documentName("registerMember")
			.variable("input", Map.of("name", "林小雨", "phone", spaced, "email", "  Xiaoyu.Lin@Example.COM ",
					"joinChannel", "WECHAT",
					"identities", List.of(Map.of("channel", "WECHAT", "externalId", "oOpen" + local, "unionId", "uUnion" + local)),
					"consents", List.of(Map.of("channel", "SMS", "granted", true))))
			.execute()
			.path("registerMember.member.phone").entity(String.class).isEqualTo(local)
			.path("registerMember.member.email").entity(String.class).isEqualTo("xiaoyu.lin@example.com")
			.path("registerMember.member.consent[0].granted").entity(Boolean.class).isEqualTo(true)
			.path("registerMember.member.id").entity(String.class).get();

		as("storefront").documentName("memberByIdentity")
			.variable("channel", "WECHAT").variable("externalId", "oOpen" + local)
			.execute().path("memberByIdentity.id").entity(String.class).isEqualTo(id);
		as("storefront").documentName("memberByContact").variable("phone", "0086" + local)
			.execute().path("memberByContact.id").entity(String.class).isEqualTo(id);
		as("storefront").documentName("memberByContact").variable("email", "XIAOYU.LIN@example.com")
			.execute().path("memberByContact.id").entity(String.class).isEqualTo(id);
		as("storefront").documentName("memberByContact").variable("wechatUnionId", "uUnion" + local)
			.execute().path("memberByContact.id").entity(String.class).isEqualTo(id);
	}

	@Test
	void aPhoneThatBelongsToAnotherMemberIsRefusedAndNothingIsWritten() {
		String phone = newPhone();
		String owner = registerMember("Owner", phone, List.of());
		String unusedChannelId = "tb-unused-" + phone;

		as("crm").documentName("registerMember")
			.variable("input", Map.of("name", "Duplicate", "phone", phone, "joinChannel", "TMALL",
					"identities", List.of(Map.of("channel", "TMALL", "externalId", unusedChannelId))))
			.execute()
			.path("registerMember.member").valueIsNull()
			.path("registerMember.errors[0].code").entity(String.class).isEqualTo("IDENTITY_CONFLICT")
			.path("registerMember.errors[0].field").entity(String.class).isEqualTo("phone")
			.path("registerMember.errors[0].message").entity(String.class).satisfies(m -> assertThat(m).contains(owner));

		// The refused registration released the channel identity it had claimed first.
		as("crm").documentName("memberByIdentity").variable("channel", "TMALL").variable("externalId", unusedChannelId)
			.execute().path("memberByIdentity").valueIsNull();
		as("crm").documentName("members").variable("filter", Map.of("name", "Duplicate", "phone", phone))
			.execute().path("members.edges").entityList(Object.class).hasSize(0);
	}

	/**
	 * A phone claimed by a registration whose member is not written yet (between its two writes) is that
	 * registration's: another one is refused, not handed the claim, which made two members of one customer. A claim
	 * older than a registration can take is one a crash left, and the next registration takes it over.
	 */
	@Test
	void aPhoneClaimedByARegistrationInFlightIsRefusedAndOneACrashLeftIsTakenOver() {
		String phone = newPhone();
		String ghost = "M-in-flight-" + phone;
		bean(org.springframework.data.mongodb.core.MongoTemplate.class)
			.insert(new IdentityClaim(IdentityClaim.phoneKey(phone), ghost, now()));
		Map<String, Object> input = Map.of("name", "Second Claimant", "phone", phone, "joinChannel", "WEB");

		as("crm").documentName("registerMember").variable("input", input).execute()
			.path("registerMember.member").valueIsNull()
			.path("registerMember.errors[0].code").entity(String.class).isEqualTo("IDENTITY_CONFLICT")
			.path("registerMember.errors[0].message").entity(String.class).satisfies(m -> assertThat(m).contains(ghost));

		clock.advance(IdentityClaims.IN_FLIGHT.plusSeconds(1));
		String registered = as("crm").documentName("registerMember").variable("input", input).execute()
			.path("registerMember.errors").entityList(Object.class).hasSize(0)
			.path("registerMember.member.id").entity(String.class).get();
		as("crm").documentName("memberByContact").variable("phone", phone).execute()
			.path("memberByContact.id").entity(String.class).isEqualTo(registered);
	}

	/**
	 * A phone whose claim is free while another member's document still shows it (a merge or a change of that
	 * member under way) is refused naming the field, where the member document's unique index made it an internal
	 * error; the claim made for it is let go.
	 */
	@Test
	void aPhoneAnotherMembersDocumentStillHoldsIsRefusedAndItsClaimLetGo() {
		String phone = newPhone();
		registerMember("Holder", phone, List.of());
		var claims = bean(org.springframework.data.mongodb.core.MongoTemplate.class).getCollection("member_identities");
		claims.deleteOne(new org.bson.Document("_id", IdentityClaim.phoneKey(phone)));
		String other = registerMember("Other");

		as("crm").documentName("updateMemberProfile").variable("input", Map.of("memberId", other, "phone", phone,
				"tags", List.of("changed")))
			.execute()
			.path("updateMemberProfile.member").valueIsNull()
			.path("updateMemberProfile.errors[0].code").entity(String.class).isEqualTo("IDENTITY_CONFLICT")
			.path("updateMemberProfile.errors[0].field").entity(String.class).isEqualTo("phone");
		assertThat(claims.countDocuments(new org.bson.Document("_id", IdentityClaim.phoneKey(phone)))).isZero();
		as("crm").documentName("memberProfile").variable("id", other).execute()
			.path("member.tags").entityList(String.class).hasSize(0);
	}

	@Test
	void invalidInputIsABadRequestNamingTheFieldAndWritesNothing() {
		String phone = newPhone();
		as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "Future Child", "phone", phone, "joinChannel", "APP", "birthDate", "2199-01-01"))
			.execute()
			.errors().satisfy(errors -> {
				assertThat(errors).hasSize(1);
				assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
				assertThat(errors.get(0).getExtensions()).containsEntry("field", "birthDate");
			});
		as("admin").documentName("memberByContact").variable("phone", phone)
			.execute().path("memberByContact").valueIsNull();

		as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "Bad Phone", "phone", "12345", "joinChannel", "APP"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "phone"));

		as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "Unreachable", "joinChannel", "APP"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "identities"));
		// A NUL, a line break or a mark reversing the text would make the name look like another in a list or a CSV.
		for (String disguised : new String[] { "Zed\u0000", "Zed\nAdmin", "\u202Eevil.exe" }) {
			as("admin").documentName("registerMember")
				.variable("input", Map.of("name", disguised, "phone", phone, "joinChannel", "APP"))
				.execute()
				.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "name")
					.hasEntrySatisfying("reason", reason -> assertThat(reason.toString()).startsWith("holds a control character")));
		}
		as("admin").documentName("memberByContact").variable("phone", phone)
			.execute().path("memberByContact").valueIsNull();
	}

	@Test
	void changingThePhoneReleasesTheOldOneForOthers() {
		String oldPhone = newPhone();
		String newPhone = newPhone();
		String id = registerMember("Mover", oldPhone, List.of());

		// The place as a storefront writes it, with its suffixes: kept as members keep places (杭州, not 杭州市).
		as("support").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", id, "phone", newPhone, "region", Map.of("province", "浙江省", "city", "杭州市")))
			.execute()
			.path("updateMemberProfile.member.phone").entity(String.class).isEqualTo(newPhone)
			.path("updateMemberProfile.member.region.city").entity(String.class).isEqualTo("杭州");
		// Found by the place written either way.
		as("crm").document("query($phone: String!) { members(filter: {phone: $phone, province: \"浙江省\", city: \"杭州市\"}) "
				+ "{ edges { node { id } } } }").variable("phone", newPhone).execute()
			.path("members.edges[*].node.id").entityList(String.class).containsExactly(id);
		// Given blank, the place is cleared.
		as("support").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", id, "region", Map.of("province", " ", "city", "")))
			.execute()
			.path("updateMemberProfile.member.region.city").valueIsNull();

		as("support").documentName("memberByContact").variable("phone", newPhone)
			.execute().path("memberByContact.id").entity(String.class).isEqualTo(id);
		String newcomer = registerMember("Newcomer", oldPhone, List.of());
		assertThat(newcomer).isNotEqualTo(id);
	}

	@Test
	void updatingAnUnknownMemberIsATypedError() {
		as("crm").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", "M99999999", "name", "Nobody"))
			.execute()
			.path("updateMemberProfile.errors[0].code").entity(String.class).isEqualTo("MEMBER_NOT_FOUND")
			.path("updateMemberProfile.errors[0].field").entity(String.class).isEqualTo("memberId");
	}

	@Test
	void linkingAnIdentityIsIdempotentAndRefusesOneHeldByAnotherMember() {
		String first = registerMember("First");
		String second = registerMember("Second");
		String jdId = "jd-" + first;
		Map<String, Object> link = Map.of("memberId", first, "channel", "JD", "externalId", jdId);

		as("storefront").documentName("linkIdentity").variable("input", link).execute()
			.path("linkIdentity.member.identities[*].externalId").entityList(String.class).contains(jdId);
		as("storefront").documentName("linkIdentity").variable("input", link).execute()
			.path("linkIdentity.member.identities").entityList(Object.class).hasSize(1);

		as("storefront").documentName("linkIdentity")
			.variable("input", Map.of("memberId", second, "channel", "JD", "externalId", jdId))
			.execute()
			.path("linkIdentity.errors[0].code").entity(String.class).isEqualTo("IDENTITY_CONFLICT");
	}

	@Test
	void aMemberHoldsAtMostTwentyIdentitiesHoweverTheLinksArrive() throws Exception {
		String member = registerMember("Many Accounts");
		int sent = 24;
		java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(8);
		java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(8);
		List<java.util.concurrent.Future<String>> codes = new java.util.ArrayList<>();
		for (int i = 0; i < sent; i++) {
			Map<String, Object> link = Map.of("memberId", member, "channel", "WECHAT", "externalId", "ox-" + i + "-" + member);
			codes.add(senders.submit(() -> {
				together.await();
				return as("storefront").documentName("linkIdentity").variable("input", link).execute()
					.path("linkIdentity.errors").entityList(UserErrorCode.class).get().stream()
					.map(UserErrorCode::code).findFirst().orElse("LINKED");
			}));
		}
		List<String> answers = new java.util.ArrayList<>();
		for (var code : codes) {
			answers.add(code.get());
		}
		senders.shutdown();
		assertThat(answers).filteredOn("LINKED"::equals).hasSize(20);
		assertThat(answers).filteredOn("TOO_MANY_IDENTITIES"::equals).hasSize(4);
		as("crm").documentName("memberProfile").variable("id", member).execute()
			.path("member.identities").entityList(Object.class).hasSize(20);

		// One refused is free for another member; one linked is still linked again without error.
		int refused = answers.indexOf("TOO_MANY_IDENTITIES");
		as("storefront").documentName("linkIdentity").variable("input",
				Map.of("memberId", registerMember("Other Account"), "channel", "WECHAT", "externalId", "ox-" + refused + "-" + member))
			.execute().path("linkIdentity.errors").entityList(Object.class).hasSize(0);
		as("storefront").documentName("linkIdentity").variable("input",
				Map.of("memberId", member, "channel", "WECHAT", "externalId", "ox-" + answers.indexOf("LINKED") + "-" + member))
			.execute().path("linkIdentity.errors").entityList(Object.class).hasSize(0);
	}

	record UserErrorCode(String code) {
	}

	@Test
	void consentIsRecordedPerContactChannel() {
		String id = registerMember("Consenting");
		as("storefront").documentName("setConsent")
			.variable("input", Map.of("memberId", id, "channel", "EMAIL", "granted", true)).execute();
		as("storefront").documentName("setConsent")
			.variable("input", Map.of("memberId", id, "channel", "SMS", "granted", false)).execute()
			.path("setConsent.member.consent[*].channel").entityList(String.class).containsExactly("SMS", "EMAIL")
			.path("setConsent.member.consent[*].granted").entityList(Boolean.class).containsExactly(false, true);
	}

	@Test
	void customAttributesAreTypedByTheirDefinition() {
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "skinType", "label", "肤质", "type", "CHOICE", "choices", List.of("dry", "oily", "combination")))
			.execute().path("defineAttribute.attribute.key").entity(String.class).isEqualTo("skinType");
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "shoeSize", "type", "NUMBER"))
			.execute();
		String id = registerMember("Attributed");

		as("crm").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", id, "attributes", List.of(Map.of("key", "skinType", "value", "oily"),
					Map.of("key", "shoeSize", "value", "38.5"))))
			.execute()
			.path("updateMemberProfile.member.attributes[*].key").entityList(String.class).containsExactly("shoeSize", "skinType")
			.path("updateMemberProfile.member.attributes[*].value").entityList(String.class).containsExactly("38.5", "oily");

		as("crm").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", id, "attributes", List.of(Map.of("key", "skinType", "value", "purple"))))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "attributes[0].value"));
		as("crm").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", id, "attributes", List.of(Map.of("key", "$where", "value", "1"))))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "attributes[0].key"));
		// A number or date beyond what a profile holds is refused, not stored as infinity or year 99999.
		for (String tooLarge : List.of("1e400", "-2e15", "1" + "0".repeat(60))) {
			as("crm").documentName("updateMemberProfile")
				.variable("input", Map.of("memberId", id, "attributes", List.of(Map.of("key", "shoeSize", "value", tooLarge))))
				.execute()
				.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "attributes[0].value"));
		}
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "firstVisit", "type", "DATE")).execute();
		as("crm").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", id, "attributes", List.of(Map.of("key", "firstVisit", "value", "+99999-01-01"))))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("outside the years 1900 to 2200"));
		as("crm").documentName("memberProfile").variable("id", id).execute()
			.path("member.attributes[*].value").entityList(String.class).containsExactly("38.5", "oily");
		as("admin").documentName("defineAttribute")
			.variable("input", Map.of("key", "bad.key", "type", "TEXT"))
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "key"));
	}

	@Test
	void anAttributeMembersHoldKeepsItsTypeAndTheChoicesTheyHold() {
		String size = "heldSize" + newPhone();
		String skin = "heldSkin" + newPhone();
		define(Map.of("key", size, "type", "NUMBER")).path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		define(Map.of("key", skin, "type", "CHOICE", "choices", List.of("dry", "oily", "combination")))
			.path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		// No one holds it yet: its type may change.
		define(Map.of("key", size, "type", "TEXT")).path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		define(Map.of("key", size, "type", "NUMBER"));
		String id = registerMember("Holding");
		as("crm").documentName("updateMemberProfile")
			.variable("input", Map.of("memberId", id, "attributes", List.of(Map.of("key", size, "value", "38"),
					Map.of("key", skin, "value", "oily"))))
			.execute()
			.path("updateMemberProfile.errors").entityList(Object.class).hasSize(0);

		define(Map.of("key", size, "type", "DATE"))
			.path("defineAttribute.attribute").valueIsNull()
			.path("defineAttribute.errors[0].code").entity(String.class).isEqualTo("ATTRIBUTE_IN_USE")
			.path("defineAttribute.errors[0].field").entity(String.class).isEqualTo("type");
		define(Map.of("key", skin, "type", "CHOICE", "choices", List.of("dry", "combination")))
			.path("defineAttribute.errors[0].code").entity(String.class).isEqualTo("ATTRIBUTE_IN_USE")
			.path("defineAttribute.errors[0].field").entity(String.class).isEqualTo("choices");
		define(Map.of("key", skin, "label", "Skin", "type", "CHOICE", "choices", List.of("oily", "sensitive")))
			.path("defineAttribute.errors").entityList(Object.class).hasSize(0);
		as("crm").documentName("memberProfile").variable("id", id).execute()
			.path("member.attributes[*].value").entityList(String.class).hasSize(2).contains("38.0", "oily");
	}

	private GraphQlTester.Response define(Map<String, Object> attribute) {
		return as("admin").documentName("defineAttribute").variable("input", attribute).execute();
	}

	@Test
	void membersArePagedWithCursorsAndFilteredByTag() {
		String tag = "paging-" + newPhone();
		List<String> ids = List.of(registerMember("Page A", newPhone(), List.of(tag)),
				registerMember("Page B", newPhone(), List.of(tag)), registerMember("Page C", newPhone(), List.of(tag)));

		String cursor = as("crm").documentName("members").variable("filter", Map.of("tag", tag)).variable("first", 2)
			.execute()
			.path("members.edges[*].node.id").entityList(String.class).containsExactly(ids.get(0), ids.get(1))
			.path("members.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(true)
			.path("members.pageInfo.endCursor").entity(String.class).get();
		as("crm").documentName("members").variable("filter", Map.of("tag", tag)).variable("first", 2).variable("after", cursor)
			.execute()
			.path("members.edges[*].node.id").entityList(String.class).containsExactly(ids.get(2))
			.path("members.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);
	}

	/** A control character in the name's prefix could not even be sent to the store: refused, not an internal error. */
	@Test
	void filterTextWithAControlCharacterOrBeyondItsLengthIsABadRequest() {
		String name = "Prefix " + newPhone();
		String id = registerMember(name);
		as("crm").documentName("members").variable("filter", Map.of("name", " " + name.substring(0, 10) + " ")).execute()
			.path("members.edges[*].node.id").entityList(String.class).contains(id);

		as("crm").documentName("members").variable("filter", Map.of("name", "Pre\u0000fix")).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "filter.name")
				.containsEntry("reason", "holds a control character (U+0000): one line of text only"));
		as("crm").documentName("members").variable("filter", Map.of("tag", "t".repeat(41))).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "filter.tag"));
		as("crm").documentName("members").variable("filter", Map.of("tier", "GO\u0007LD")).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "filter.tier"));
	}

	@Test
	void aPageSizeOutsideTheLimitsIsABadRequest() {
		as("crm").documentName("members").variable("first", 1000).execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "first"));
		as("crm").documentName("members").variable("after", "not a cursor!").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "after"));
		// Base64 of something this API never gave: refused, not an empty page after a made-up position.
		as("crm").documentName("members").variable("after", "garbage").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "after"));
		// Counts outside their bounds are refused, not quietly raised or lowered.
		as("crm").document("{ duplicateCandidates(first: -1) { score } }").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "first")
				.containsEntry("reason", "must be between 1 and 500"));
		as("crm").document("{ memberMerges(first: 0) { mergedId } }").execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "first"));
	}

}
