package io.membergraph.security.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.membergraph.graphql.WarmUpPass;
import io.membergraph.security.Role;
import io.membergraph.security.TokenIssuer;
import io.membergraph.shared.WarmUp;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sends a few requests through the service's own port before the requests over the read models warm up: a probe,
 * a sign-in without credentials, a GraphQL request with a member's token and one with a staff token that has no
 * account. The first requests load and compile what every request goes through (the connector, the filters, the
 * token checks, the message converters), which the in-process warm-ups after it never touch; run here, the first
 * user does not pay for it, and the warm-ups after it run on code that has already seen a request come in through
 * the port (BENCHMARKS.md, first calls after ready). Nothing is written and nobody's data read: the member and the
 * staff account do not exist, the sign-in is refused before any account is looked up.
 */
@Component
@ConditionalOnWebApplication
@Order(WarmUp.BEFORE_REQUESTS_OVER_READ_MODELS)
public class FrontDoorWarmUp implements WarmUp {

	private static final Log log = LogFactory.getLog(FrontDoorWarmUp.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/**
	 * A request with variables, one of them text beyond Latin-1, as the console and every client sends: reading them
	 * from the body is a path of its own, and the first such request after a start took 3–8 ms more than the next
	 * (BENCHMARKS.md, the first segment preview). The catalogue's products of a category no product has: no one's data.
	 */
	private static final String WITH_VARIABLES = "{\"query\":\"query frontDoorWarmUpWithVariables($category: String) "
			+ "{ products(category: $category, first: 1) { edges { node { sku } } } }\",\"variables\":{\"category\":"
			+ "\"(warm-up) 预热\"}}";

	/** A name no account can have: an account's username has no parentheses. */
	private static final String NOBODY = "(warm-up)";

	private final ObjectProvider<TokenIssuer> issuer;

	private final WarmUpPass pass;

	private final Environment environment;

	private volatile Integer port;

	FrontDoorWarmUp(ObjectProvider<TokenIssuer> issuer, WarmUpPass pass, Environment environment) {
		this.issuer = issuer;
		this.pass = pass;
		this.environment = environment;
	}

	@EventListener
	void serverStarted(WebServerInitializedEvent started) {
		// The management server, when it has a port of its own, has a namespace.
		if (started.getApplicationContext().getServerNamespace() == null) {
			this.port = started.getWebServer().getPort();
		}
	}

	@Override
	public void warm() {
		knock();
	}

	/** The requests' status codes, in order; none when there is no plain HTTP port of our own to knock on. */
	List<Integer> knock() {
		Integer listening = this.port;
		if (listening == null || listening <= 0 || environment.getProperty("server.ssl.enabled", Boolean.class, false)
				|| environment.containsProperty("server.ssl.bundle")) {
			return List.of();
		}
		String base = "http://" + host() + ":" + listening + environment.getProperty("server.servlet.context-path", "");
		List<HttpRequest> requests = new ArrayList<>();
		requests.add(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).timeout(TIMEOUT).GET().build());
		requests.add(json(base + "/auth/token", "{}").build());
		TokenIssuer tokens = issuer.getIfAvailable();
		if (tokens != null) {
			String query = "{\"query\":\"query frontDoorWarmUp { tiers { code name rank } }\"}";
			requests.add(json(base + "/graphql", query)
				.header("Authorization", "Bearer " + tokens.issue(NOBODY, List.of(Role.MEMBER)).accessToken())
				.build());
			requests.add(json(base + "/graphql", query)
				.header("Authorization", "Bearer " + tokens.issue(NOBODY, List.of(Role.MARKETER)).accessToken())
				.build());
			requests.add(json(base + "/graphql", WITH_VARIABLES)
				.header("Authorization", "Bearer " + tokens.issue(NOBODY, List.of(Role.MEMBER)).accessToken())
				.build());
		}
		List<Integer> answers = new ArrayList<>();
		HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
		try {
			for (HttpRequest request : requests) {
				long sent = System.nanoTime();
				int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				answers.add(status);
				log.debug(String.format("Front door warm-up: %s %s answered %d in %d ms", request.method(),
						request.uri().getPath(), status, (System.nanoTime() - sent) / 1_000_000));
			}
		}
		catch (IOException ex) {
			log.warn("Front door warm-up: " + base + " did not answer (" + ex.getMessage() + "); the first requests "
					+ "after ready may be slower");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return answers;
	}

	/**
	 * Where the server listens: the loopback interface, unless it is bound to one address only (its requests then
	 * come from that address, and the readiness gate answers them 503: they still load the web stack).
	 */
	private String host() {
		String address = environment.getProperty("server.address", "");
		if (address.isBlank() || address.equals("0.0.0.0") || address.equals("::") || address.equals("0:0:0:0:0:0:0:0")) {
			return "127.0.0.1";
		}
		return address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
	}

	private HttpRequest.Builder json(String uri, String body) {
		return HttpRequest.newBuilder(URI.create(uri))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header(WarmUpPass.HEADER, pass.secret())
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	@Override
	public String toString() {
		return "front door";
	}

}
