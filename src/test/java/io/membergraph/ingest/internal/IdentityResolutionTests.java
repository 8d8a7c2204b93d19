package io.membergraph.ingest.internal;

import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.ingest.internal.IdentityResolution.IdentityKind;
import io.membergraph.ingest.internal.IdentityResolution.OnConflict;
import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
import io.membergraph.ingest.internal.MemberImport.MemberRow;
import io.membergraph.member.BulkRegistration;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberInputs.IdentityInput;
import io.membergraph.member.MemberProfiles;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A row whose phone belongs to one member and whose Tmall account belongs to another, resolved under each
 * brand setting of {@link IdentityResolution}.
 */
class IdentityResolutionTests extends ApplicationTest {

	private String phoneOwner;

	private String phone;

	private String accountOwner;

	private String account;

	@BeforeEach
	void twoMembersOneCustomer() {
		phone = newPhone();
		phoneOwner = registerMember("电话 主人", phone, List.of());
		accountOwner = registerMember("账号 主人");
		account = "tm-" + newPhone();
		as("admin").documentName("linkIdentity")
			.variable("input", Map.of("memberId", accountOwner, "channel", "TMALL", "externalId", account)).execute();
		SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("crm", null,
				AuthorityUtils.createAuthorityList("ROLE_CRM_SPECIALIST")));
	}

	@AfterEach
	void signOut() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void byDefaultTheRowIsRejectedAsAMergeCandidateNamingTheStrongestIdentity() {
		assertThatThrownBy(() -> importer(IdentityResolution.DEFAULT).load(row(phone, account)))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> {
				assertThat(ex.field()).isEqualTo("externalId");
				assertThat(ex.reason()).contains(phoneOwner, accountOwner, "merge them");
			});
	}

	@Test
	void followingTheFirstMatchLinksTheRowToTheMemberTheStrongestIdentityFinds() {
		IdentityResolution phoneFirst = new IdentityResolution(List.of(IdentityKind.PHONE, IdentityKind.CHANNEL_ACCOUNT),
				OnConflict.FIRST_MATCH);

		assertThat(importer(phoneFirst).load(row(phone, account))).isEqualTo(RowOutcome.LINKED);

		// Linked to the phone's owner; the Tmall account stays with the member that holds it.
		as("crm").documentName("memberByIdentity").variable("channel", "TMALL").variable("externalId", account).execute()
			.path("memberByIdentity.id").entity(String.class).isEqualTo(accountOwner);
		as("crm").documentName("memberProfile").variable("id", phoneOwner).execute()
			.path("member.identities[*].externalId").entityList(String.class).doesNotContain(account);
	}

	@Test
	void anIdentityLeftOutOfThePrecedenceNeverMatches() {
		IdentityResolution accountsOnly = new IdentityResolution(List.of(IdentityKind.CHANNEL_ACCOUNT), OnConflict.REJECT);
		String newAccount = "tm-" + newPhone();

		// The phone does not find its owner, so the row would register a second member with a taken phone.
		assertThatThrownBy(() -> importer(accountsOnly).load(row(phone, newAccount)))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("phone"));
		assertThat(importer(accountsOnly).load(row(null, account))).isEqualTo(RowOutcome.LINKED);
	}

	@Test
	void aPrecedenceNamingAnIdentityTwiceIsRefused() {
		assertThatThrownBy(() -> new IdentityResolution(List.of(IdentityKind.PHONE, IdentityKind.PHONE), null))
			.hasMessageContaining("twice");
	}

	private MemberImport importer(IdentityResolution resolution) {
		return new MemberImport(bean(MemberDirectory.class), bean(MemberProfiles.class), bean(BulkRegistration.class),
				resolution, bean(io.membergraph.member.CustomAttributes.class));
	}

	private static MemberRow row(String phone, String tmallAccount) {
		return new MemberRow("导入 顾客", null, null, phone, null, null, null, null, null, Channel.TMALL,
				new IdentityInput(Channel.TMALL, tmallAccount, null), List.of(), java.util.Map.of(), new java.util.TreeMap<>());
	}

}
