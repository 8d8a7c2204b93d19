package io.membergraph;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the full-application tests: the real service on a random port over the embedded store, reached
 * over HTTP with real tokens, one tester per role. All subclasses share one Spring context; each builds
 * the data it needs with {@link #newPhone()} and friends so that no test depends on another's data. Time is
 * the {@link PinnedClock}'s: a test that moves it gets it back at {@link PinnedClock#DEFAULT} afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "membergraph.seed.enabled=false", "membergraph.demo.accounts=true",
				// Imports write in batches of a few rows and settle orders soon, so import tests cross batch boundaries.
				"membergraph.import.batch-rows=7", "membergraph.import.order-window=25",
				// Uploads wait in the build's directory, apart from any service running on this machine.
				"membergraph.import.spool-dir=target/test-import-spool",
				// Small enough that a test can go beyond it.
				"membergraph.import.max-upload=4MB",
				// A job saves its progress with every row, so a crash can fall anywhere after a saved resume point.
				"membergraph.import.progress-every=0s",
				// Every test signs in from 127.0.0.1: the per-address limit is SignInThrottleTests' to check.
				"membergraph.security.sign-in.free-failures-per-address=100000",
				// The pinned clock never refills an allowance: tests give their own keys small ones to check the limit.
				"membergraph.security.api-key-requests-per-minute=100000",
				"membergraph.security.member-tokens-per-minute=100000",
				// Work on a schedule runs by the wall clock against the pinned one, beside whatever test is running:
				// a sweep past a moved clock's grace, an expiry at ten past midnight. Tests run each one themselves.
				"membergraph.recovery.interval=PT24H", "membergraph.points.expiry-cron=-",
				"membergraph.tiers.review-cron=-" })
@Import({ PinnedClockConfiguration.class, StoreReads.Listening.class })
public abstract class ApplicationTest {

	public static final String DEMO_API_KEY = "demo-storefront-key";

	private static final AtomicLong phones = new AtomicLong();

	/** Tokens by port and user, with the instant they were issued at: reused while the clock stays near it. */
	private static final Map<String, IssuedAt> tokens = new ConcurrentHashMap<>();

	private record IssuedAt(String token, Instant at) {

		boolean validAt(Instant now) {
			return !now.isBefore(at) && now.isBefore(at.plus(Duration.ofHours(1)));
		}

	}

	@LocalServerPort
	protected int port;

	@Autowired
	private org.springframework.context.ApplicationContext context;

	@Autowired
	protected PinnedClock clock;

	@AfterEach
	void putTheClockBack() {
		clock.reset();
	}

	/** Now, as the application sees it. */
	protected Instant now() {
		return clock.instant();
	}

	/** Today in the business zone, as the application sees it. */
	protected LocalDate today() {
		return clock.today();
	}

	protected WebTestClient http() {
		return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
	}

	protected HttpGraphQlTester anonymous() {
		return HttpGraphQlTester.create(http().mutate().baseUrl("http://localhost:" + port + "/graphql").build());
	}

	/** A tester signed in as a demo account: admin, crm, marketer, support or storefront. */
	protected HttpGraphQlTester as(String username) {
		return withBearer(token(username));
	}

	/** A bearer token of a demo account, for REST calls. */
	protected String token(String username) {
		Instant now = now();
		return tokens.compute(port + ":" + username,
				(key, cached) -> cached != null && cached.validAt(now) ? cached : new IssuedAt(passwordToken(username), now))
			.token();
	}

	protected HttpGraphQlTester asMember(String memberId) {
		return withBearer(memberToken(memberId));
	}

	/**
	 * The recovery sweep as it runs once the grace period of what a crash left is over: the clock moves past the
	 * grace period first, since the sweep leaves younger work to its writer.
	 */
	protected int recoverySweepAfterGrace() {
		clock.advance(Duration.ofMinutes(11));
		return bean(io.membergraph.shared.RecoverySweep.class).sweep();
	}

	/** A member token, as a storefront obtains it for a signed-in member. */
	protected String memberToken(String memberId) {
		return accessToken(http().post()
			.uri("/auth/member-token")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token("storefront"))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("memberId", memberId))
			.exchange());
	}

	protected HttpGraphQlTester withApiKey(String apiKey) {
		return HttpGraphQlTester.create(http().mutate()
			.baseUrl("http://localhost:" + port + "/graphql")
			.defaultHeader("X-API-Key", apiKey)
			.build());
	}

	protected HttpGraphQlTester withBearer(String token) {
		return HttpGraphQlTester.create(http().mutate()
			.baseUrl("http://localhost:" + port + "/graphql")
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.build());
	}

	private String passwordToken(String username) {
		return accessToken(http().post()
			.uri("/auth/token")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("username", username, "password", "demo"))
			.exchange());
	}

	private static String accessToken(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("access_token")
			.toString();
	}

	/** A Chinese mobile number no other test uses. */
	/**
	 * Rows of an aggregate as a CRM specialist and as a marketer read them (the same document, {@code rows} the path
	 * to the list): the marketer's count and the figure resting on it are null where the count is 1 to 4, as every
	 * small group is withheld, and equal the specialist's elsewhere.
	 */
	protected void assertSmallGroupsWithheldFromMarketer(java.util.function.Function<String, GraphQlTester.Request<?>> request,
			String rows, String count, String figure) {
		var type = new ParameterizedTypeReference<Map<String, Object>>() {
		};
		List<Map<String, Object>> all = request.apply("crm").execute().path(rows).entityList(type).get();
		List<Map<String, Object>> seen = request.apply("marketer").execute().path(rows).entityList(type).get();
		assertThat(seen).hasSameSizeAs(all);
		for (int i = 0; i < all.size(); i++) {
			int members = ((Number) all.get(i).get(count)).intValue();
			boolean small = members >= 1 && members <= 4;
			assertThat(seen.get(i).get(count)).as(rows + "[" + i + "]." + count).isEqualTo(small ? null : members);
			assertThat(seen.get(i).get(figure)).as(rows + "[" + i + "]." + figure)
				.isEqualTo(small ? null : all.get(i).get(figure));
		}
	}

	protected static String newPhone() {
		return "177" + String.format("%08d", phones.incrementAndGet());
	}

	/** Registers a member (as admin) with a fresh phone and returns its id. */
	/**
	 * The read-model check (without repair) finds nothing off for these members: stats, order lists, purchase
	 * rollups and points as their orders and ledger say.
	 */
	protected void assertReadModelsAgreeFor(String... memberIds) {
		var report = as("admin").documentName("rebuildReadModels").variable("repair", false).execute();
		for (String model : List.of("memberStats", "memberOrderLists", "memberPurchases", "pointsTotals", "pointsLots")) {
			org.assertj.core.api.Assertions.assertThat(report.path("rebuildReadModels.report." + model)
				.entityList(String.class)
				.get()).as(model).doesNotContain(memberIds);
		}
	}

	/** Merges one member into another as an ADMIN would, asserting that the merge went through. */
	protected void mergeMembers(String survivorId, String mergedId) throws Exception {
		org.assertj.core.api.Assertions.assertThat(asAdmin(() -> bean(io.membergraph.member.MemberMerge.class)
			.merge(new io.membergraph.member.MemberMerge.MergeMembersInput(survivorId, mergedId, "duplicate"))).errors())
			.isEmpty();
	}

	protected String registerMember(String name) {
		return registerMember(name, newPhone(), List.of());
	}

	protected String registerMember(String name, String phone, List<String> tags) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", phone, "joinChannel", "WEB", "tags", tags))
			.execute()
			.path("registerMember.errors").entityList(Object.class).hasSize(0)
			.path("registerMember.member.id").entity(String.class).get();
	}

	/** What {@link #duringRegistration} started ({@code started}), and the member whose registration it met. */
	protected record MetRegistration(String memberId, String started) {
	}

	/**
	 * Starts something (an import) while a member's registration stands between its two writes: the phone claimed,
	 * the member not yet written. The member is registered, its document taken away, {@code start} run, and the
	 * document written back 1.5 s later, as the registration's second write.
	 */
	protected MetRegistration duringRegistration(String name, String phone, java.util.function.Supplier<String> start)
			throws InterruptedException {
		String member = registerMember(name, phone, List.of());
		com.mongodb.client.MongoCollection<Document> members = bean(
				org.springframework.data.mongodb.core.MongoTemplate.class).getCollection("members");
		Document written = members.findOneAndDelete(new Document("_id", member));
		String started = start.get();
		Thread.sleep(1_500);
		members.insertOne(written);
		return new MetRegistration(member, started);
	}

	/** Registers a member (as admin) of the province, joined in the app at {@code joinedAt}; returns its id. */
	protected String registerMemberIn(String province, Instant joinedAt) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", "会员", "phone", newPhone(), "joinChannel", "APP", "joinedAt",
					joinedAt.toString(), "region", Map.of("province", province, "city", "测试市")))
			.execute()
			.path("registerMember.member.id").entity(String.class).get();
	}

	/** A member who joined on 10 January 2026 through the channel, living in the province and city; its id. */
	protected String memberIn(String name, String joinChannel, String province, String city) {
		return as("admin").documentName("registerMember")
			.variable("input", Map.of("name", name, "phone", newPhone(), "joinChannel", joinChannel,
					"joinedAt", "2026-01-10T02:00:00Z", "region", Map.of("province", province, "city", city)))
			.execute().path("registerMember.member.id").entity(String.class).get();
	}

	/** Records (as a storefront app) an order of one SK-1001 at {@code amount}, placed and paid at {@code at}. */
	protected void recordPaidOrder(String memberId, Instant at, String amount) {
		as("storefront").documentName("recordOrder")
			.variable("input", Map.of("channel", "APP", "orderNumber", "PO-" + newPhone(), "memberId", memberId,
					"placedAt", at.toString(), "paidAt", at.toString(),
					"lines", List.of(Map.of("sku", "SK-1001", "quantity", 1, "unitPrice", amount))))
			.execute()
			.path("recordOrder.errors").entityList(Object.class).hasSize(0);
	}

	/** Uploads an export to {@code /api/import/{entity}} as the user, with a JSON mapping; returns the job id. */
	protected String startImport(String entity, String user, String csv, String mapping, String returnRule) {
		return startImport(entity, user, csv, mapping, returnRule, null);
	}

	/** As {@link #startImport(String, String, String, String, String)}, saying how loyalty treats the orders. */
	protected String startImport(String entity, String user, String csv, String mapping, String returnRule,
			String loyalty) {
		return startImport(entity, user, csv, mapping, returnRule, loyalty, null);
	}

	/** As above, saying also what becomes of orders of members no one has ({@code unknownMembers}). */
	protected String startImport(String entity, String user, String csv, String mapping, String returnRule,
			String loyalty, String unknownMembers) {
		Map<String, String> parameters = new java.util.LinkedHashMap<>();
		parameters.put("mapping", mapping);
		Optional.ofNullable(returnRule).ifPresent(rule -> parameters.put("returnRule", rule));
		Optional.ofNullable(loyalty).ifPresent(mode -> parameters.put("loyalty", mode));
		Optional.ofNullable(unknownMembers).ifPresent(unknown -> parameters.put("unknownMembers", unknown));
		return startImport(entity, user, csv, parameters);
	}

	/** Starts an import of the CSV with these parameters (each URL-encoded); returns the job's id. */
	protected String startImport(String entity, String user, String csv, Map<String, String> parameters) {
		return http().post()
			.uri(builder -> {
				builder.path("/api/import/" + entity).queryParam("fileName", entity + ".csv");
				parameters.keySet().forEach(name -> builder.queryParam(name, "{" + name + "}"));
				return builder.build(parameters);
			})
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token(user))
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv.getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus().isAccepted()
			.expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
	}

	/** The import job once it is no longer running (at most 10 s). */
	protected GraphQlTester.Response awaitImport(String jobId) {
		for (int attempt = 0; attempt < 200; attempt++) {
			GraphQlTester.Response response = as("crm").documentName("importJob").variable("id", jobId).execute();
			if (!"RUNNING".equals(response.path("importJob.status").entity(String.class).get())) {
				return response;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError("interrupted waiting for import " + jobId, ex);
			}
		}
		throw new AssertionError("import " + jobId + " did not finish in 10 s");
	}

	protected org.springframework.context.ApplicationContext context() {
		return context;
	}

	/**
	 * The points audit finds no discrepancy. It covers every member of the store all tests share, so a failure names
	 * each member it flags with the member, its account and its ledger entries as stored: enough to tell which test
	 * left it so (an intermittent one did, twice, in clean-clone runs).
	 */
	protected void assertPointsAuditFindsNothing() {
		List<Map<String, Object>> flagged = as("admin").documentName("pointsAudit").execute().path("pointsAudit")
			.entityList(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.get();
		if (flagged.isEmpty()) {
			return;
		}
		MongoTemplate mongo = bean(MongoTemplate.class);
		StringBuilder report = new StringBuilder("the points audit found discrepancies:");
		for (Map<String, Object> discrepancy : flagged) {
			Document byId = new Document("_id", discrepancy.get("memberId"));
			Document byMember = new Document("memberId", discrepancy.get("memberId"));
			Document member = mongo.getCollection("members").find(byId).first();
			Document account = mongo.getCollection("points_accounts").find(byId).first();
			report.append("\n").append(discrepancy).append("\n  member: ").append(member == null ? null : member.toJson())
				.append("\n  account: ").append(account == null ? null : account.toJson());
			mongo.getCollection("points_ledger")
				.find(byMember)
				.forEach(entry -> report.append("\n  entry: ").append(entry.toJson()));
		}
		throw new AssertionError(report.toString());
	}

	protected <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	/** Every bean of the type, in their {@code @Order}. */
	protected <T> List<T> beans(Class<T> type) {
		return context.getBeanProvider(type).orderedStream().toList();
	}

	/** Work done in the test's thread with an ADMIN's authority, as services called directly need. */
	protected interface AsAdmin<T> {

		T run() throws Exception;

	}

	protected static <T> T asAdmin(AsAdmin<T> work) throws Exception {
		org.springframework.security.core.context.SecurityContextHolder.getContext().setAuthentication(
				org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated("admin", null,
						List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
		try {
			return work.run();
		}
		finally {
			org.springframework.security.core.context.SecurityContextHolder.clearContext();
		}
	}

}
