package io.membergraph.graphql.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The question "is the client still there?" asked of a real connection (Tomcat, as the service runs on): a client
 * that waits gets whitespace ahead of its answer, under the content type it asked for; a client that has hung up is
 * found gone within a few questions.
 */
class ClientLineTests {

	private static final String ANSWER = "{\"data\":{}}";

	@TempDir
	Path baseDir;

	private Tomcat tomcat;

	private int port;

	/** How many questions the servlet asked before the client was found gone, or -1 if it never was. */
	private final CompletableFuture<Integer> askedUntilGone = new CompletableFuture<>();

	@BeforeEach
	void startTomcat() throws Exception {
		tomcat = new Tomcat();
		tomcat.setSilent(true);
		tomcat.setBaseDir(baseDir.toString());
		tomcat.setPort(0);
		StandardContext context = (StandardContext) tomcat.addContext("", baseDir.toString());
		// Nothing of the test's class loader to clean up, and the checks warn without module access.
		context.setClearReferencesThreadLocals(false);
		context.setClearReferencesRmiTargets(false);
		Tomcat.addServlet(context, "graphql", new AskingServlet());
		context.addServletMappingDecoded("/", "graphql");
		tomcat.getConnector();
		tomcat.start();
		port = tomcat.getConnector().getLocalPort();
	}

	@AfterEach
	void stopTomcat() throws Exception {
		tomcat.stop();
		tomcat.destroy();
	}

	/** Asks {@code ?questions=} times (or until the client has gone), 10 ms apart, then answers. */
	private final class AskingServlet extends HttpServlet {

		@Override
		protected void service(HttpServletRequest request, HttpServletResponse response) {
			ClientLine line = new ClientLine.ServletLine(response, ClientLine.answerType(request));
			int questions = Integer.parseInt(request.getParameter("questions"));
			try {
				for (int asked = 1; asked <= questions; asked++) {
					if (!line.stillThere()) {
						askedUntilGone.complete(asked);
						return;
					}
					Thread.sleep(10);
				}
				response.getOutputStream().write(ANSWER.getBytes(StandardCharsets.UTF_8));
				askedUntilGone.complete(-1);
			}
			catch (Exception ex) {
				askedUntilGone.completeExceptionally(ex);
			}
		}

	}

	@Test
	void aClientThatWaitsGetsTheAnswerAfterWhitespaceUnderTheTypeItAskedFor() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql?questions=3"))
				.header("Accept", "application/graphql-response+json, application/json")
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/graphql-response+json");
		assertThat(response.body()).isEqualTo("   " + ANSWER);
		assertThat(askedUntilGone.get(5, TimeUnit.SECONDS)).isEqualTo(-1);
	}

	@Test
	void aClientThatHangsUpIsFoundGoneWithinAFewQuestions() throws Exception {
		try (Socket client = new Socket("localhost", port)) {
			OutputStream out = client.getOutputStream();
			out.write(("GET /graphql?questions=500 HTTP/1.1\r\nHost: localhost\r\nAccept: application/json\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = client.getInputStream();
			assertThat(in.read()).as("the response has begun: the servlet is asking").isNotEqualTo(-1);
		}

		assertThat(askedUntilGone.get(10, TimeUnit.SECONDS)).as("questions asked, 10 ms apart, of 500")
			.isBetween(2, 100);
	}

	@Test
	void theAnswerTypeIsTheOneTheGraphQlHandlerChooses() {
		assertThat(ClientLine.answerType(accepting("application/json, application/graphql-response+json")))
			.isEqualTo("application/json");
		assertThat(ClientLine.answerType(accepting("application/graphql-response+json;q=0.9, application/json")))
			.as("a type with parameters is not one of the handler's: the next one is").isEqualTo("application/json");
		assertThat(ClientLine.answerType(accepting("*/*"))).isEqualTo("application/json");
		assertThat(ClientLine.answerType(new MockHttpServletRequest())).isEqualTo("application/json");
		assertThat(ClientLine.answerType(accepting("not a type"))).as("refused by the handler: never asked").isNull();
		assertThat(ClientLine.answerType(accepting("text/event-stream"))).as("events: never asked").isNull();
	}

	@Test
	void theLineLeadsToTheClientOfTheRequestThisThreadServesAndNowhereElse() {
		assertThat(ClientLine.ofCurrentRequest()).as("no request: a warm-up, a test").isSameAs(ClientLine.NONE);
		try {
			RequestContextHolder.setRequestAttributes(
					new ServletRequestAttributes(accepting("application/json"), new MockHttpServletResponse()));
			assertThat(ClientLine.ofCurrentRequest()).isInstanceOf(ClientLine.ServletLine.class);

			RequestContextHolder.setRequestAttributes(
					new ServletRequestAttributes(accepting("text/event-stream"), new MockHttpServletResponse()));
			assertThat(ClientLine.ofCurrentRequest()).as("a stream of events is never written ahead of")
				.isSameAs(ClientLine.NONE);
		}
		finally {
			RequestContextHolder.resetRequestAttributes();
		}
	}

	private static MockHttpServletRequest accepting(String accept) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Accept", accept);
		return request;
	}

}
