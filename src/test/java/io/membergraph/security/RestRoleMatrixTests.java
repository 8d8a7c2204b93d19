package io.membergraph.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import io.membergraph.ApplicationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static io.membergraph.security.RestRoleMatrixTests.Caller.ADMIN;
import static io.membergraph.security.RestRoleMatrixTests.Caller.API_KEY;
import static io.membergraph.security.RestRoleMatrixTests.Caller.CRM;
import static io.membergraph.security.RestRoleMatrixTests.Caller.MARKETER;
import static io.membergraph.security.RestRoleMatrixTests.Caller.STOREFRONT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role matrix of the REST endpoints (imports, downloads, contact uploads, member tokens): each caller is
 * allowed (anything but 401 and 403), refused with 403, or, anonymous, asked to sign in with 401. A new endpoint
 * without a row here fails {@link #everyEndpointHasARow}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestRoleMatrixTests extends ApplicationTest {

	enum Caller {

		ANONYMOUS, ADMIN, CRM, MARKETER, SUPPORT, STOREFRONT, API_KEY, MEMBER

	}

	/** One endpoint: how to call it, and who may. */
	record Endpoint(HttpMethod method, String pattern, Function<RestRoleMatrixTests, String> uri, MediaType type,
			String body, Set<Caller> allowed) {

		@Override
		public String toString() {
			return method + " " + pattern;
		}

	}

	private String memberId;

	private String segmentId;

	private String campaignId;

	@BeforeAll
	void fixtures() {
		memberId = registerMember("REST Matrix");
		segmentId = as("admin").documentName("saveSegment")
			.variable("input", Map.of("name", "REST 矩阵 " + newPhone(), "query", "region.province = '无人省'"))
			.execute().path("saveSegment.segment.id").entity(String.class).get();
		campaignId = as("admin").documentName("createCampaign")
			.variable("input", Map.of("name", "REST Matrix", "channel", "APP", "startsAt", "2026-12-01T00:00:00+08:00",
					"endsAt", "2026-12-12T00:00:00+08:00", "controlGroupShare", 0.1))
			.execute().path("createCampaign.campaign.id").entity(String.class).get();
	}

	private static final List<Endpoint> ENDPOINTS = List.of(
			new Endpoint(HttpMethod.POST, "/api/import/{entity}", t -> "/api/import/members?mapping={m}",
					MediaType.valueOf("text/csv"), "name,phone\n", EnumSet.of(ADMIN, CRM)),
			new Endpoint(HttpMethod.POST, "/api/import/{entity}/layout", t -> "/api/import/members/layout?mapping={m}",
					MediaType.valueOf("text/csv"), "name,phone\n", EnumSet.of(ADMIN, CRM)),
			new Endpoint(HttpMethod.POST, "/api/import/{entity}/preview", t -> "/api/import/members/preview?mapping={m}",
					MediaType.valueOf("text/csv"), "name,phone\n", EnumSet.of(ADMIN, CRM)),
			new Endpoint(HttpMethod.GET, "/api/import/jobs/{jobId}", t -> "/api/import/jobs/J-none", null, null,
					EnumSet.of(ADMIN, CRM)),
			new Endpoint(HttpMethod.GET, "/api/import/jobs/{jobId}/rejects.csv", t -> "/api/import/jobs/J-none/rejects.csv",
					null, null, EnumSet.of(ADMIN, CRM)),
			new Endpoint(HttpMethod.GET, "/api/segments/{id}/members.csv", t -> "/api/segments/" + t.segmentId + "/members.csv",
					null, null, EnumSet.of(ADMIN, CRM, MARKETER)),
			new Endpoint(HttpMethod.POST, "/api/campaigns/{id}/contacts", t -> "/api/campaigns/" + t.campaignId + "/contacts",
					MediaType.valueOf("text/csv"), "memberId,kind\n", EnumSet.of(ADMIN, MARKETER)),
			new Endpoint(HttpMethod.POST, "/auth/member-token", t -> "/auth/member-token", MediaType.APPLICATION_JSON,
					null, EnumSet.of(ADMIN, STOREFRONT, API_KEY)));

	Stream<Arguments> everyEndpointForEveryCaller() {
		return ENDPOINTS.stream().flatMap(endpoint -> Stream.of(Caller.values()).map(caller -> Arguments.of(endpoint, caller)));
	}

	@ParameterizedTest(name = "{0} by {1}")
	@MethodSource("everyEndpointForEveryCaller")
	void eachCallerGetsWhatTheRoleMatrixSays(Endpoint endpoint, Caller caller) {
		WebTestClient.RequestBodySpec request = http().method(endpoint.method())
			.uri(endpoint.uri().apply(this), "{\"name\":\"name\",\"phone\":\"phone\",\"joinChannel\":{\"value\":\"WEB\"}}");
		credentials(caller).forEach(request::header);
		WebTestClient.RequestHeadersSpec<?> ready = request;
		if (endpoint.type() != null) {
			request.contentType(endpoint.type());
			ready = request.bodyValue(endpoint.body() != null ? endpoint.body()
					: "{\"memberId\":\"" + memberId + "\"}");
		}
		int status = ready.exchange().returnResult(byte[].class).getStatus().value();
		if (endpoint.allowed().contains(caller)) {
			assertThat(status).as("%s by %s", endpoint, caller).isNotIn(401, 403);
		}
		else {
			assertThat(status).as("%s by %s", endpoint, caller).isEqualTo(caller == Caller.ANONYMOUS ? 401 : 403);
		}
	}

	@Test
	void everyEndpointHasARow() {
		Set<String> served = new TreeSet<>();
		context().getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods().keySet().forEach(info -> info.getPatternValues()
			.stream()
			.filter(pattern -> pattern.startsWith("/api/") || pattern.equals("/auth/member-token"))
			.forEach(pattern -> info.getMethodsCondition().getMethods()
				.forEach(method -> served.add(method.name() + " " + pattern))));
		assertThat(served).isNotEmpty()
			.allSatisfy(endpoint -> assertThat(ENDPOINTS).extracting(Endpoint::toString).as("a row for " + endpoint)
				.contains(endpoint));
	}

	private Map<String, String> credentials(Caller caller) {
		return switch (caller) {
			case ANONYMOUS -> Map.of();
			case ADMIN -> bearer(token("admin"));
			case CRM -> bearer(token("crm"));
			case MARKETER -> bearer(token("marketer"));
			case SUPPORT -> bearer(token("support"));
			case STOREFRONT -> bearer(token("storefront"));
			case API_KEY -> Map.of("X-API-Key", DEMO_API_KEY);
			case MEMBER -> bearer(memberToken(memberId));
		};
	}

	private static Map<String, String> bearer(String token) {
		return Map.of(HttpHeaders.AUTHORIZATION, "Bearer " + token);
	}

}
