package io.membergraph.security.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.membergraph.ApplicationTest;
import io.membergraph.PinnedClock;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing is slowed: after five failures for a username attempts wait, longer as failures go on, answered
 * 429 with Retry-After even for the right password; one client address gets more failures (many people sign in
 * from one office) before it is slowed too.
 */
class SignInThrottleTests extends ApplicationTest {

	@Test
	void afterFiveFailuresAttemptsWaitEvenWithTheRightPasswordAndTheWaitGrowsAsFailuresGoOn() {
		String username = "throttled-" + newPhone();
		String oneTime = as("admin").document("mutation { createUser(input: {username: \"" + username
				+ "\", roles: [SUPPORT]}) { oneTimePassword } }").execute().path("createUser.oneTimePassword")
			.entity(String.class).get();
		for (int i = 0; i < 5; i++) {
			signIn(username, "wrong-" + i).expectStatus().isUnauthorized();
		}

		// Five a minute: one attempt every 12 s.
		signIn(username, oneTime).expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "12");
		for (int i = 5; i < 10; i++) {
			clock.set(now().plusSeconds(12));
			signIn(username, "wrong-" + i).expectStatus().isUnauthorized();
		}
		// Ten within a quarter of an hour: the 90-second refill of that limit decides now.
		signIn(username, oneTime).expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "30");
		clock.set(now().plusSeconds(30));
		signIn(username, "wrong-10").expectStatus().isUnauthorized();
		signIn(username, oneTime).expectStatus().isEqualTo(429).expectHeader().valueEquals("Retry-After", "90");

		clock.set(now().plusSeconds(90));
		signIn(username, oneTime).expectStatus().isOk();
		// A success forgets the failures: one more wrong password is not slowed.
		signIn(username, "wrong-after-success").expectStatus().isUnauthorized();
		signIn(username, oneTime).expectStatus().isOk();
	}

	@Test
	void unknownUsernamesAreSlowedTheSameWay() {
		String username = "nobody-" + newPhone();
		for (int i = 0; i < 5; i++) {
			signIn(username, "guess-" + i).expectStatus().isUnauthorized();
		}
		signIn(username, "guess-5").expectStatus().isEqualTo(429);
	}

	@Test
	void oneAddressIsSlowedAfterManyFailuresAcrossUsernames() {
		PinnedClock clock = new PinnedClock();
		SignInThrottle throttle = new SignInThrottle(5, 50, clock, new BucketsInMemory(clock));
		for (int i = 0; i < 50; i++) {
			assertThat(throttle.admit("user-" + i, "203.0.113.7")).isZero();
			throttle.failed("user-" + i, "203.0.113.7");
		}

		// Fifty a minute: the next one in 1.2 s, told as 2 whole seconds.
		assertThat(throttle.admit("someone-else", "203.0.113.7")).isEqualTo(Duration.ofSeconds(2));
		assertThat(throttle.admit("someone-else", "198.51.100.1")).isZero();
		clock.set(clock.instant().plus(Duration.ofMinutes(15)));
		assertThat(throttle.admit("someone-else", "203.0.113.7")).as("forgotten after a quiet quarter of an hour").isZero();
	}

	/** One address trying a new username each time: once it waits, the usernames it sends leave nothing behind. */
	@Test
	void anAddressMadeToWaitAddsNoBucketForTheUsernamesItTries() {
		PinnedClock clock = new PinnedClock();
		SignInThrottle throttle = new SignInThrottle(5, 50, clock, new BucketsInMemory(clock));
		for (int i = 0; i < 50; i++) {
			assertThat(throttle.admit("user-" + i, "203.0.113.9")).isZero();
		}
		long remembered = throttle.remembered();

		for (int i = 50; i < 1_050; i++) {
			assertThat(throttle.admit("user-" + i, "203.0.113.9")).isPositive();
		}
		assertThat(throttle.remembered()).isEqualTo(remembered);
	}

	/**
	 * Two instances of the service behind one address count the same failures: with buckets in each one's memory, an
	 * attacker sending guesses to both had twice as many. Both keep their buckets in the store here.
	 */
	@Test
	void instancesOfTheServiceCountTheSameFailures() {
		org.springframework.data.mongodb.core.MongoTemplate mongo = bean(org.springframework.data.mongodb.core.MongoTemplate.class);
		SignInThrottle one = new SignInThrottle(5, 50, clock, mongo);
		SignInThrottle other = new SignInThrottle(5, 50, clock, mongo);
		String username = "shared-" + newPhone();
		for (int i = 0; i < 5; i++) {
			SignInThrottle instance = i % 2 == 0 ? one : other;
			assertThat(instance.admit(username, "192.0.2.10")).isZero();
			instance.failed(username, "192.0.2.10");
		}
		assertThat(one.admit(username, "192.0.2.11")).isEqualTo(Duration.ofSeconds(12));
		assertThat(other.admit(username, "192.0.2.12")).isEqualTo(Duration.ofSeconds(12));
		clock.set(now().plusSeconds(12));
		assertThat(other.admit(username, "192.0.2.12")).isZero();
		other.succeeded(username, "192.0.2.12");
		assertThat(one.admit(username, "192.0.2.11")).as("the success on the other forgot the failures").isZero();
	}

	@Test
	void aUsernameOrPasswordLongerThanAnyAccountHasIsRefusedBeforeItIsRemembered() {
		signIn("x".repeat(65), "demo").expectStatus().isBadRequest().expectBody()
			.jsonPath("$.error").isEqualTo("invalid_request")
			.jsonPath("$.error_description").isEqualTo("a username has at most 64 characters");
		signIn("admin", "p".repeat(1_025)).expectStatus().isBadRequest().expectBody()
			.jsonPath("$.error_description").isEqualTo("a password has at most 1024 characters");
		signIn("x".repeat(64), "demo").expectStatus().isUnauthorized();
	}

	/**
	 * Guesses sent all at once are limited as guesses sent one by one: each attempt is charged before its password is
	 * checked. When the failure was taken afterwards, forty guesses sent together were all checked.
	 */
	@Test
	void guessesSentAtOnceAreLimitedAsGuessesSentOneByOne() throws Exception {
		String username = "burst-" + newPhone();
		java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(20);
		try {
			List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
			for (int i = 0; i < 40; i++) {
				String guess = "guess-" + i;
				answers.add(senders.submit(() -> signIn(username, guess).returnResult(String.class).getStatus().value()));
			}
			List<Integer> statuses = new java.util.ArrayList<>();
			for (java.util.concurrent.Future<Integer> answer : answers) {
				statuses.add(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
			}
			assertThat(statuses).as("passwords checked").filteredOn(status -> status == 401).hasSize(5);
			assertThat(statuses).as("told to wait").filteredOn(status -> status == 429).hasSize(35);
		}
		finally {
			senders.shutdownNow();
		}
	}

	private WebTestClient.ResponseSpec signIn(String username, String password) {
		return http().post().uri("/auth/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", password)).exchange();
	}

}
