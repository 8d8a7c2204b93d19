package io.membergraph.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.membergraph.ApplicationTest;
import io.membergraph.security.internal.Credentials;
import io.membergraph.security.internal.FirstAdmin;
import org.junit.jupiter.api.Test;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team's own accounts: an ADMIN creates them with a one-time password, the user signs in with it only to
 * choose a password; roles, disabling and password resets take effect on tokens already issued; passwords follow
 * the policy; only an ADMIN manages accounts.
 */
class AccountsApiTests extends ApplicationTest {

	private static final AtomicInteger users = new AtomicInteger();

	private static final String PAYLOAD = "{ user { username displayName roles status mustChangePassword createdBy } "
			+ "oneTimePassword accessToken errors { code message field } }";

	private static final String STRONG = "Correct-Horse-Battery-9";

	@Test
	void aNewUserSignsInWithItsOneTimePasswordOnlyToChooseItsOwn() {
		String username = newUsername();
		GraphQlTester.Response created = admin("mutation { createUser(input: {username: \"" + username.toUpperCase()
				+ "\", displayName: \"王 经理\", roles: [CRM_SPECIALIST]}) " + PAYLOAD + " }");
		created.path("createUser.errors").entityList(Object.class).hasSize(0)
			.path("createUser.user.username").entity(String.class).isEqualTo(username)
			.path("createUser.user.mustChangePassword").entity(Boolean.class).isEqualTo(true)
			.path("createUser.user.createdBy").entity(String.class).isEqualTo("admin");
		String oneTime = created.path("createUser.oneTimePassword").entity(String.class).get();

		String restricted = signIn(username, oneTime);
		withBearer(restricted).document("{ members(first: 1) { edges { node { id } } } }").execute().errors()
			.satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType().toString()).contains("FORBIDDEN"));
		withBearer(restricted).document("{ me { username displayName mustChangePassword } }").execute()
			.path("me.displayName").entity(String.class).isEqualTo("王 经理");

		String fresh = withBearer(restricted).document("mutation { changeMyPassword(input: {oldPassword: \"" + oneTime
				+ "\", newPassword: \"" + STRONG + "\"}) " + PAYLOAD + " }").execute()
			.path("changeMyPassword.errors").entityList(Object.class).hasSize(0)
			.path("changeMyPassword.user.mustChangePassword").entity(Boolean.class).isEqualTo(false)
			.path("changeMyPassword.accessToken").entity(String.class).get();

		withBearer(fresh).document("{ members(first: 1) { edges { node { id } } } }").execute().errors().verify();
		graphQl(restricted).expectStatus().isUnauthorized();
		tokenRequest(username, oneTime).expectStatus().isUnauthorized();
		assertThat(signIn(username, STRONG)).isNotBlank();
	}

	@Test
	void passwordsFollowThePolicyAndTheCurrentOneIsRequired() {
		String username = newUsername();
		String token = activeUser(username, List.of("SUPPORT"));

		assertThat(change(token, "wrong-password-123", "Another-Good-One-42")).containsEntry("code", "WRONG_PASSWORD")
			.containsEntry("field", "oldPassword");
		assertThat(change(token, STRONG, "short1")).containsEntry("code", "WEAK_PASSWORD")
			.containsEntry("field", "newPassword");
		assertThat(change(token, STRONG, "xx" + username + "-2026-xx")).containsEntry("code", "WEAK_PASSWORD");
		assertThat(change(token, STRONG, "Password1234")).containsEntry("code", "WEAK_PASSWORD");
		assertThat(signIn(username, STRONG)).as("nothing changed").isNotBlank();
	}

	@Test
	void disablingChangingRolesAndResettingEndTheTokensIssuedBefore() {
		String username = newUsername();
		String token = activeUser(username, List.of("MARKETER"));
		graphQl(token).expectStatus().isOk();

		admin("mutation { disableUser(input: {username: \"" + username + "\"}) " + PAYLOAD + " }")
			.path("disableUser.user.status").entity(String.class).isEqualTo("DISABLED");
		graphQl(token).expectStatus().isUnauthorized();
		tokenRequest(username, STRONG).expectStatus().isUnauthorized();

		admin("mutation { enableUser(input: {username: \"" + username + "\"}) " + PAYLOAD + " }")
			.path("enableUser.user.status").entity(String.class).isEqualTo("ACTIVE");
		String again = signIn(username, STRONG);
		admin("mutation { updateUserRoles(input: {username: \"" + username + "\", roles: [CRM_SPECIALIST, SUPPORT]}) "
				+ PAYLOAD + " }").path("updateUserRoles.user.roles").entityList(String.class)
			.containsExactly("CRM_SPECIALIST", "SUPPORT");
		graphQl(again).expectStatus().isUnauthorized();
		String withNewRoles = signIn(username, STRONG);
		withBearer(withNewRoles).document("{ members(first: 1) { edges { node { id } } } }").execute().errors().verify();

		String oneTime = admin("mutation { resetPassword(input: {username: \"" + username + "\"}) " + PAYLOAD + " }")
			.path("resetPassword.user.mustChangePassword").entity(Boolean.class).isEqualTo(true)
			.path("resetPassword.oneTimePassword").entity(String.class).get();
		graphQl(withNewRoles).expectStatus().isUnauthorized();
		tokenRequest(username, STRONG).expectStatus().isUnauthorized();
		assertThat(signIn(username, oneTime)).isNotBlank();
	}

	@Test
	void onlyAnAdminManagesAccountsAndNamesAreUnique() {
		String username = newUsername();
		activeUser(username, List.of("SUPPORT"));

		admin("mutation { createUser(input: {username: \"" + username + "\", roles: [SUPPORT]}) " + PAYLOAD + " }")
			.path("createUser.errors[0].code").entity(String.class).isEqualTo("USERNAME_TAKEN");
		as("crm").document("mutation { disableUser(input: {username: \"" + username + "\"}) { errors { code } } }").execute()
			.errors().satisfy(errors -> assertThat(errors).extracting(e -> e.getErrorType().toString()).contains("FORBIDDEN"));
		as("crm").document("{ users(first: 5) { edges { node { username } } } }").execute().errors()
			.satisfy(errors -> assertThat(errors).isNotEmpty());
		admin("mutation { disableUser(input: {username: \"no-such-user\"}) " + PAYLOAD + " }")
			.path("disableUser.errors[0].code").entity(String.class).isEqualTo("UNKNOWN_USER");
		admin("mutation { createUser(input: {username: \"bad name!\", roles: [SUPPORT]}) " + PAYLOAD + " }").errors()
			.satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "username"));
		admin("mutation { createUser(input: {username: \"" + newUsername() + "\", roles: [MEMBER]}) " + PAYLOAD + " }")
			.errors().satisfy(errors -> assertThat(errors.get(0).getExtensions()).containsEntry("field", "roles"));
		admin("{ users(first: 100) { edges { node { username roles status } } } }")
			.path("users.edges[*].node.username").entityList(String.class).contains("admin", username);
	}

	@Test
	void theFirstAdminOfAStoreWithoutOneComesFromConfigurationOnly() {
		ByteArrayOutputStream console = new ByteArrayOutputStream();
		String name = newUsername();

		// This store has an ADMIN (the demo's): the bootstrap settings are ignored.
		new FirstAdmin(bean(Credentials.class), name, "", false, new PrintStream(console, true, StandardCharsets.UTF_8))
			.run(null);

		assertThat(bean(Credentials.class).hasAccount(name)).isFalse();
		assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	private Map<String, Object> change(String token, String oldPassword, String newPassword) {
		return withBearer(token).document("mutation { changeMyPassword(input: {oldPassword: \"" + oldPassword
				+ "\", newPassword: \"" + newPassword + "\"}) " + PAYLOAD + " }").execute()
			.path("changeMyPassword.errors[0]").entity(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {
			}).get();
	}

	/** A user with the roles who has chosen the password {@link #STRONG}; returns a token. */
	private String activeUser(String username, List<String> roles) {
		String oneTime = admin("mutation { createUser(input: {username: \"" + username + "\", roles: " + roles
			.toString().replace(" ", "") + "}) " + PAYLOAD + " }").path("createUser.oneTimePassword").entity(String.class).get();
		return withBearer(signIn(username, oneTime)).document("mutation { changeMyPassword(input: {oldPassword: \"" + oneTime
				+ "\", newPassword: \"" + STRONG + "\"}) " + PAYLOAD + " }").execute()
			.path("changeMyPassword.accessToken").entity(String.class).get();
	}

	private GraphQlTester.Response admin(String document) {
		return as("admin").document(document).execute();
	}

	private String signIn(String username, String password) {
		return tokenRequest(username, password).expectStatus().isOk().expectBody(Map.class).returnResult()
			.getResponseBody().get("access_token").toString();
	}

	private WebTestClient.ResponseSpec tokenRequest(String username, String password) {
		return http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password)).exchange();
	}

	private WebTestClient.ResponseSpec graphQl(String token) {
		return http().post().uri("/graphql").header("Authorization", "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("query", "{ __typename }")).exchange();
	}

	private static String newUsername() {
		return "user" + users.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
	}

}
